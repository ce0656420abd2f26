// Out-of-process isolation through the real `taskweave run`: a workflow of real plugins
// (Assignment, Decision, Command) and testkit tasks gives the same events in a worker as in
// process; a crashing plugin fails only its task and the run follows the failure link; an abort
// kills a hung worker before the abort timeout; a stop wakes a proxied sleep; a yield resumes.
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "cli_runner.h"
#include "sanitizer_env.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using namespace std::chrono_literals;

// An event line without what differs from run to run: times and the run id.
std::string stable(const std::string& line) {
  static const std::regex volatile_fields(R"re("(ts|start|end|run_id)":"[^"]*",?)re");
  return std::regex_replace(line, volatile_fields, "");
}

class IsolationCli : public ::testing::Test {
 protected:
  // Some tasks crash their worker on purpose; it must die of the signal in sanitizer builds too.
  void SetUp() override { let_children_die_of_segv(); }

  std::vector<std::string> args(const std::string& xml, const std::string& events,
                                std::vector<std::string> extra = {}) const {
    std::vector<std::string> a = {"run",
                                  (dir_ / xml).string(),
                                  "--plugins-dir",
                                  testkit_dir(),
                                  "--plugins-dir",
                                  TW_ISOLATIONKIT_DIR,
                                  "--plugin",
                                  "Command=command",  // the real one, not testkit's
                                  "--state-dir",
                                  (dir_ / "state").string(),
                                  "--json-events=" + (dir_ / events).string(),
                                  "--quiet"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  std::string config(const std::string& text) const {
    write_file(dir_ / "taskweave.ini", text);
    return (dir_ / "taskweave.ini").string();
  }

  TempDir dir_{"tw-isolation-cli"};
};

TEST_F(IsolationCli, ATaskInAWorkerReportsWhatItReportsInProcess) {
  // Start -> ASN -> DEC -> CMD -> TK, and CMD writes the pid of its shell's parent.
  const std::string ppid_file = (dir_ / "ppid").string();
  write_file(dir_ / "wf.xml",
             WorkflowXml("wf_same")
                 .variable("$$N", "integer", "1")
                 .variable("$$S", "string", "")
                 .event("done")
                 .task(Task("ASN", "Assignment").value_pair("$$N", "$$N + 41"))
                 .task(Task("DEC", "Decision").attribute("Decision Name", "$$N = 42"))
                 .task(Task("CMD", "Command")
                           .attribute("Fail task if any command fails", "YES")
                           .value_pair("ppid", "echo $PPID $$N > " + ppid_file))
                 .task(Task("TK")
                           .attribute("Outputs", "SrcSuccessRows=5")
                           .attribute("Raise Event", "done")
                           .attribute("Log", "n is $$N")
                           .value_pair("$$S", "'n=' || TO_CHAR($$N)"))
                 .link("Start", "ASN")
                 .link("ASN", "DEC")
                 .link("DEC", "CMD", "$DEC.Condition = TRUE")
                 .link("CMD", "TK", "$CMD.Status = SUCCEEDED")
                 .document());

  BackgroundProcess in_process(cli_argv(args("wf.xml", "in.jsonl")));
  const ProcessResult& in = in_process.wait(60s);
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const std::string in_ppid = read_file(ppid_file);
  EXPECT_EQ(in_ppid, std::to_string(in_process.pid()) + " 42\n");

  const std::string ini =
      config("[isolation]\ntypes = Assignment, decision , Command,testkit.outcome\n");
  BackgroundProcess isolated(cli_argv(args("wf.xml", "out.jsonl", {"--config", ini})));
  const ProcessResult& out = isolated.wait(60s);
  ASSERT_EQ(out.exit_code, 0) << out.err;
  // The command's shell is a child of a worker now, not of taskweave.
  const std::string out_ppid = read_file(ppid_file);
  EXPECT_NE(out_ppid, std::to_string(isolated.pid()) + " 42\n");
  EXPECT_EQ(out_ppid.substr(out_ppid.find(' ')), " 42\n");

  const RunEvents a = RunEvents::read(dir_ / "in.jsonl"), b = RunEvents::read(dir_ / "out.jsonl");
  EXPECT_EQ(a.final_status.at("TK"), "SUCCEEDED");
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (size_t i = 0; i < a.lines.size(); ++i) EXPECT_EQ(stable(a.lines[i]), stable(b.lines[i]));
}

class CrashingPlugin : public IsolationCli, public ::testing::WithParamInterface<const char*> {};

TEST_P(CrashingPlugin, FailsOnlyItsTaskAndTheRunFollowsTheFailureLink) {
  const std::string type = std::string("isolationkit.") + GetParam();
  write_file(dir_ / "wf.xml", WorkflowXml("wf_crash")
                                  .task(Task("CRASH", type))
                                  .task(Task("ON_FAILURE"))
                                  .task(Task("ON_SUCCESS"))
                                  .task(Task("BESIDE"))
                                  .link("Start", "CRASH")
                                  .link("Start", "BESIDE")
                                  .link("CRASH", "ON_FAILURE", "$CRASH.Status = FAILED")
                                  .link("CRASH", "ON_SUCCESS", "$CRASH.Status = SUCCEEDED")
                                  .document());
  const ProcessResult result = run_cli(args("wf.xml", "events.jsonl", {"--isolate", type}));
  EXPECT_EQ(result.exit_code, 0) << result.err;  // no task fails its parent
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "SUCCEEDED");
  EXPECT_EQ(events.final_status.at("CRASH"), "FAILED");
  EXPECT_EQ(json_field(events.finished.at("CRASH"), "error_msg"),
            "taskweave-worker for " + type + " (" + TW_ISOLATIONKIT_DIR +
                "/taskweave-plugin-isolationkit.so) died of " +
                (std::string(GetParam()) == "segv" ? "SIGSEGV" : "SIGABRT"));
  EXPECT_EQ(events.final_status.at("ON_FAILURE"), "SUCCEEDED");
  EXPECT_EQ(events.final_status.at("ON_SUCCESS"), "DID_NOT_RUN");
  EXPECT_EQ(events.final_status.at("BESIDE"), "SUCCEEDED");
}

INSTANTIATE_TEST_SUITE_P(Signals, CrashingPlugin, ::testing::Values("segv", "abort"));

TEST_F(IsolationCli, AbortKillsAHungWorkerBeforeTheAbortTimeout) {
  write_file(dir_ / "wf.xml", WorkflowXml("wf_hang")
                                  .task(Task("HANG", "isolationkit.hang"))
                                  .link("Start", "HANG")
                                  .document());
  const std::string ini =
      config("[run]\nabort_timeout_seconds = 2\n[isolation]\ntypes = isolationkit.hang\n");
  BackgroundProcess cli(cli_argv(args("wf.xml", "events.jsonl", {"--config", ini})));
  ASSERT_TRUE(wait_for_text(dir_ / "events.jsonl", "\"task\":\"HANG\"", 20000));
  usleep(300'000);  // task_started is written before the worker starts: let it begin
  const auto aborted = std::chrono::steady_clock::now();
  cli.signal(SIGUSR2);  // what `taskweave abort RUN_ID` sends
  const ProcessResult& ended = cli.wait(30s);
  const auto took = std::chrono::steady_clock::now() - aborted;
  EXPECT_EQ(ended.exit_code, 3) << ended.err;
  EXPECT_GE(took, 1400ms);  // killed at three quarters of the 2 s abort timeout
  EXPECT_LT(took, 15s);
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "ABORTED");
  EXPECT_EQ(events.final_status.at("HANG"), "ABORTED");
  // Killed by the runner, not abandoned by the executor when the abort timeout ran out.
  EXPECT_EQ(json_field(events.finished.at("HANG"), "error_msg"),
            "taskweave-worker for isolationkit.hang (" + std::string(TW_ISOLATIONKIT_DIR) +
                "/taskweave-plugin-isolationkit.so) did not end within 1500 ms of the abort and "
                "was killed");
}

TEST_F(IsolationCli, StopWakesASleepTheHostServesForTheWorker) {
  write_file(dir_ / "wf.xml", WorkflowXml("wf_sleep")
                                  .task(Task("SLEEPY").attribute("Sleep Ms", "60000"))
                                  .link("Start", "SLEEPY")
                                  .document());
  BackgroundProcess cli(cli_argv(args("wf.xml", "events.jsonl", {"--isolate", "testkit.outcome"})));
  ASSERT_TRUE(wait_for_text(dir_ / "events.jsonl", "\"task\":\"SLEEPY\"", 20000));
  usleep(300'000);
  const auto stopped = std::chrono::steady_clock::now();
  cli.signal(SIGUSR1);  // what `taskweave stop RUN_ID` sends
  const ProcessResult& ended = cli.wait(30s);
  EXPECT_LT(std::chrono::steady_clock::now() - stopped, 2s);
  EXPECT_EQ(ended.exit_code, 3) << ended.err;
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.final_status.at("SLEEPY"), "STOPPED");
}

TEST_F(IsolationCli, AYieldedTaskResumesInItsWorker) {
  // Waits 300 ms holding no slot, then assigns: only the task object that yielded knows it
  // has waited, so the assignment proves the resume reached the same worker.
  write_file(dir_ / "wf.xml",
             WorkflowXml("wf_yield")
                 .variable("$$N", "integer", "1")
                 .task(Task("WAIT").attribute("Wait Ms", "300").value_pair("$$N", "$$N + 1"))
                 .task(Task("AFTER", "Decision").attribute("Decision Name", "$$N = 2"))
                 .link("Start", "WAIT")
                 .link("WAIT", "AFTER")
                 .document());
  const ProcessResult result =
      run_cli(args("wf.xml", "events.jsonl", {"--isolate", "testkit.outcome"}));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.final_status.at("WAIT"), "SUCCEEDED");
  EXPECT_NE(events.finished.at("AFTER").find("\"Condition\":1"), std::string::npos)
      << events.finished.at("AFTER");
  EXPECT_GE(seconds_between(json_field(events.finished.at("WAIT"), "start"),
                            json_field(events.finished.at("WAIT"), "end")),
            0.29);
}

TEST_F(IsolationCli, AMissingWorkerRefusesTheRunBeforeAnythingIsCreated) {
  write_file(dir_ / "wf.xml",
             WorkflowXml("wf_plain").task(Task("T")).link("Start", "T").document());
  // A taskweave with no taskweave-worker beside it.
  std::filesystem::create_directories(dir_ / "bin");
  std::filesystem::copy_file(TW_CLI, dir_ / "bin" / "taskweave");
  std::vector<std::string> argv = args("wf.xml", "events.jsonl", {"--isolate", "testkit.outcome"});
  argv.insert(argv.begin(), (dir_ / "bin" / "taskweave").string());
  // No built-in plugins beside this copy: drop the binding to the real Command plugin.
  argv.erase(std::find(argv.begin(), argv.end(), "--plugin"),
             std::find(argv.begin(), argv.end(), "--plugin") + 2);
  const ProcessResult result = run_process(argv);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot run testkit.outcome out of process: no executable " +
                            (dir_ / "bin" / "taskweave-worker").string()),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "state" / "logs"));
}

TEST_F(IsolationCli, AnIsolatedTypeNoTaskHasChangesNothing) {
  write_file(dir_ / "wf.xml",
             WorkflowXml("wf_plain").task(Task("T")).link("Start", "T").document());
  const ProcessResult result =
      run_cli(args("wf.xml", "events.jsonl", {"--isolate", "acme.not_in_this_workflow"}));
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace taskweave::testing
