// What `taskweave run` shows and records, through the real CLI: plain lines when stdout is not
// a terminal, the live status line and the table when it is (a pseudo-terminal here),
// --run-instance, and SIGTERM (a first one stops, a second one aborts).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "cli_runner.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

// Two quick tasks, and SLOW sleeping $PMSleep ms (0 unless a parameter file says otherwise).
const char* kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<POWERMART><REPOSITORY NAME="R"><FOLDER NAME="F"><WORKFLOW NAME="wf_output">
<TASK NAME="Start" TYPE="Start"/>
<TASK NAME="ok" TYPE="testkit.outcome"/>
<TASK NAME="slow" TYPE="testkit.outcome"><ATTRIBUTE NAME="Busy Ms" VALUE="$PMBusy"/></TASK>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="FIRST" TASKNAME="ok" TASKTYPE="testkit.outcome"/>
<TASKINSTANCE NAME="NIGHTLY_ONLY" TASKNAME="ok" TASKTYPE="testkit.outcome"/>
<TASKINSTANCE NAME="SLOW" TASKNAME="slow" TASKTYPE="testkit.outcome"/>
<WORKFLOWLINK FROMTASK="Start" TOTASK="FIRST" CONDITION=""/>
<WORKFLOWLINK FROMTASK="FIRST" TOTASK="NIGHTLY_ONLY" CONDITION="$PMWorkflowRunInstanceName = 'nightly'"/>
<WORKFLOWLINK FROMTASK="FIRST" TOTASK="SLOW" CONDITION=""/>
</WORKFLOW></FOLDER></REPOSITORY></POWERMART>
)";

class RunOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "wf.xml", kExport);
    write_file(dir_ / "quick.par", "[Global]\n$PMBusy=0\n");
    write_file(dir_ / "busy.par", "[Global]\n$PMBusy=60000\n");
    write_file(dir_ / "abort.ini", "[run]\nabort_timeout_seconds = 1\n");
  }
  std::vector<std::string> args(const std::string& params, std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"run",           (dir_ / "wf.xml").string(),
                                  "--param-file",  (dir_ / params).string(),
                                  "--plugins-dir", testkit_dir(),
                                  "--state-dir",   (dir_ / "state").string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  TempDir dir_{"tw-run-output"};
};

