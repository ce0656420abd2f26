// Scenarios that need more than one run, or a signal: suspend and recover, persistent variables
// across runs, parameter-file precedence, Ctrl-C and `taskweave stop`, recovery refusals, and
// invalid input. All through the real CLI with the testkit plugin.
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>

#include "cli_runner.h"

namespace taskweave::testing {
namespace {

// An export with one workflow: `body` holds its TASK, TASKINSTANCE, WORKFLOWLINK... elements.
std::string workflow(const std::string& name, const std::string& body,
                     const std::string& attributes = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<POWERMART><REPOSITORY NAME=\"R\">"
         "<FOLDER NAME=\"F\"><WORKFLOW NAME=\"" +
         name + "\" " + attributes +
         ">\n"
         "<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
         "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n" +
         body + "</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n";
}

class Scenario : public ::testing::Test {
 protected:
  std::vector<std::string> common(const std::string& events = "events.jsonl") const {
    return {"--plugins-dir",
            testkit_dir(),
            "--plugin",
            "Command=testkit",
            "--state-dir",
            (dir_ / "state").string(),
            "--json-events=" + (dir_ / events).string(),
            "--quiet"};
  }
  ProcessResult run(const std::string& xml_name, std::vector<std::string> extra = {},
                    const std::string& events = "events.jsonl") {
    std::vector<std::string> args = {"run", (dir_ / xml_name).string()};
    for (auto& a : common(events)) args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }
  ProcessResult recover(const std::string& run_id, std::vector<std::string> extra = {},
                        const std::string& events = "recover.jsonl") {
    std::vector<std::string> args = {"recover", run_id};
    for (auto& a : common(events)) args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }
  std::string run_id(const std::string& events = "events.jsonl") const {
    const RunEvents e = RunEvents::read(dir_ / events);
    return e.lines.empty() ? "" : json_field(e.lines.front(), "run_id");
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  TempDir dir_;
};

TEST_F(Scenario, SuspendOnErrorThenRecoverRerunsOnlyTheFailedTask) {
  write_file(
      dir_ / "wf.xml",
      workflow("wf_suspend",
               "<TASK NAME=\"flaky\" TYPE=\"Command\"><ATTRIBUTE NAME=\"Outcome File\" "
               "VALUE=\"" +
                   path("outcome") + "\"/><ATTRIBUTE NAME=\"Append To\" VALUE=\"" + path("ran") +
                   "\"/></TASK>\n"
                   "<TASK NAME=\"ok\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Append To\" "
                   "VALUE=\"" +
                   path("ran") +
                   "\"/></TASK>\n"
                   "<TASKINSTANCE NAME=\"FLAKY\" TASKNAME=\"flaky\" TASKTYPE=\"Command\"/>\n"
                   "<TASKINSTANCE NAME=\"AFTER\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
                   "<TASKINSTANCE NAME=\"OTHER\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
                   "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"FLAKY\" CONDITION=\"\"/>\n"
                   "<WORKFLOWLINK FROMTASK=\"FLAKY\" TOTASK=\"AFTER\" CONDITION=\"\"/>\n"
                   "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"OTHER\" CONDITION=\"\"/>\n",
               "SUSPEND_ON_ERROR=\"YES\""));
  write_file(dir_ / "outcome", "FAILED");
  ProcessResult first = run("wf.xml");
  EXPECT_EQ(first.exit_code, 4) << first.err;
  RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "SUSPENDED");
  EXPECT_EQ(events.final_status["OTHER"], "SUCCEEDED");  // other branches run on
  for (const auto& line : events.lines)
    EXPECT_NE(json_field(line, "from"), "FLAKY") << "a suspended task's links wait";

