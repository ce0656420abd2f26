#include "model/graph_analysis.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>

namespace taskweave::model {
namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = BoostGraph::vertex_descriptor;
using Edge = BoostGraph::edge_descriptor;

BoostGraph to_boost(const Graph& graph) {
  BoostGraph g(graph.tasks.size());
  for (const Link& link : graph.links) boost::add_edge(link.from, link.to, g);
  return g;
}

// Records the DFS tree and the first back edge. Boost's depth_first_search keeps its own stack
// (it is not recursive), which is what lets a 100k-deep chain through.
class CycleRecorder : public boost::default_dfs_visitor {
 public:
  CycleRecorder(std::vector<Vertex>& parent, std::optional<Edge>& back_edge)
      : parent_(parent), back_edge_(back_edge) {}
  void tree_edge(Edge e, const BoostGraph& g) const {
    parent_[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Edge e, const BoostGraph&) const {
    if (!back_edge_) back_edge_ = e;
  }

 private:
  std::vector<Vertex>& parent_;
  std::optional<Edge>& back_edge_;
};

class ReachRecorder : public boost::default_bfs_visitor {
 public:
  explicit ReachRecorder(std::vector<bool>& seen) : seen_(seen) {}
  void discover_vertex(Vertex v, const BoostGraph&) const { seen_[v] = true; }

 private:
  std::vector<bool>& seen_;
};

}  // namespace

std::optional<std::vector<TaskIndex>> find_cycle(const Graph& graph) {
  const BoostGraph g = to_boost(graph);
  std::vector<Vertex> parent(graph.tasks.size());
  std::optional<Edge> back;
  std::vector<boost::default_color_type> colors(graph.tasks.size());
  boost::depth_first_search(g, boost::visitor(CycleRecorder(parent, back))
                                   .color_map(boost::make_iterator_property_map(
                                       colors.begin(), boost::get(boost::vertex_index, g))));
  if (!back) return std::nullopt;
  // The back edge u -> v closes the cycle v -> ... -> u along tree edges.
  const Vertex u = boost::source(*back, g), v = boost::target(*back, g);
  std::vector<TaskIndex> cycle;
  for (Vertex w = u; w != v; w = parent[w]) cycle.push_back(static_cast<TaskIndex>(w));
  cycle.push_back(static_cast<TaskIndex>(v));
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

std::vector<bool> reachable_from_start(const Graph& graph) {
  std::vector<bool> seen(graph.tasks.size(), false);
  if (graph.start == kNoTask) return seen;
  const BoostGraph g = to_boost(graph);
  std::vector<boost::default_color_type> colors(graph.tasks.size());
  boost::breadth_first_search(g, graph.start,
                              boost::visitor(ReachRecorder(seen))
                                  .color_map(boost::make_iterator_property_map(
                                      colors.begin(), boost::get(boost::vertex_index, g))));
  return seen;
}

std::optional<std::vector<TaskIndex>> topological_order(const Graph& graph) {
  // Kahn's algorithm over the links, taking ready tasks in file order.
  const std::size_t n = graph.tasks.size();
  std::vector<std::size_t> pending(n);
  std::vector<TaskIndex> order;
  order.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    pending[i] = graph.tasks[i].in_links.size();
    if (pending[i] == 0) order.push_back(static_cast<TaskIndex>(i));
  }
  for (std::size_t head = 0; head < order.size(); ++head)
    for (LinkIndex l : graph.tasks[order[head]].out_links)
      if (--pending[graph.links[l].to] == 0) order.push_back(graph.links[l].to);
  if (order.size() != n) return std::nullopt;
  return order;
}

std::optional<GraphAnalysis> analyze(const Graph& graph) {
  auto order = topological_order(graph);
  if (!order) return std::nullopt;
  const std::size_t n = graph.tasks.size();
  GraphAnalysis result;

  // level = longest chain of input links; best_pred lets us walk the longest path back.
  std::vector<std::size_t> level(n, 0);
  std::vector<TaskIndex> best_pred(n, kNoTask);
  for (TaskIndex t : *order) {
    for (LinkIndex l : graph.tasks[t].in_links) {
      const TaskIndex from = graph.links[l].from;
      if (best_pred[t] == kNoTask || level[from] + 1 > level[t] ||
          (level[from] + 1 == level[t] && from < best_pred[t])) {
        level[t] = level[from] + 1;
        best_pred[t] = from;
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (level[i] >= result.levels.size()) result.levels.resize(level[i] + 1);
    result.levels[level[i]].push_back(static_cast<TaskIndex>(i));
  }
  if (n > 0) {
    TaskIndex end = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (level[i] > level[end]) end = static_cast<TaskIndex>(i);
    for (TaskIndex t = end; t != kNoTask; t = best_pred[t]) result.critical_path.push_back(t);
    std::reverse(result.critical_path.begin(), result.critical_path.end());
  }

  AnalysisSummary& s = result.summary;
  s.total_tasks = n;
  s.total_links = graph.links.size();
  s.depth = result.levels.size();
  for (const auto& lv : result.levels) s.max_parallel = std::max(s.max_parallel, lv.size());
  for (const TaskInstance& t : graph.tasks) {
    ++s.task_types[std::string(t.type_name())];
    s.has_decisions = s.has_decisions || t.type == TaskType::Decision;
    s.has_parallel_branches = s.has_parallel_branches || t.out_links.size() > 1;
  }
  return result;
}

}  // namespace taskweave::model
