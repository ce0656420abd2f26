#include "model/graph_export.h"

#include <gtest/gtest.h>

#include "model/model.h"
#include "model_test_support.h"

namespace taskweave::model {
namespace {

const std::string kFixture = testing::fixture("graph_small.xml");

TEST(GraphExport, DotHasClustersLabelsAndMarks) {
  LoadResult r = load_export(kFixture);
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_TRUE(r.diagnostics.items().empty());
  const std::string dot = testing::draw(*r.workflows[0], GraphFormat::Dot);
  EXPECT_EQ(dot.rfind("digraph \"wf \\\"x\\\"\" {", 0), 0u) << dot;
  EXPECT_NE(dot.find("subgraph cluster_1 {"), std::string::npos);
  EXPECT_NE(dot.find("label=\"worklet wk\""), std::string::npos);
  EXPECT_NE(dot.find("fillcolor=gray90"), std::string::npos);  // disabled cmd
  EXPECT_NE(dot.find("peripheries=2"), std::string::npos);     // OR-join wk
  EXPECT_NE(
      dot.find("label=\"$cmd.Status = SUCCEEDED\\nOR $cmd.ErrorMsg <> 'a \\\"quoted\\\" word'\""),
      std::string::npos)
      << dot;
}

TEST(GraphExport, Mermaid) {
  LoadResult r = load_export(kFixture);
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_TRUE(r.diagnostics.items().empty());
  const std::string m = testing::draw(*r.workflows[0], GraphFormat::Mermaid);
  EXPECT_EQ(m.rfind("flowchart LR\n", 0), 0u);
  EXPECT_NE(m.find("  subgraph c1[\"worklet wk\"]\n"), std::string::npos) << m;
  EXPECT_NE(m.find("    n0([\"Start<br/>Start\"])\n"), std::string::npos) << m;
  EXPECT_NE(m.find("    n1 -->|\"$cmd.Status = SUCCEEDED<br/>OR $cmd.ErrorMsg #lt;#gt; 'a "
                   "#quot;quoted#quot; word'\"| n2\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("  class n1 disabled\n"), std::string::npos);
  EXPECT_NE(m.find("  class n2 orjoin\n"), std::string::npos);
  EXPECT_NE(m.find("  n2 -.- n3\n"), std::string::npos) << m;  // worklet instance to its Start
}

}  // namespace
}  // namespace taskweave::model
