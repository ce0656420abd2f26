// The Timer plugin through the real `taskweave run`: it waits for real without holding a
// worker slot, completes at once when the deadline has passed, fails on a NULL variable, and
// ends at once, STOPPED, when the run is stopped (SIGINT) while it waits.
#include <gtest/gtest.h>

#include <csignal>

#include "json_events.h"
#include "task_definitions.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

const char* const kRelativeMinute =
    "<TIMER TIMERTYPE=\"START_RELATIVE_TO_PREVIOUSTASK\">"
    "<RECURRING DAYS=\"0\" HOURS=\"0\" MINUTES=\"1\"/></TIMER>";
const char* const kAtVariable = "<TIMER TIMERTYPE=\"START_AT_ABSOLUTE_VARIABLE\"/>";

class TimerCliTest : public ::testing::Test {
 protected:
  // Start -> asn_at ($$AT = at) -> tmr (timer) -> asn_after; asn_at -> asn_meanwhile.
  std::string export_with(const std::string& at, const std::string& timer) {
    std::string definitions = assignment_task("asn_at", {{"$$AT", at}}) +
                              timer_task("tmr", timer, "$$AT") +
                              assignment_task("asn_after", {{"$$DONE", "1"}}) +
                              assignment_task("asn_meanwhile", {{"$$MEANWHILE", "1"}});
    std::string body =
        task_instance("asn_at", "Assignment") + task_instance("tmr", "Timer") +
        task_instance("asn_after", "Assignment") + task_instance("asn_meanwhile", "Assignment") +
        workflow_link("Start", "asn_at") + workflow_link("asn_at", "tmr") +
        workflow_link("tmr", "asn_after", "$tmr.Status = SUCCEEDED") +
        workflow_link("asn_at", "asn_meanwhile") + workflow_variable("$$AT", "", "date/time") +
        workflow_variable("$$DONE", "0", "integer") +
        workflow_variable("$$MEANWHILE", "0", "integer");
    return workflow_export("wf_timer", definitions, body);
  }
  RunEvents run(const std::string& at, const std::string& timer,
                const std::vector<std::string>& extra_args = {}) {
    run_ = run_workflow(dir_.path(), export_with(at, timer), "", extra_args);
    return run_.events;
  }

  TempDir dir_{"tw-timer-cli"};
  WorkflowRun run_;
};

TEST_F(TimerCliTest, WaitsForTheVariableWithoutHoldingAWorkerSlot) {
  // One worker: the Assignment that runs while the Timer waits proves the Timer holds none.
  RunEvents events =
      run("ADD_TO_DATE(SYSTIMESTAMP, &apos;MS&apos;, 800)", kAtVariable, {"--max-parallel", "1"});
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("tmr"), "SUCCEEDED") << events.finished["tmr"];
  EXPECT_GE(events.seconds("tmr"), 0.7);
  EXPECT_LT(events.seconds("tmr"), 5.0);
  EXPECT_EQ(events.status("asn_after"), "SUCCEEDED");
  EXPECT_EQ(events.status("asn_meanwhile"), "SUCCEEDED");
  EXPECT_GT(seconds_between(events.field("asn_meanwhile", "end"), events.field("tmr", "end")), 0.5);
}

TEST_F(TimerCliTest, DeadlineInThePastCompletesAtOnce) {
  RunEvents events = run("SYSDATE",
                         "<TIMER TIMERTYPE=\"START_AT_ABSOLUTE_TIME\">"
                         "<STARTOPTIONS STARTDATE=\"1/1/2020\" STARTTIME=\"00:00\"/></TIMER>");
  EXPECT_EQ(events.status("tmr"), "SUCCEEDED") << events.finished["tmr"];
  EXPECT_LT(events.seconds("tmr"), 0.5);
  EXPECT_NE(events.field("tmr", "description").find("2020-01-01 00:00:00"), std::string::npos);
}

TEST_F(TimerCliTest, NullVariableFailsTheTimer) {
  RunEvents events = run("NULL", kAtVariable);
  EXPECT_EQ(events.status("tmr"), "FAILED");
  EXPECT_NE(events.field("tmr", "error_msg").find("$$AT is NULL"), std::string::npos)
      << events.finished["tmr"];
  EXPECT_TRUE(events.did_not_run.count("asn_after"));
}

TEST_F(TimerCliTest, StopWhileWaitingEndsTheTimerAtOnce) {
  write_file(dir_.path() / "wf.xml", export_with("SYSDATE", kRelativeMinute));
  write_file(dir_.path() / "taskweave.ini", "");
  // One SIGINT once the Timer waits asks the run to stop; the Timer would otherwise wait a
  // minute. (Not `timeout -s INT`: it signals the whole group too, and a second SIGINT aborts.)
  BackgroundProcess cli(cli_run_args(dir_.path()), cli_run_options(dir_.path()));
  ASSERT_TRUE(wait_for_text(dir_.path() / "events.jsonl", "\"task\":\"tmr\"", 20000));
  cli.signal(SIGINT);
  const ProcessResult& result = cli.wait();
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;  // stopped
  RunEvents events = RunEvents::parse(read_file(dir_.path() / "events.jsonl"));
  EXPECT_EQ(events.run_status, "STOPPED");
  EXPECT_EQ(events.status("tmr"), "STOPPED") << events.finished["tmr"];
  EXPECT_LT(events.seconds("tmr"), 10.0);
  EXPECT_EQ(events.field("tmr", "error_msg"), "");
  EXPECT_EQ(events.status("asn_after"), "");
}

TEST_F(TimerCliTest, DryRunCompletesAtOnceDescribingTheDeadline) {
  RunEvents events = run("SYSDATE", kRelativeMinute, {"--dry-run"});
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("tmr"), "SUCCEEDED");
  EXPECT_LT(events.seconds("tmr"), 0.5);
  EXPECT_NE(events.field("tmr", "description").find("would wait until"), std::string::npos)
      << events.finished["tmr"];
}

}  // namespace
}  // namespace taskweave::testing
