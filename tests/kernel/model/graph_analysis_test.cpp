#include "model/graph_analysis.h"

#include <gtest/gtest.h>

#include "test_graph.h"

namespace taskweave::model {
namespace {

TEST(GraphAnalysis, LevelsCriticalPathAndSummary) {
  // t0 -> t1 -> t3 -> t4, t0 -> t2 -> t4, t0 -> t5 (a diamond plus a side branch).
  testing::TestGraph g(6, {{0, 1}, {1, 3}, {3, 4}, {0, 2}, {2, 4}, {0, 5}});
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
  testing::TestGraph g(3, {{0, 1}});
  const auto a = analyze(g.graph);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->levels, (std::vector<std::vector<TaskIndex>>{{0, 2}, {1}}));
  EXPECT_FALSE(a->summary.has_parallel_branches);
  EXPECT_EQ(reachable_from_start(g.graph), (std::vector<bool>{true, true, false}));
}

TEST(GraphAnalysis, CycleIsReportedInLinkOrder) {
  testing::TestGraph g(5, {{0, 1}, {1, 2}, {2, 3}, {3, 1}, {3, 4}});
  const auto cycle = find_cycle(g.graph);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(*cycle, (std::vector<TaskIndex>{1, 2, 3}));
  EXPECT_FALSE(analyze(g.graph).has_value());
  EXPECT_FALSE(topological_order(g.graph).has_value());
}

TEST(GraphAnalysis, SelfLoopIsACycle) {
  testing::TestGraph g(2, {{0, 1}, {1, 1}});
  EXPECT_EQ(find_cycle(g.graph), (std::vector<TaskIndex>{1}));
}

TEST(GraphAnalysis, DagHasNoCycle) {
  testing::TestGraph g(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
  EXPECT_FALSE(find_cycle(g.graph).has_value());
}

}  // namespace
}  // namespace taskweave::model
