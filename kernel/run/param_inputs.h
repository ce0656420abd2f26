// RunInputs for a real run: the parameter file (kernel/params) for parameter values, and a
// callback for the saved values of persistent variables (the state store's).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "params/param_file.h"
#include "run/run_inputs.h"

namespace taskweave::run {

using PersistedLookup =
    std::function<std::optional<expr::Value>(std::string_view scope, std::string_view name)>;

class ParamInputs : public RunInputs {
 public:
  // `file` may be null (no parameter file); `persisted` may be empty (nothing saved).
  ParamInputs(const params::ParamFile* file, params::ParamScope workflow_scope,
              PersistedLookup persisted)
      : file_(file), scope_(std::move(workflow_scope)), persisted_(std::move(persisted)) {}

  std::optional<std::string> parameter(std::span<const std::string> worklet_path,
                                       std::string_view session,
                                       std::string_view name) const override;
  std::optional<expr::Value> persisted(std::string_view scope,
                                       std::string_view name) const override;

 private:
  const params::ParamFile* file_;
  params::ParamScope scope_;  // folder, workflow and service of the run
  PersistedLookup persisted_;
};

}  // namespace taskweave::run
