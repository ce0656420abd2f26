#include "model/validator.h"

#include <string>
#include <unordered_map>

#include "model/graph_analysis.h"
#include "model/reference_check.h"

namespace taskweave::model {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string graph_label(const Graph& graph) {
  return (graph.kind == GraphKind::Workflow ? "workflow " : "worklet ") + quoted(graph.name);
}

void check_cycle(const Workflow& workflow, const Graph& graph, Diagnostics& diagnostics) {
  auto cycle = find_cycle(graph);
  if (!cycle) return;
  std::string path;
  for (TaskIndex t : *cycle) path += std::string(graph.tasks[t].name) + " -> ";
  path += graph.tasks[cycle->front()].name;
  // Point at the link that closes the cycle.
  pugi::xml_node closing;
  for (LinkIndex l : graph.tasks[cycle->back()].out_links)
    if (graph.links[l].to == cycle->front()) closing = graph.links[l].xml;
  diagnostics.error("cycle", workflow.position(closing),
                    "cycle in " + graph_label(graph) + ": " + path +
                        "; links must not form a loop, remove one of these links");
}

void check_reachable(const Workflow& workflow, const Graph& graph, Diagnostics& diagnostics) {
  if (graph.start == kNoTask) return;
  const std::vector<bool> reachable = reachable_from_start(graph);
  for (std::size_t i = 0; i < graph.tasks.size(); ++i) {
    if (reachable[i]) continue;
    diagnostics.warning("unreachable", workflow.position(graph.tasks[i].xml),
                        "task instance " + quoted(graph.tasks[i].name) + " in " +
                            graph_label(graph) + " cannot be reached from the Start task " +
                            quoted(graph.tasks[graph.start].name) +
                            " (no chain of links leads to it), so it never runs; link it or "
                            "remove it");
  }
}

// Worklet instances point at worklet graphs; through folder-level definitions a worklet can
// end up containing itself. Walks the containment iteratively, reporting a loop or excessive
// nesting once.
void check_worklet_nesting(const Workflow& workflow, Diagnostics& diagnostics) {
  struct Frame {
    const Graph* graph;
    std::size_t next_task;
  };
  enum class State { Unvisited, Active, Done };
  std::unordered_map<const Graph*, State> state;
  std::vector<Frame> stack{{&workflow.root, 0}};
  state[&workflow.root] = State::Active;
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_task == top.graph->tasks.size()) {
      state[top.graph] = State::Done;
      stack.pop_back();
      continue;
    }
    const TaskInstance& task = top.graph->tasks[top.next_task++];
    if (!task.worklet) continue;
    State& s = state[task.worklet];
    if (s == State::Active) {
      std::string path;
      for (const Frame& f : stack) path += quoted(f.graph->name) + " -> ";
      diagnostics.error("worklet-recursion", workflow.position(task.xml),
                        "worklet " + quoted(task.worklet->name) + " contains itself (" + path +
                            quoted(task.worklet->name) +
                            "); a worklet cannot run inside itself, remove this instance");
      return;
    }
    if (s == State::Done) continue;
    if (stack.size() >= kMaxWorkletNesting) {
      diagnostics.error("worklet-nesting", workflow.position(task.xml),
                        "worklets are nested more than " + std::to_string(kMaxWorkletNesting) +
                            " deep at instance " + quoted(task.name) + "; flatten the nesting");
      return;
    }
    s = State::Active;
    stack.push_back({task.worklet, 0});
  }
}

}  // namespace

void validate(const Workflow& workflow, Diagnostics& diagnostics) {
  auto check_graph = [&](const Graph& graph) {
    check_cycle(workflow, graph, diagnostics);
    check_reachable(workflow, graph, diagnostics);
    check_references(workflow, graph, diagnostics);
  };
  check_graph(workflow.root);
  for (const auto& g : workflow.worklet_graphs) check_graph(*g);
  check_worklet_nesting(workflow, diagnostics);
}

}  // namespace taskweave::model
