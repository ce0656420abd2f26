// 100,000-task graphs: every algorithm is iterative (no recursion on graph depth) and linear.
#include <gtest/gtest.h>

#include "model/graph_analysis.h"
#include "model_test_support.h"
#include "test_graph.h"

namespace taskweave::model {
namespace {

using testing::export_xml;
using testing::load_text;

// No recursion on graph depth: a 100,000-task chain goes through every algorithm.
TEST(GraphAnalysis, HundredThousandTaskChain) {
  constexpr std::size_t n = 100000;
  std::vector<std::pair<TaskIndex, TaskIndex>> edges;
  for (TaskIndex i = 0; i + 1 < n; ++i) edges.emplace_back(i, i + 1);
  testing::TestGraph g(n, edges);
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

// The run kernel's benchmarks load generated 100,000-task workflows: loading and validating
// one must be linear and iterative.
TEST(Robustness, HundredThousandTaskChainThroughTheLoader) {
  constexpr int n = 100000;
  std::string body =
      "<WORKFLOW NAME=\"chain\"><TASK NAME=\"Start\" TYPE=\"Start\"/>"
      "<TASK NAME=\"c\" TYPE=\"Command\"/>\n"
      "<TASKINSTANCE NAME=\"t0\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n";
  for (int i = 1; i < n; ++i)
    body +=
        "<TASKINSTANCE NAME=\"t" + std::to_string(i) + "\" TASKNAME=\"c\" TASKTYPE=\"Command\"/>\n";
  for (int i = 1; i < n; ++i)
    body += "<WORKFLOWLINK CONDITION=\"$t" + std::to_string(i - 1) +
            ".Status = SUCCEEDED\" FROMTASK=\"t" + std::to_string(i - 1) + "\" TOTASK=\"t" +
            std::to_string(i) + "\"/>\n";
  body += "</WORKFLOW>\n";
  const LoadResult r = load_text(export_xml(body));
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_TRUE(r.diagnostics.items().empty());
  const auto analysis = analyze(r.workflows[0]->root);
  ASSERT_TRUE(analysis.has_value());
  EXPECT_EQ(analysis->summary.depth, static_cast<std::size_t>(n));
}

}  // namespace
}  // namespace taskweave::model
