// Per-graph data the scheduler derives once from the model and shares between every frame that
// runs the graph: the concurrency pool of each task and the index of each declared variable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr/value.h"
#include "model/graph.h"
#include "model/text.h"
#include "run/names.h"
#include "run/scheduler.h"

namespace taskweave::run {

struct Scheduler::GraphCache {
  std::vector<std::uint16_t> pool;  // per task: 0 = default pool, i + 1 = pool_types[i]
  std::unordered_map<std::string_view, std::uint32_t, model::IHash, model::IEqual> variables;
  std::vector<expr::Type> variable_types;  // declared type per variable

  GraphCache(const model::Graph& graph, const std::vector<std::string>& pool_types) {
    pool.resize(graph.tasks.size(), 0);
    std::unordered_map<std::string, std::uint16_t> by_type;
    for (std::size_t i = 0; i < pool_types.size(); ++i)
      by_type.emplace(pool_types[i], static_cast<std::uint16_t>(i + 1));
    if (!by_type.empty()) {
      for (std::size_t t = 0; t < graph.tasks.size(); ++t) {
        auto it = by_type.find(upper_ascii(graph.tasks[t].type_name()));
        if (it != by_type.end()) pool[t] = it->second;
      }
    }
    for (std::size_t v = 0; v < graph.variables.size(); ++v) {
      variables.emplace(graph.variables[v].name, static_cast<std::uint32_t>(v));
      variable_types.push_back(
          expr::parse_type_name(graph.variables[v].datatype).value_or(expr::Type::String));
    }
  }
};

}  // namespace taskweave::run
