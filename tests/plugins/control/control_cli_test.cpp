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

// The Control task and the Event-Waits beside it start together only when there is a slot for
// each: with one slot per core (2 on CI) the Control task could end the run while an Event-Wait
// still queues for a slot, and a task that never started has no status to assert (as in
// PowerCenter). A wait holds its slot until it yields, so how long that takes decides the race.
const std::vector<std::string> kSlotForEveryTask = {"--max-parallel", "8"};

// A worklet `wkl` whose Control task `ctl` runs first; with `endless` it also holds an
// Event-Wait for an event nobody raises, so only a Control task can end the worklet.
std::string worklet_with_control(const std::string& option, bool endless) {
  std::string wait_definition =
      "<TASK DESCRIPTION =\"\" NAME =\"ew_inner\" REUSABLE =\"NO\" TYPE =\"Event-wait\" "
      "VERSIONNUMBER =\"1\">\n<ATTRIBUTE NAME =\"User Defined Event\" VALUE =\"NeverInner\"/>\n"
      "</TASK>\n";
  return "<WORKLET DESCRIPTION =\"\" ISVALID =\"YES\" NAME =\"wkl\" REUSABLE =\"NO\" "
         "VERSIONNUMBER =\"1\">\n"
         "<TASK DESCRIPTION =\"\" NAME =\"Start\" REUSABLE =\"NO\" TYPE =\"Start\" "
         "VERSIONNUMBER =\"1\"/>\n" +
         control_task("ctl", option) + (endless ? wait_definition : "") +
         "<TASKINSTANCE DESCRIPTION =\"\" ISENABLED =\"YES\" NAME =\"Start\" REUSABLE =\"NO\" "
         "TASKNAME =\"Start\" TASKTYPE =\"Start\"/>\n" +
         task_instance("ctl", "Control") + workflow_link("Start", "ctl") +
         (endless ? task_instance("ew_inner", "Event-wait") + workflow_link("Start", "ew_inner") +
                        "<WORKFLOWEVENT DESCRIPTION =\"\" NAME =\"NeverInner\"/>\n"
                  : "") +
         "</WORKLET>\n";
}

// An Event-Wait after the worklet for a file that exists (the export itself): it runs, and
// succeeds at once, when the worklet's link lets it.
std::string after_worklet(const std::string& condition) {
  return "<TASK DESCRIPTION =\"\" NAME =\"ew_after\" REUSABLE =\"NO\" TYPE =\"Event-wait\" "
         "VERSIONNUMBER =\"1\">\n<ATTRIBUTE NAME =\"Filewatch Name\" VALUE =\"wf.xml\"/>\n"
         "</TASK>\n" +
         task_instance("ew_after", "Event-wait") + workflow_link("wkl", "ew_after", condition);
}

TEST(ControlCli, FailParentInAWorkletFailsTheWorkletButNotTheTopLevelWorkflow) {
  TempDir dir("tw-control-cli");
  std::string body = worklet_with_control("Fail parent", false) +
                     task_instance("wkl", "Worklet", /*fail_parent_if_fails=*/false) +
                     workflow_link("Start", "wkl") + after_worklet("$wkl.Status = FAILED");
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "SUCCEEDED");
  EXPECT_EQ(run.events.status("wkl.ctl"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("wkl"), "FAILED");
  EXPECT_EQ(run.events.status("ew_after"), "SUCCEEDED");
}

TEST(ControlCli, FailTopLevelWorkflowInAWorkletFailsTheRunWhenItCompletes) {
  TempDir dir("tw-control-cli");
  std::string body = worklet_with_control("Fail top-level workflow", false) +
                     task_instance("wkl", "Worklet") + workflow_link("Start", "wkl") +
                     after_worklet("$wkl.Status = SUCCEEDED");
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_control", "", body), "");
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "FAILED");
  EXPECT_EQ(run.events.status("wkl.ctl"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("wkl"), "SUCCEEDED");       // the worklet itself is not failed
  EXPECT_EQ(run.events.status("ew_after"), "SUCCEEDED");  // and the workflow runs on
}

TEST(ControlCli, StopParentInAWorkletStopsTheWorkletOnly) {
  TempDir dir("tw-control-cli");
  std::string body = worklet_with_control("Stop parent", true) + task_instance("wkl", "Worklet") +
                     workflow_link("Start", "wkl");
  WorkflowRun run =
      run_workflow(dir.path(), workflow_export("wf_control", "", body), "", kSlotForEveryTask);
  EXPECT_EQ(run.events.status("wkl.ctl"), "SUCCEEDED") << run.process.out << run.process.err;
  EXPECT_EQ(run.events.status("wkl.ew_inner"), "STOPPED");
  EXPECT_EQ(run.events.status("wkl"), "STOPPED");
  // The stop was the worklet's: the top-level workflow ends as §6 says, with nothing failed.
  EXPECT_EQ(run.events.run_status, "SUCCEEDED");
  EXPECT_EQ(run.process.exit_code, 0);
}

TEST(ControlCli, AbortTopLevelWorkflowInAWorkletAbortsEveryBranch) {
  TempDir dir("tw-control-cli");
  std::string body = worklet_with_control("Abort top-level workflow", true) +
                     task_instance("wkl", "Worklet") + workflow_link("Start", "wkl") +
                     endless_wait();
  WorkflowRun run =
      run_workflow(dir.path(), workflow_export("wf_control", "", body), "", kSlotForEveryTask);
  EXPECT_EQ(run.process.exit_code, 3) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "ABORTED");
  EXPECT_EQ(run.events.status("wkl.ctl"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("wkl.ew_inner"), "ABORTED");
  EXPECT_EQ(run.events.status("ew_forever"), "ABORTED");
}

}  // namespace
}  // namespace taskweave::testing
