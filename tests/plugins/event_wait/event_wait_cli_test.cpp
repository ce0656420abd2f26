// Event-Wait and Event-Raise end to end through the real `taskweave run`: a Command creates the
// indicator file the Event-Wait is polling for, an Event-Raise wakes a waiting Event-Wait.
#include <gtest/gtest.h>

#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFastPolling = "[event_wait]\npoll_ms = 20\n";

std::string event_wait_task(const std::string& name, const std::string& file,
                            const std::string& event, const std::string& delete_file) {
  return "<TASK DESCRIPTION =\"\" NAME =\"" + name +
         "\" REUSABLE =\"NO\" TYPE =\"Event-wait\" VERSIONNUMBER =\"1\">\n"
         "<ATTRIBUTE NAME =\"User Defined Event\" VALUE =\"" +
         event +
         "\"/>\n"
         "<ATTRIBUTE NAME =\"Filewatch Name\" VALUE =\"" +
         file +
         "\"/>\n"
         "<ATTRIBUTE NAME =\"Delete Filewatch File\" VALUE =\"" +
         delete_file +
         "\"/>\n"
         "<ATTRIBUTE NAME =\"Enable Past Events\" VALUE =\"YES\"/>\n</TASK>\n";
}

TEST(EventWaitCli, WaitsForTheFileACommandCreatesThenAnEventRaiseWakesTheOtherWait) {
  TempDir dir("tw-event-wait-cli");
  fs::path flag = dir.path() / "ready.flag";
  std::string body =
      "<TASK DESCRIPTION =\"\" NAME =\"cmd_make_flag\" REUSABLE =\"NO\" TYPE =\"Command\" "
      "VERSIONNUMBER =\"1\">\n"
      "<ATTRIBUTE NAME =\"Fail task if any command fails\" VALUE =\"YES\"/>\n"
      "<VALUEPAIR EXECORDER =\"1\" NAME =\"flag\" REVERSEASSIGNMENT =\"NO\" VALUE =\"sleep 0.3 "
      "&amp;&amp; "
      "echo done &gt; $$FlagFile\"/>\n</TASK>\n" +
      event_wait_task("ew_flag", "$$FlagFile", "", "YES") +
      "<TASK DESCRIPTION =\"\" NAME =\"er_flag_seen\" REUSABLE =\"NO\" TYPE =\"Event-raise\" "
      "VERSIONNUMBER =\"1\">\n<ATTRIBUTE NAME =\"User Defined Event\" VALUE =\"FlagSeen\"/>\n"
      "</TASK>\n" +
      event_wait_task("ew_flag_seen", "", "FlagSeen", "NO") +
      task_instance("cmd_make_flag", "Command", true) +
      task_instance("ew_flag", "Event-wait", true) +
      task_instance("er_flag_seen", "Event-raise", true) +
      task_instance("ew_flag_seen", "Event-wait", true) + workflow_link("Start", "cmd_make_flag") +
      workflow_link("Start", "ew_flag") + workflow_link("ew_flag", "er_flag_seen") +
      workflow_link("Start", "ew_flag_seen") +
      "<WORKFLOWVARIABLE DATATYPE =\"nstring\" DEFAULTVALUE =\"" + flag.string() +
      "\" DESCRIPTION =\"\" ISNULL =\"NO\" ISPERSISTENT =\"NO\" NAME =\"$$FlagFile\" "
      "USERDEFINED =\"YES\"/>\n<WORKFLOWEVENT DESCRIPTION =\"\" NAME =\"FlagSeen\"/>\n";

  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_events", "", body), kFastPolling);
  ASSERT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "SUCCEEDED");
  EXPECT_EQ(run.events.status("cmd_make_flag"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("ew_flag"), "SUCCEEDED");
  EXPECT_EQ(run.events.field("ew_flag", "description"),
            "found the indicator file " + flag.string() + " and deleted it");
  EXPECT_FALSE(fs::exists(flag));
  EXPECT_EQ(run.events.status("er_flag_seen"), "SUCCEEDED");
  EXPECT_EQ(run.events.status("ew_flag_seen"), "SUCCEEDED");
  EXPECT_EQ(run.events.field("ew_flag_seen", "description"),
            "received the user-defined event FlagSeen");
}

TEST(EventWaitCli, AnIndicatorThatCannotBeDeletedFailsTheTaskAndTheWorkflow) {
  TempDir dir("tw-event-wait-cli");
  fs::create_directories(dir.path() / "flag.d" / "inside");  // a non-empty directory
  std::string body = event_wait_task("ew_flag", (dir.path() / "flag.d").string(), "", "YES") +
                     task_instance("ew_flag", "Event-wait", true) +
                     workflow_link("Start", "ew_flag");
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_events", "", body), kFastPolling);
  EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.run_status, "FAILED");
  EXPECT_EQ(run.events.status("ew_flag"), "FAILED");
  EXPECT_NE(run.events.field("ew_flag", "error_msg").find("cannot be deleted: Directory not empty"),
            std::string::npos)
      << run.events.field("ew_flag", "error_msg");
}

TEST(EventWaitCli, RaisingAnUndeclaredEventFailsTheEventRaise) {
  TempDir dir("tw-event-wait-cli");
  std::string body =
      "<TASK DESCRIPTION =\"\" NAME =\"er_typo\" REUSABLE =\"NO\" TYPE =\"Event-raise\" "
      "VERSIONNUMBER =\"1\">\n<ATTRIBUTE NAME =\"User Defined Event\" VALUE =\"FlagSen\"/>\n"
      "</TASK>\n" +
      task_instance("er_typo", "Event-raise") + workflow_link("Start", "er_typo") +
      "<WORKFLOWEVENT DESCRIPTION =\"\" NAME =\"FlagSeen\"/>\n";
  WorkflowRun run = run_workflow(dir.path(), workflow_export("wf_events", "", body), kFastPolling);
  EXPECT_EQ(run.events.status("er_typo"), "FAILED") << run.process.out << run.process.err;
  EXPECT_EQ(run.events.field("er_typo", "error_msg"),
            "cannot raise the user-defined event FlagSen: workflow wf_events declares no "
            "WORKFLOWEVENT with that name");
}

TEST(EventWaitCli, DryRunCompletesTheWaitAtOnceAndDeletesNothing) {
  TempDir dir("tw-event-wait-cli");
  fs::path flag = dir.path() / "never.flag";
  std::string body = event_wait_task("ew_flag", flag.string(), "", "YES") +
                     task_instance("ew_flag", "Event-wait", true) +
                     workflow_link("Start", "ew_flag");
  WorkflowRun run =
      run_workflow(dir.path(), workflow_export("wf_events", "", body), kFastPolling, {"--dry-run"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  EXPECT_EQ(run.events.status("ew_flag"), "SUCCEEDED");
  EXPECT_EQ(run.events.field("ew_flag", "description"),
            "would wait for the indicator file " + flag.string() + " (then delete it)");
}

}  // namespace
}  // namespace taskweave::testing
