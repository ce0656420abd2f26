// Structure of one graph, computed with Boost.Graph: cycles, reachability from Start, levels,
// critical path and the plan's "analysis" block (cli-contract.md). Every algorithm is iterative,
// so a 100,000-task chain is fine. Conditions are ignored: this is about the links alone.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/graph.h"

namespace taskweave::model {

// A cycle as its tasks in link order (the last links back to the first), or nullopt for a DAG.
std::optional<std::vector<TaskIndex>> find_cycle(const Graph& graph);

// reachable[i]: a chain of links leads from the Start task to task i (Start itself included).
// All false when the graph has no Start task.
std::vector<bool> reachable_from_start(const Graph& graph);

// A topological order of the tasks (file order among independent tasks); nullopt on a cycle.
std::optional<std::vector<TaskIndex>> topological_order(const Graph& graph);

struct AnalysisSummary {
  std::size_t total_tasks = 0;
  std::size_t total_links = 0;
  std::size_t max_parallel = 0;                   // size of the largest level
  std::size_t depth = 0;                          // number of levels
  std::map<std::string, std::size_t> task_types;  // type name -> count, sorted by name
  bool has_decisions = false;
  bool has_parallel_branches = false;  // some task has more than one outgoing link
};

struct GraphAnalysis {
  // levels[k]: the tasks whose longest chain of input links has k links, in file order.
  std::vector<std::vector<TaskIndex>> levels;
  std::vector<TaskIndex> critical_path;  // a longest path by number of tasks
  AnalysisSummary summary;
};

// nullopt when the graph has a cycle (levels are undefined then; find_cycle names it).
std::optional<GraphAnalysis> analyze(const Graph& graph);

}  // namespace taskweave::model