TEST_F(RunOutput, NotATerminalPrintsOneLinePerTaskAndNoStatusLine) {
  const ProcessResult run = run_cli(args("quick.par"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.find('\r'), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("[running"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("SUCCEEDED    FIRST"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("DID NOT RUN  NIGHTLY_ONLY"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("taskweave: workflow wf_output SUCCEEDED"), std::string::npos);
}

// Runs the CLI with stdout and stderr on a pseudo-terminal; what it wrote there.
std::string run_on_terminal(const std::vector<std::string>& args) {
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return "no pty";
  const std::string slave_name = ptsname(master);
  std::vector<std::string> argv = cli_argv(args);
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    const int slave = open(slave_name.c_str(), O_RDWR);
    dup2(slave, STDOUT_FILENO);
    dup2(slave, STDERR_FILENO);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  std::string out;
  char buffer[4096];
  for (;;) {  // until the child's side closes (EIO)
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  return out;
}

TEST_F(RunOutput, OnATerminalAStatusLineIsRedrawnAndATableEndsTheRun) {
  const std::string out = run_on_terminal(args("quick.par"));
  EXPECT_NE(out.find("\r[running "), std::string::npos) << out;
  EXPECT_NE(out.find("| total 4]"), std::string::npos) << out;
  EXPECT_NE(out.find("TASK"), std::string::npos) << out;
  EXPECT_NE(out.find("STATUS"), std::string::npos) << out;
  EXPECT_NE(out.find("NIGHTLY_ONLY"), std::string::npos) << out;
  EXPECT_NE(out.find("taskweave: workflow wf_output SUCCEEDED"), std::string::npos) << out;
}

TEST_F(RunOutput, RunInstanceIsSeenByExpressionsAndRecorded) {
  const ProcessResult run = run_cli(args(
      "quick.par", {"--run-instance", "nightly", "--json-events=" + (dir_ / "e.jsonl").string()}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(RunEvents::read(dir_ / "e.jsonl").status("NIGHTLY_ONLY"), "SUCCEEDED");
  const ProcessResult history = run_cli(
      {"history", "--workflow", "WF_OUTPUT", "--state-dir", (dir_ / "state").string(), "--json"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("\"run_instance\": \"nightly\""), std::string::npos) << history.out;
}

TEST_F(RunOutput, FirstSigtermStopsASecondAborts) {
  BackgroundProcess cli(
      cli_argv(args("busy.par", {"--config", (dir_ / "abort.ini").string(),
                                 "--json-events=" + (dir_ / "abort.jsonl").string()})));
  ASSERT_TRUE(wait_for_text(dir_ / "abort.jsonl", "\"task_started\",\"task\":\"SLOW\"", 20000));
  usleep(300'000);      // task_started is written before the plugin runs: let it begin
  cli.signal(SIGTERM);  // stop: SLOW ignores it, so the run goes on
  usleep(300'000);
  EXPECT_EQ(kill(cli.pid(), 0), 0) << "one SIGTERM must not end a task that ignores it";
  cli.signal(SIGTERM);  // abort: SLOW is abandoned after the 1 s abort timeout
  const ProcessResult& aborted = cli.wait(std::chrono::seconds(20));
  EXPECT_EQ(aborted.exit_code, 3) << aborted.err;
  const RunEvents events = RunEvents::read(dir_ / "abort.jsonl");
  EXPECT_EQ(events.run_status, "ABORTED");
  EXPECT_EQ(events.status("SLOW"), "ABORTED");
}

TEST_F(RunOutput, AbortCommandFromAnotherShellAbortsTheRun) {
  BackgroundProcess cli(
      cli_argv(args("busy.par", {"--config", (dir_ / "abort.ini").string(),
                                 "--json-events=" + (dir_ / "abort.jsonl").string()})));
  ASSERT_TRUE(wait_for_text(dir_ / "abort.jsonl", "\"task_started\",\"task\":\"SLOW\"", 20000));
  const RunEvents started = RunEvents::read(dir_ / "abort.jsonl");
  const std::string run_id = json_field(started.lines.front(), "run_id");
  const ProcessResult abort = run_cli({"abort", run_id, "--state-dir", (dir_ / "state").string()});
  EXPECT_EQ(abort.exit_code, 0) << abort.err;
  const ProcessResult& aborted = cli.wait(std::chrono::seconds(20));
  EXPECT_EQ(aborted.exit_code, 3) << aborted.err;
  EXPECT_EQ(RunEvents::read(dir_ / "abort.jsonl").run_status, "ABORTED");
}

TEST_F(RunOutput, DryRunDescribesEachTaskAndRecordsNothing) {
  const ProcessResult dry = run_cli(args("busy.par", {"--dry-run"}));
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("SUCCEEDED    SLOW"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("\n      "), std::string::npos) << "a description under a task line:\n"
                                                         << dry.out;
  const ProcessResult history =
      run_cli({"history", "--state-dir", (dir_ / "state").string(), "--json"});
  EXPECT_EQ(history.out.find("wf_output"), std::string::npos) << history.out;
}

// The state store cannot write (a file size limit stands in for a full disk): the run still
// succeeds, but says so on stderr and exits 5, so that no script takes it for a clean success.
TEST_F(RunOutput, ARunTheStoreCouldNotRecordExitsFive) {
  WorkflowXml chain("wf_full");
  std::string previous = "Start";
  for (int i = 0; i < 60; ++i) {
    const std::string name = "T" + std::to_string(i);
    chain.task(Task(name)).link(previous, name);
    previous = name;
  }
  write_file(dir_ / "full.xml", chain.document());
  // 150 kB: room for the database's creation, not for 60 tasks committed one by one (the
  // journal, which needs 1 MB, cannot be created). SIGXFSZ is ignored, so writes fail instead.
  std::vector<std::string> argv = {"sh", "-c",
                                   "trap '' XFSZ; exec prlimit --fsize=150000 -- \"$@\"", "sh"};
  for (const std::string& arg :
       cli_argv({"run", (dir_ / "full.xml").string(), "--plugins-dir", testkit_dir(), "--state-dir",
                 (dir_ / "state").string(), "--quiet"}))
    argv.push_back(arg);
  const ProcessResult run = run_process(argv);
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_NE(run.out.find("wf_full SUCCEEDED"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("the state store could not record the run: " +
                         (dir_ / "state" / "taskweave.db").string()),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace taskweave::testing
