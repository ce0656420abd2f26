// The Decision plugin through the real `taskweave run`: its Condition drives the links out of
// it, a FALSE Decision still succeeds, and a run-time error fails it with Condition NULL.
#include <gtest/gtest.h>

#include "json_events.h"
#include "task_definitions.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

class DecisionCliTest : public ::testing::Test {
 protected:
  // Start -> asn_rows ($$ROWS = rows) -> dec (condition) -> asn_true / asn_false / asn_failed.
  RunEvents run_decision(const std::string& rows, const std::string& condition) {
    std::string definitions = assignment_task("asn_rows", {{"$$ROWS", rows}}) +
                              decision_task("dec", condition) +
                              assignment_task("asn_true", {{"$$BRANCH", "'true'"}}) +
                              assignment_task("asn_false", {{"$$BRANCH", "'false'"}}) +
                              assignment_task("asn_failed", {{"$$BRANCH", "'failed'"}});
    std::string body =
        task_instance("asn_rows", "Assignment") + task_instance("dec", "Decision") +
        task_instance("asn_true", "Assignment") + task_instance("asn_false", "Assignment") +
        task_instance("asn_failed", "Assignment") + workflow_link("Start", "asn_rows") +
        workflow_link("asn_rows", "dec") +
        workflow_link("dec", "asn_true", "$dec.Condition = TRUE") +
        workflow_link("dec", "asn_false", "$dec.Condition = FALSE") +
        workflow_link("dec", "asn_failed", "$dec.Status = FAILED") +
        workflow_variable("$$ROWS", "0", "integer") + workflow_variable("$$BRANCH", "");
    run_ = run_workflow(dir_.path(), workflow_export("wf_decision", definitions, body), "");
    return run_.events;
  }

  TempDir dir_{"tw-decision-cli"};
  WorkflowRun run_;
};

TEST_F(DecisionCliTest, TrueConditionTakesTheTrueBranch) {
  RunEvents events = run_decision("120", "$$ROWS &gt; 0 AND&#xD;&#xA;$asn_rows.Status = SUCCEEDED");
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("dec"), "SUCCEEDED");
  EXPECT_NE(events.finished["dec"].find("\"Condition\":1"), std::string::npos)
      << events.finished["dec"];
  EXPECT_EQ(events.field("dec", "description"), "condition is TRUE");
  EXPECT_EQ(events.status("asn_true"), "SUCCEEDED");
  EXPECT_TRUE(events.did_not_run.count("asn_false"));
  EXPECT_TRUE(events.did_not_run.count("asn_failed"));
}

TEST_F(DecisionCliTest, FalseConditionSucceedsAndTakesTheFalseBranch) {
  RunEvents events = run_decision("0", "$$ROWS &gt; 0");
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("dec"), "SUCCEEDED");
  EXPECT_NE(events.finished["dec"].find("\"Condition\":0"), std::string::npos)
      << events.finished["dec"];
  EXPECT_EQ(events.status("asn_false"), "SUCCEEDED");
  EXPECT_TRUE(events.did_not_run.count("asn_true"));
}

TEST_F(DecisionCliTest, EmptyConditionIsTrue) {
  RunEvents events = run_decision("0", "");
  EXPECT_EQ(events.status("dec"), "SUCCEEDED");
  EXPECT_NE(events.finished["dec"].find("\"Condition\":1"), std::string::npos);
  EXPECT_EQ(events.status("asn_true"), "SUCCEEDED");
}

TEST_F(DecisionCliTest, RunTimeErrorFailsTheDecisionAndLeavesConditionNull) {
  RunEvents events =
      run_decision("1", "TO_DATE(&apos;2026-02-30&apos;, &apos;YYYY-MM-DD&apos;) &gt; SYSDATE");
  // No fail-parent flag: the workflow succeeds.
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("dec"), "FAILED");
  EXPECT_NE(events.field("dec", "error_msg").find("TO_DATE"), std::string::npos)
      << events.finished["dec"];
  EXPECT_EQ(events.finished["dec"].find("\"Condition\":1"), std::string::npos);
  EXPECT_EQ(events.finished["dec"].find("\"Condition\":0"), std::string::npos);
  // A NULL Condition is neither TRUE nor FALSE.
  EXPECT_TRUE(events.did_not_run.count("asn_true"));
  EXPECT_TRUE(events.did_not_run.count("asn_false"));
  EXPECT_EQ(events.status("asn_failed"), "SUCCEEDED");
}

}  // namespace
}  // namespace taskweave::testing