  write_file(dir_ / "outcome", "SUCCEEDED");
  ProcessResult second = recover(run_id());
  EXPECT_EQ(second.exit_code, 0) << second.err;
  RunEvents recovered = RunEvents::read(dir_ / "recover.jsonl");
  EXPECT_EQ(recovered.run_status, "SUCCEEDED");
  EXPECT_EQ(recovered.final_status["FLAKY"], "SUCCEEDED");
  EXPECT_EQ(recovered.final_status["AFTER"], "SUCCEEDED");
  EXPECT_EQ(recovered.final_status.count("OTHER"), 0u) << "succeeded tasks never run again";
  // FLAKY and OTHER ran side by side in the first run, in either order; the recovery ran
  // FLAKY again and then AFTER, and nothing else.
  const std::string ran = read_file(dir_ / "ran");
  EXPECT_TRUE(ran == "FLAKY\nOTHER\nFLAKY\nAFTER\n" || ran == "OTHER\nFLAKY\nFLAKY\nAFTER\n")
      << ran;

  ProcessResult again = recover(run_id());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("nothing to recover"), std::string::npos) << again.err;
}

TEST_F(Scenario, PersistentVariableCarriesOverToTheNextRunButNotFromADryRun) {
  write_file(
      dir_ / "wf.xml",
      workflow("wf_persist",
               "<TASK NAME=\"inc\" TYPE=\"Assignment\"><VALUEPAIR EXECORDER=\"1\" "
               "NAME=\"$$COUNT\" VALUE=\"$$COUNT + 1\"/></TASK>\n"
               "<TASK NAME=\"ok\" TYPE=\"testkit.outcome\"/>\n"
               "<TASKINSTANCE NAME=\"INC\" TASKNAME=\"inc\" TASKTYPE=\"Assignment\"/>\n"
               "<TASKINSTANCE NAME=\"IS_ONE\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
               "<TASKINSTANCE NAME=\"IS_TWO\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
               "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"INC\" CONDITION=\"\"/>\n"
               "<WORKFLOWLINK FROMTASK=\"INC\" TOTASK=\"IS_ONE\" CONDITION=\"$$COUNT = 1\"/>\n"
               "<WORKFLOWLINK FROMTASK=\"INC\" TOTASK=\"IS_TWO\" CONDITION=\"$$COUNT = 2\"/>\n"
               "<WORKFLOWVARIABLE DATATYPE=\"integer\" DEFAULTVALUE=\"0\" ISPERSISTENT=\"YES\" "
               "NAME=\"$$COUNT\" USERDEFINED=\"YES\"/>\n"));
  ASSERT_EQ(run("wf.xml", {}, "1.jsonl").exit_code, 0);
  EXPECT_EQ(RunEvents::read(dir_ / "1.jsonl").final_status["IS_ONE"], "SUCCEEDED");
  // Assignments are pure, so a dry run evaluates them; it must not save the result.
  ASSERT_EQ(run("wf.xml", {"--dry-run"}, "dry.jsonl").exit_code, 0);
  EXPECT_EQ(RunEvents::read(dir_ / "dry.jsonl").final_status["IS_TWO"], "SUCCEEDED");
  ASSERT_EQ(run("wf.xml", {}, "2.jsonl").exit_code, 0);
  const RunEvents second = RunEvents::read(dir_ / "2.jsonl");
  EXPECT_EQ(second.final_status.at("IS_TWO"), "SUCCEEDED");
  EXPECT_EQ(second.final_status.at("IS_ONE"), "DID_NOT_RUN");
}

TEST_F(Scenario, ParameterFileWinsOverPersistedOverDefaultAndWorkletInputsWinOverIt) {
  const std::string body =
      "<WORKLET NAME=\"wl\"><TASK NAME=\"Start\" TYPE=\"Start\"/>"
      "<TASK NAME=\"ok\" TYPE=\"testkit.outcome\"/>"
      "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>"
      "<TASKINSTANCE NAME=\"WL_FILE\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>"
      "<TASKINSTANCE NAME=\"WL_INPUT\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"WL_FILE\" CONDITION=\"$$W_FILE = 'worklet "
      "section'\"/>"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"WL_INPUT\" CONDITION=\"$$W_IN = 'input'\"/>"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$W_FILE\" USERDEFINED=\"YES\"/>"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$W_IN\" USERDEFINED=\"YES\"/></WORKLET>\n"
      "<TASK NAME=\"ok\" TYPE=\"testkit.outcome\"/>\n"
      "<TASK NAME=\"save\" TYPE=\"testkit.outcome\"><VALUEPAIR EXECORDER=\"1\" NAME=\"$$SAVED\" "
      "VALUE=\"'persisted'\"/><VALUEPAIR EXECORDER=\"2\" NAME=\"$$FROM_FILE\" "
      "VALUE=\"'persisted'\"/></TASK>\n"
      "<TASKINSTANCE NAME=\"SAVE\" TASKNAME=\"save\" TASKTYPE=\"testkit.outcome\"/>\n"
      "<TASKINSTANCE NAME=\"CHECK\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
      "<TASKINSTANCE NAME=\"W\" TASKNAME=\"wl\" TASKTYPE=\"Worklet\"><VALUEPAIR EXECORDER=\"1\" "
      "NAME=\"$$W_IN\" VALUE=\"'input'\"/></TASKINSTANCE>\n"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"CHECK\" CONDITION=\"$$FROM_FILE = 'workflow "
      "section' AND $$SAVED = 'persisted' AND $$DEFAULTED = 'default' AND $$GLOBAL = 'global' AND "
      "$PMRootDir = '/opt/root'\"/>\n"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"SAVE\" CONDITION=\"\"/>\n"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"W\" CONDITION=\"\"/>\n"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" ISPERSISTENT=\"YES\" NAME=\"$$FROM_FILE\" "
      "DEFAULTVALUE=\"default\" USERDEFINED=\"YES\"/>\n"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" ISPERSISTENT=\"YES\" NAME=\"$$SAVED\" "
      "DEFAULTVALUE=\"default\" USERDEFINED=\"YES\"/>\n"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$DEFAULTED\" DEFAULTVALUE=\"default\" "
      "USERDEFINED=\"YES\"/>\n"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$GLOBAL\" USERDEFINED=\"YES\"/>\n";
  write_file(dir_ / "wf.xml", workflow("wf_params", body));
  write_file(dir_ / "p.par",
             "[Global]\n$$GLOBAL=global\n$$FROM_FILE=global loses\n$PMRootDir=/opt/root\n"
             "[F.WF:wf_params]\n$$FROM_FILE=workflow section\n"
             "[F.WF:wf_params.WT:W]\n$$W_FILE=worklet section\n$$W_IN=loses to the input\n");
  // The first run saves $$SAVED and $$FROM_FILE as 'persisted'; the second checks precedence.
  ASSERT_EQ(run("wf.xml", {"--param-file", path("p.par")}, "1.jsonl").exit_code, 0);
  ASSERT_EQ(run("wf.xml", {"--param-file", path("p.par")}, "2.jsonl").exit_code, 0);
  const RunEvents events = RunEvents::read(dir_ / "2.jsonl");
  EXPECT_EQ(events.final_status.at("CHECK"), "SUCCEEDED") << read_file(dir_ / "2.jsonl");
  EXPECT_EQ(events.final_status.at("W.WL_FILE"), "SUCCEEDED");
  EXPECT_EQ(events.final_status.at("W.WL_INPUT"), "SUCCEEDED");
}

const char* kSlowBody =
    "<TASK NAME=\"slow\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Sleep Ms\" VALUE=\"$PMSleep\"/>"
    "<ATTRIBUTE NAME=\"Append To\" VALUE=\"$PMRan\"/></TASK>\n"
    "<TASK NAME=\"ok\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Append To\" VALUE=\"$PMRan\"/>"
    "</TASK>\n"
    "<TASKINSTANCE NAME=\"FIRST\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
    "<TASKINSTANCE NAME=\"SLOW\" TASKNAME=\"slow\" TASKTYPE=\"testkit.outcome\"/>\n"
    "<TASKINSTANCE NAME=\"AFTER\" TASKNAME=\"ok\" TASKTYPE=\"testkit.outcome\"/>\n"
    "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"FIRST\" CONDITION=\"\"/>\n"
    "<WORKFLOWLINK FROMTASK=\"FIRST\" TOTASK=\"SLOW\" CONDITION=\"\"/>\n"
    "<WORKFLOWLINK FROMTASK=\"SLOW\" TOTASK=\"AFTER\" CONDITION=\"\"/>\n";

TEST_F(Scenario, CtrlCStopsTheRunAndRecoverFinishesIt) {
  write_file(dir_ / "wf.xml", workflow("wf_stop", kSlowBody));
  write_file(dir_ / "slow.par", "[Global]\n$PMSleep=30000\n$PMRan=" + path("ran") + "\n");
  write_file(dir_ / "fast.par", "[Global]\n$PMSleep=0\n$PMRan=" + path("ran") + "\n");
  std::vector<std::string> args = {"run", path("wf.xml"), "--param-file", path("slow.par")};
  for (auto& a : common()) args.push_back(a);
  BackgroundProcess cli(cli_argv(args));
  ASSERT_TRUE(wait_for_text(dir_ / "events.jsonl", "\"task_started\",\"task\":\"SLOW\"", 20000));
  cli.signal(SIGINT);
  const ProcessResult& ended = cli.wait();
  EXPECT_EQ(ended.exit_code, 3) << ended.err;
  RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "STOPPED");
  EXPECT_EQ(events.final_status["SLOW"], "STOPPED");
  EXPECT_EQ(events.final_status["AFTER"], "DID_NOT_RUN");

