// What a run reads from outside the workflow definition: parameter-file values and the saved
// values of persistent variables. The scheduling core sees them only through this interface,
// so tests supply maps and the CLI supplies the parameter file and the state store.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "expr/value.h"

namespace taskweave::run {

class RunInputs {
 public:
  virtual ~RunInputs() = default;
  // A parameter-file value for `name` ("$$X", "$PMRootDir", "$InputFile1") as seen from a
  // worklet path ({} for the workflow, {"WKL_A"} inside WKL_A) and, for a session's own
  // parameters, the session instance name ("" otherwise); the most specific section wins.
  virtual std::optional<std::string> parameter(std::span<const std::string> worklet_path,
                                               std::string_view session,
                                               std::string_view name) const = 0;
  // The value a persistent variable was saved with at the end of an earlier run of the same
  // workflow. `scope` is "" for the workflow or the worklet instance path ("WKL_A").
  virtual std::optional<expr::Value> persisted(std::string_view scope,
                                               std::string_view name) const = 0;
};

// No parameter file and nothing persisted.
class NoRunInputs : public RunInputs {
 public:
  std::optional<std::string> parameter(std::span<const std::string>, std::string_view,
                                       std::string_view) const override {
    return std::nullopt;
  }
  std::optional<expr::Value> persisted(std::string_view, std::string_view) const override {
    return std::nullopt;
  }
};

}  // namespace taskweave::run
