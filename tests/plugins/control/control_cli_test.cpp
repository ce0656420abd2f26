// The Control task end to end through the real `taskweave run`: its effect on the workflow.
#include <gtest/gtest.h>

#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

std::string control_task(const std::string& name, const std::string& option) {
  return "<TASK DESCRIPTION =\"\" NAME =\"" + name +
         "\" REUSABLE =\"NO\" TYPE =\"Control\" VERSIONNUMBER =\"1\">\n"
         "<ATTRIBUTE NAME =\"Control Option\" VALUE =\"" +
         option + "\"/>\n</TASK>\n";
}

// An Event-Wait for an event nobody raises: only the Control task can end this workflow.
std::string endless_wait() {
  return "<TASK DESCRIPTION =\"\" NAME =\"ew_forever\" REUSABLE =\"NO\" TYPE =\"Event-wait\" "
         "VERSIONNUMBER =\"1\">\n<ATTRIBUTE NAME =\"User Defined Event\" VALUE =\"Never\"/>\n"
         "</TASK>\n" +
         task_instance("ew_forever", "Event-wait") + workflow_link("Start", "ew_forever") +
         "<WORKFLOWEVENT DESCRIPTION =\"\" NAME =\"Never\"/>\n";
}

TEST(ControlCli, StopTopLevelWorkflowStopsAWaitingBranch) {
  TempDir dir("tw-control-cli");
  std::string body = control_task("ctl_stop", "Stop top-level workflow") +
                     task_instance("ctl_stop", "Control") + workflow_link("Start", "ctl_stop") +
                     endless_wait();
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 3) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "STOPPED");
  EXPECT_EQ(run.events.status("ctl_stop"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("ew_forever"), "STOPPED");
}

TEST(ControlCli, AbortParentAbortsTheWorkflow) {
  TempDir dir("tw-control-cli");
  std::string body = control_task("ctl_abort", "Abort parent") +
                     task_instance("ctl_abort", "Control") + workflow_link("Start", "ctl_abort") +
                     endless_wait();
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 3) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "ABORTED");
  EXPECT_EQ(run.events.status("ew_forever"), "ABORTED");
}

TEST(ControlCli, FailMeFailsTheTaskAndWithTheFlagTheWorkflow) {
  TempDir dir("tw-control-cli");
  std::string body = control_task("ctl_fail_me", "Fail me") +
                     task_instance("ctl_fail_me", "Control", /*fail_parent_if_fails=*/true) +
                     workflow_link("Start", "ctl_fail_me");
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "FAILED");
  EXPECT_EQ(run.events.status("ctl_fail_me"), "FAILED");
  EXPECT_EQ(run.events.field("ctl_fail_me", "error_msg"),
            "Control task ctl_fail_me failed itself (Control Option = Fail me)");
}

TEST(ControlCli, FailParentSucceedsButTheWorkflowFails) {
  TempDir dir("tw-control-cli");
  std::string body = control_task("ctl_fail_parent", "Fail parent") +
                     task_instance("ctl_fail_parent", "Control") +
                     workflow_link("Start", "ctl_fail_parent");
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "FAILED");
  EXPECT_EQ(run.events.status("ctl_fail_parent"), "SUCCEEDED");
}

}  // namespace
}  // namespace taskweave::testing
