#include <ostream>
#include <string>
#include <vector>

#include "model/graph_analysis.h"
#include "model/plan.h"
#include "model/validator.h"

namespace taskweave::model {
namespace {

std::string join_names(const Graph& graph, std::span<const TaskIndex> tasks,
                       std::string_view separator) {
  std::string out;
  for (TaskIndex t : tasks) {
    if (!out.empty()) out += separator;
    out += graph.tasks[t].name;
  }
  return out;
}

void write_graph(std::ostream& out, const Graph& graph, const std::string& title) {
  out << title << '\n';
  const auto analysis = analyze(graph);
  if (!analysis) {
    out << "  the links form a cycle: no levels (run `taskweave validate` for details)\n\n";
    return;
  }
  const AnalysisSummary& s = analysis->summary;
  out << "  levels:\n";
  for (std::size_t i = 0; i < analysis->levels.size(); ++i)
    out << "    " << i << ": " << join_names(graph, analysis->levels[i], ", ") << '\n';
  out << "  critical path (" << analysis->critical_path.size()
      << " tasks): " << join_names(graph, analysis->critical_path, " -> ") << '\n';
  out << "  analysis: " << s.total_tasks << " tasks, " << s.total_links << " links, depth "
      << s.depth << ", max parallel " << s.max_parallel
      << ", parallel branches: " << (s.has_parallel_branches ? "yes" : "no")
      << ", decisions: " << (s.has_decisions ? "yes" : "no") << '\n';
  out << "  task types: ";
  const char* separator = "";
  for (const auto& [type, count] : s.task_types) {
    out << separator << type << ' ' << count;
    separator = ", ";
  }
  out << "\n\n";
}

}  // namespace

void write_plan_text(std::ostream& out,
                     std::span<const std::shared_ptr<const Workflow>> workflows) {
  struct Item {
    const Graph* graph;
    std::string path;  // instance path of a worklet ("WKL_A.WKL_B")
    std::size_t depth;
  };
  for (const auto& w : workflows) {
    // Depth-first with an explicit stack, so worklets follow their parent in file order.
    std::vector<Item> stack{{&w->root, "", 0}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      const Graph& g = *item.graph;
      if (item.depth == 0) {
        write_graph(out, g,
                    "workflow " + std::string(g.name) + " (folder " + std::string(w->folder) +
                        ", definition hash " + w->definition_hash_hex() + ")");
      } else {
        write_graph(out, g, "worklet " + std::string(g.name) + " (instance " + item.path + ")");
      }
      if (item.depth >= kMaxWorkletNesting) continue;
      for (auto t = g.tasks.rbegin(); t != g.tasks.rend(); ++t)
        if (t->worklet)
          stack.push_back({t->worklet,
                           (item.path.empty() ? "" : item.path + ".") + std::string(t->name),
                           item.depth + 1});
    }
  }
}

}  // namespace taskweave::model