  ProcessResult recovered = recover(run_id(), {"--param-file", path("fast.par")});
  EXPECT_EQ(recovered.exit_code, 0) << recovered.err;
  const RunEvents after = RunEvents::read(dir_ / "recover.jsonl");
  EXPECT_EQ(after.final_status.count("FIRST"), 0u);
  EXPECT_EQ(after.final_status.at("SLOW"), "SUCCEEDED");
  EXPECT_EQ(after.final_status.at("AFTER"), "SUCCEEDED");
  EXPECT_EQ(read_file(dir_ / "ran"), "FIRST\nSLOW\nAFTER\n");
}

TEST_F(Scenario, StopCommandFromAnotherShellStopsTheRun) {
  write_file(dir_ / "wf.xml", workflow("wf_stop_cmd", kSlowBody));
  write_file(dir_ / "slow.par", "[Global]\n$PMSleep=30000\n$PMRan=" + path("ran") + "\n");
  std::vector<std::string> args = {"run", path("wf.xml"), "--param-file", path("slow.par")};
  for (auto& a : common()) args.push_back(a);
  BackgroundProcess cli(cli_argv(args));
  ASSERT_TRUE(wait_for_text(dir_ / "events.jsonl", "\"task_started\",\"task\":\"SLOW\"", 20000));
  const ProcessResult stop = run_cli({"stop", run_id(), "--state-dir", path("state")});
  EXPECT_EQ(stop.exit_code, 0) << stop.err;
  const ProcessResult& ended = cli.wait();
  EXPECT_EQ(ended.exit_code, 3) << ended.err;
  EXPECT_EQ(RunEvents::read(dir_ / "events.jsonl").run_status, "STOPPED");
  const ProcessResult again = run_cli({"abort", run_id(), "--state-dir", path("state")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("not running"), std::string::npos) << again.err;
}

TEST_F(Scenario, SecondCtrlCAbortsAndATaskIgnoringItIsAbandonedAfterTheAbortTimeout) {
  write_file(
      dir_ / "wf.xml",
      workflow("wf_abort",
               "<TASK NAME=\"stubborn\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Busy Ms\" "
               "VALUE=\"60000\"/></TASK>\n<TASKINSTANCE NAME=\"STUBBORN\" "
               "TASKNAME=\"stubborn\" TASKTYPE=\"testkit.outcome\"/>\n<WORKFLOWLINK "
               "FROMTASK=\"Start\" TOTASK=\"STUBBORN\" CONDITION=\"\"/>\n"));
  write_file(dir_ / "abort.ini", "[run]\nabort_timeout_seconds = 1\n");
  std::vector<std::string> args = {"run", path("wf.xml"), "--config", path("abort.ini")};
  for (auto& a : common()) args.push_back(a);
  BackgroundProcess cli(cli_argv(args));
  ASSERT_TRUE(wait_for_text(dir_ / "events.jsonl", "\"task\":\"STUBBORN\"", 20000));
  usleep(300'000);  // task_started is written before the plugin runs: let it begin
  const auto started = std::chrono::steady_clock::now();
  cli.signal(SIGINT);  // stop: the task ignores it
  usleep(100'000);
  cli.signal(SIGINT);  // abort: after one second the task is abandoned
  const ProcessResult& ended = cli.wait();
  EXPECT_EQ(ended.exit_code, 3) << ended.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "ABORTED");
  EXPECT_EQ(events.final_status.at("STUBBORN"), "ABORTED");
}

TEST_F(Scenario, RecoverRefusesAFailedRunAndAChangedDefinition) {
  const std::string failing =
      "<TASK NAME=\"bad\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Outcome\" VALUE=\"FAILED\"/>"
      "</TASK>\n<TASKINSTANCE NAME=\"BAD\" TASKNAME=\"bad\" TASKTYPE=\"testkit.outcome\" "
      "FAIL_PARENT_IF_INSTANCE_FAILS=\"YES\"/>\n"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"BAD\" CONDITION=\"\"/>\n";
  write_file(dir_ / "wf.xml", workflow("wf_failed", failing));
  ASSERT_EQ(run("wf.xml").exit_code, 1);
  ProcessResult refused = recover(run_id());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not recoverable"), std::string::npos) << refused.err;

  write_file(dir_ / "c.xml",
             workflow("wf_changed",
                      "<TASK NAME=\"bad\" TYPE=\"Command\"><ATTRIBUTE NAME=\"Outcome\" "
                      "VALUE=\"FAILED\"/></TASK>\n<TASKINSTANCE NAME=\"BAD\" "
                      "TASKNAME=\"bad\" TASKTYPE=\"Command\"/>\n<WORKFLOWLINK "
                      "FROMTASK=\"Start\" TOTASK=\"BAD\" CONDITION=\"\"/>\n",
                      "SUSPEND_ON_ERROR=\"YES\""));
  ASSERT_EQ(run("c.xml", {}, "c.jsonl").exit_code, 4);
  write_file(dir_ / "c.xml", workflow("wf_changed",
                                      "<TASK NAME=\"bad\" TYPE=\"Command\"/>\n<TASKINSTANCE "
                                      "NAME=\"BAD\" TASKNAME=\"bad\" TASKTYPE=\"Command\"/>\n"
                                      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"BAD\" "
                                      "CONDITION=\"\"/>\n",
                                      "SUSPEND_ON_ERROR=\"YES\""));
  ProcessResult changed = recover(run_id("c.jsonl"));
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.err.find("changed"), std::string::npos) << changed.err;
}

TEST_F(Scenario, InvalidInputExitsTwoAndRunsNothing) {
  EXPECT_EQ(run_cli({"run", path("missing.xml"), "--state-dir", path("state")}).exit_code, 2);
  write_file(dir_ / "wf.xml", workflow("wf_ok", ""));
  EXPECT_EQ(run("wf.xml", {"--max-parallel", "zero"}).exit_code, 2);
  write_file(dir_ / "bad.ini", "[pools]\nSession = many\n");
  const ProcessResult config = run("wf.xml", {"--config", path("bad.ini")});
  EXPECT_EQ(config.exit_code, 2);
  EXPECT_NE(config.err.find("bad.ini:2"), std::string::npos) << config.err;
  EXPECT_EQ(run("wf.xml", {"--param-file", path("none.par")}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "events.jsonl"));
}

}  // namespace
}  // namespace taskweave::testing
