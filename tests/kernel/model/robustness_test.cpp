// Bad input never crashes or hangs the loader: randomly damaged exports, random graphs (cycles,
// self-loops, unknown names, duplicates), deep XML nesting.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "model/graph_analysis.h"
#include "model_test_support.h"

namespace taskweave::model {
namespace {

using testing::export_xml;
using testing::load_text;

const std::string kSeed = export_xml(R"xml(<TASK NAME="cmd_shared" REUSABLE="YES" TYPE="Command">
<VALUEPAIR EXECORDER="1" NAME="first" REVERSEASSIGNMENT="NO" VALUE="echo 1&#xD;&#xA;"/>
</TASK>
<WORKFLOW NAME="wf" SUSPEND_ON_ERROR="NO">
<TASK NAME="Start" TYPE="Start"/>
<TASK NAME="dec" TYPE="Decision"><ATTRIBUTE NAME="Decision Name" VALUE="$job.Status = SUCCEEDED AND $$X &gt; 1"/></TASK>
<TASK NAME="asg" TYPE="Assignment"><VALUEPAIR EXECORDER="1" NAME="$$X" VALUE="IIF($job.ErrorCode = 0, 1, 2)"/></TASK>
<WORKLET NAME="wk"><TASK NAME="Start" TYPE="Start"/>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="inner" REUSABLE="YES" TASKNAME="cmd_shared" TASKTYPE="Command"/>
<WORKFLOWLINK CONDITION="$Start.Status = SUCCEEDED" FROMTASK="Start" TOTASK="inner"/>
<WORKFLOWVARIABLE DATATYPE="integer" NAME="$$IN" USERDEFINED="YES"/>
</WORKLET>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="job" REUSABLE="YES" TASKNAME="cmd_shared" TASKTYPE="Command"/>
<TASKINSTANCE NAME="dec" TASKNAME="dec" TASKTYPE="Decision" TREAT_INPUTLINK_AS_AND="NO"/>
<TASKINSTANCE NAME="asg" TASKNAME="asg" TASKTYPE="Assignment"/>
<TASKINSTANCE NAME="wk" TASKNAME="wk" TASKTYPE="Worklet"><VALUEPAIR EXECORDER="1" NAME="$$IN" VALUE="$$X + 1"/></TASKINSTANCE>
<WORKFLOWLINK CONDITION="" FROMTASK="Start" TOTASK="job"/>
<WORKFLOWLINK CONDITION="$job.Status = SUCCEEDED&#xD;&#xA;OR $job.Status = FAILED" FROMTASK="job" TOTASK="asg"/>
<WORKFLOWLINK CONDITION="" FROMTASK="asg" TOTASK="dec"/>
<WORKFLOWLINK CONDITION="$dec.Condition = TRUE" FROMTASK="dec" TOTASK="wk"/>
<WORKFLOWVARIABLE DATATYPE="integer" NAME="$$X" USERDEFINED="YES"/>
</WORKFLOW>
)xml");

TEST(Robustness, TheSeedIsClean) {
  const LoadResult r = load_text(kSeed);
  EXPECT_TRUE(r.diagnostics.items().empty()) << format_diagnostic(r.diagnostics.items().front());
}

// Thousands of damaged copies: cut bytes, insert markup and multi-byte characters, repeat or
// drop lines. Each must load to a result (with diagnostics where they apply), never crash.
TEST(Robustness, DamagedExportsNeverCrash) {
  std::mt19937 rng(20261127);
  const std::string inserts[] = {
      "<",
      ">",
      "\"",
      "&",
      "&#x",
      ";",
      "$",
      "$$",
      ".",
      "'",
      "\n",
      "\xC3",
      "\xFF",
      "&#xD;&#xA;",
      "/>",
      "</WORKFLOW>",
      "(",
      "=",
      "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>",
      "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"dec\" TOTASK=\"job\"/>"};
  std::size_t with_errors = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string xml = kSeed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !xml.empty(); ++e) {
      const std::size_t at = rng() % xml.size();
      switch (rng() % 4) {
        case 0:
          xml.erase(at, 1 + rng() % 12);
          break;
        case 1:
          xml.insert(at, inserts[rng() % std::size(inserts)]);
          break;
        case 2: {
          const std::size_t start = xml.rfind('\n', at) + 1, end = xml.find('\n', at);
          if (end != std::string::npos) xml.insert(start, xml.substr(start, end - start + 1));
          break;
        }
        default:
          xml[at] = static_cast<char>(rng() % 256);
          break;
      }
    }
    const LoadResult r = load_text(xml);
    with_errors += r.diagnostics.has_errors();
    for (const auto& w : r.workflows) {
      // Whatever loaded is consistent: links point at tasks, analysis agrees with the cycle check.
      for (const Link& l : w->root.links) {
        ASSERT_LT(l.from, w->root.tasks.size());
        ASSERT_LT(l.to, w->root.tasks.size());
      }
      EXPECT_EQ(analyze(w->root).has_value(), !find_cycle(w->root).has_value());
    }
  }
  EXPECT_GT(with_errors, 300u);  // the damage is real
}

// Random graphs: any mix of links, self-loops, unknown endpoints and repeated names is reported
// and never breaks the analysis.
TEST(Robustness, RandomGraphs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int n = 2 + static_cast<int>(rng() % 30);
    std::string body = "<WORKFLOW NAME=\"wf\"><TASK NAME=\"Start\" TYPE=\"Start\"/>\n";
    body += "<TASKINSTANCE NAME=\"t0\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n";
    for (int i = 1; i < n; ++i)
      body += "<TASKINSTANCE NAME=\"t" + std::to_string(rng() % 8 == 0 ? rng() % n : i) +
              "\" TASKNAME=\"x\" TASKTYPE=\"" + (rng() % 5 == 0 ? "acme.thing" : "Command") +
              "\"/>\n";
    const int links = static_cast<int>(rng() % (2 * n));
    for (int l = 0; l < links; ++l)
      body += "<WORKFLOWLINK CONDITION=\"$t" + std::to_string(rng() % (n + 2)) +
              ".Status = SUCCEEDED\" FROMTASK=\"t" + std::to_string(rng() % (n + 1)) +
              "\" TOTASK=\"t" + std::to_string(rng() % (n + 1)) + "\"/>\n";
    body += "</WORKFLOW>\n";
    const LoadResult r = load_text(export_xml(body));
    ASSERT_EQ(r.workflows.size(), 1u);
    const Graph& g = r.workflows[0]->root;
    bool cycle_reported = false;
    for (const auto& d : r.diagnostics.items())
      cycle_reported = cycle_reported || d.code == "cycle";
    EXPECT_EQ(cycle_reported, find_cycle(g).has_value());
  }
}

TEST(Robustness, DeeplyNestedXml) {
  std::string body =
      "<WORKFLOW NAME=\"wf\"><TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\">";
  for (int i = 0; i < 100000; ++i) body += "<X>";
  for (int i = 0; i < 100000; ++i) body += "</X>";
  body += "</TASKINSTANCE></WORKFLOW>";
  const LoadResult r = load_text(export_xml(body));
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_FALSE(r.diagnostics.has_errors());
}

}  // namespace
}  // namespace taskweave::model
