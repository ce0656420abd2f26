// `--simulate PATH=STATUS[:rows=N]` (cli-contract.md): under a dry run, the task at PATH ends
// with STATUS instead of SUCCEEDED, and a session reports N rows (default 1 when SUCCEEDED, 0
// otherwise).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "expr/result.h"
#include "expr/value.h"

namespace taskweave::run {

struct Simulation {
  expr::Status status = expr::Status::Succeeded;
  std::optional<std::int64_t> rows;
};

// Keyed by task path, upper-cased (instance names compare case-insensitively).
class Simulations {
 public:
  // Parses one --simulate argument and adds it; an error names what is wrong with it.
  std::optional<std::string> add(std::string_view spec);
  const Simulation* find(std::string_view path) const;
  bool empty() const { return by_path_.empty(); }
  const std::map<std::string, Simulation>& all() const { return by_path_; }

 private:
  std::map<std::string, Simulation> by_path_;
};

std::string upper_path(std::string_view path);

}  // namespace taskweave::run
