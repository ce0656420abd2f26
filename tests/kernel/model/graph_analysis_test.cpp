#include "model/graph_analysis.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace taskweave::model {
namespace {

// A Graph built directly (no XML): tasks "t0".."t<n-1>", t0 is Start.
struct TestGraph {
  std::vector<std::string> names;
  Graph graph;

  TestGraph(std::size_t n, const std::vector<std::pair<TaskIndex, TaskIndex>>& edges) {
    names.reserve(n);  // the Graph holds views of these strings
    for (std::size_t i = 0; i < n; ++i) {
      names.push_back("t" + std::to_string(i));
      TaskInstance t;
      t.name = names.back();
      t.type = i == 0 ? TaskType::Start : TaskType::Command;
      graph.tasks.push_back(t);
    }
    graph.start = 0;
    for (auto [from, to] : edges) {
      const auto index = static_cast<LinkIndex>(graph.links.size());
      Link link;
      link.from = from;
      link.to = to;
      graph.links.push_back(link);
      graph.tasks[from].out_links.push_back(index);
      graph.tasks[to].in_links.push_back(index);
    }
  }
};

TEST(GraphAnalysis, LevelsCriticalPathAndSummary) {
  // t0 -> t1 -> t3 -> t4, t0 -> t2 -> t4, t0 -> t5 (a diamond plus a side branch).
  TestGraph g(6, {{0, 1}, {1, 3}, {3, 4}, {0, 2}, {2, 4}, {0, 5}});
  const auto a = analyze(g.graph);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->levels, (std::vector<std::vector<TaskIndex>>{{0}, {1, 2, 5}, {3}, {4}}));
  EXPECT_EQ(a->critical_path, (std::vector<TaskIndex>{0, 1, 3, 4}));
  EXPECT_EQ(a->summary.total_tasks, 6u);
  EXPECT_EQ(a->summary.total_links, 6u);
  EXPECT_EQ(a->summary.depth, 4u);
  EXPECT_EQ(a->summary.max_parallel, 3u);
  EXPECT_TRUE(a->summary.has_parallel_branches);
  EXPECT_FALSE(a->summary.has_decisions);
  EXPECT_EQ(a->summary.task_types,
            (std::map<std::string, std::size_t>{{"Command", 5}, {"Start", 1}}));
}

TEST(GraphAnalysis, TasksWithoutInputLinksAreLevelZero) {
  TestGraph g(3, {{0, 1}});
  const auto a = analyze(g.graph);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->levels, (std::vector<std::vector<TaskIndex>>{{0, 2}, {1}}));
  EXPECT_FALSE(a->summary.has_parallel_branches);
  EXPECT_EQ(reachable_from_start(g.graph), (std::vector<bool>{true, true, false}));
}

TEST(GraphAnalysis, CycleIsReportedInLinkOrder) {
  TestGraph g(5, {{0, 1}, {1, 2}, {2, 3}, {3, 1}, {3, 4}});
  const auto cycle = find_cycle(g.graph);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(*cycle, (std::vector<TaskIndex>{1, 2, 3}));
  EXPECT_FALSE(analyze(g.graph).has_value());
  EXPECT_FALSE(topological_order(g.graph).has_value());
}

TEST(GraphAnalysis, SelfLoopIsACycle) {
  TestGraph g(2, {{0, 1}, {1, 1}});
  EXPECT_EQ(find_cycle(g.graph), (std::vector<TaskIndex>{1}));
}

TEST(GraphAnalysis, DagHasNoCycle) {
  TestGraph g(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
  EXPECT_FALSE(find_cycle(g.graph).has_value());
}

// No recursion on graph depth: a 100,000-task chain goes through every algorithm.
TEST(GraphAnalysis, HundredThousandTaskChain) {
  constexpr std::size_t n = 100000;
  std::vector<std::pair<TaskIndex, TaskIndex>> edges;
  for (TaskIndex i = 0; i + 1 < n; ++i) edges.emplace_back(i, i + 1);
  TestGraph g(n, edges);
  EXPECT_FALSE(find_cycle(g.graph).has_value());
  const auto reachable = reachable_from_start(g.graph);
  EXPECT_TRUE(reachable.back());
  const auto a = analyze(g.graph);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->summary.depth, n);
  EXPECT_EQ(a->critical_path.size(), n);
  // Closing the chain into a loop names all of it.
  g.graph.links.push_back({static_cast<TaskIndex>(n - 1), 1, {}, nullptr, {}});
  g.graph.tasks[n - 1].out_links.push_back(static_cast<LinkIndex>(g.graph.links.size() - 1));
  g.graph.tasks[1].in_links.push_back(static_cast<LinkIndex>(g.graph.links.size() - 1));
  const auto cycle = find_cycle(g.graph);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(cycle->size(), n - 1);
  EXPECT_EQ(cycle->front(), 1u);
}

}  // namespace
}  // namespace taskweave::model
