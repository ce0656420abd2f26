// The Command plugin through the real `taskweave run`: workflow exports with Command tasks,
// checked by their effects on files and processes and by the run's JSON events.
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "process_tree.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

std::string command_task(const std::string& name, bool fail_on_error,
                         const std::vector<std::pair<std::string, std::string>>& commands) {
  std::string xml = "<TASK DESCRIPTION=\"\" NAME=\"" + name +
                    "\" REUSABLE=\"NO\" TYPE=\"Command\" VERSIONNUMBER=\"1\">\n"
                    "<ATTRIBUTE NAME=\"Fail task if any command fails\" VALUE=\"" +
                    (fail_on_error ? "YES" : "NO") + "\"/>\n";
  int order = 1;
  for (const auto& [label, text] : commands)
    xml += "<VALUEPAIR EXECORDER=\"" + std::to_string(order++) + "\" NAME=\"" + label +
           "\" REVERSEASSIGNMENT=\"NO\" VALUE=\"" + text + "\"/>\n";
  return xml + "</TASK>\n";
}

class CommandCliTest : public ::testing::Test {
 protected:
  TempDir dir{"tw-command-cli"};
  fs::path path(const std::string& name) const { return dir.path() / name; }
};

TEST_F(CommandCliTest, RunsCommandsWithExpansionAndBothFailureModes) {
  std::string definitions =
      command_task(
          "cmd_write", true,
          {{"first", "echo $$Greeting &gt; greeting.txt"},
           {"second", "printf &apos;%s\\n&apos; &quot;$TW_FROM_CONFIG&quot; &gt; env.txt"}}) +
      command_task("cmd_fails", true, {{"breaks", "exit 3"}, {"never", "touch never.txt"}}) +
      command_task("cmd_tolerant", false, {{"breaks", "exit 5"}, {"still", "touch still.txt"}}) +
      command_task("cmd_after_failure", true, {{"mark", "touch after_failure.txt"}});
  std::string body = task_instance("cmd_write", "Command") + task_instance("cmd_fails", "Command") +
                     task_instance("cmd_tolerant", "Command") +
                     task_instance("cmd_after_failure", "Command") +
                     workflow_link("Start", "cmd_write") + workflow_link("cmd_write", "cmd_fails") +
                     workflow_link("cmd_write", "cmd_tolerant") +
                     workflow_link("cmd_fails", "cmd_after_failure",
                                   "$cmd_fails.Status = FAILED AND $cmd_fails.ErrorCode = 3") +
                     workflow_variable("$$Greeting", "hello from a variable");
  auto run = run_workflow(dir.path(), workflow_export("wf_commands", definitions, body),
                          "[command]\nenv = TW_FROM_CONFIG\nenv.TW_FROM_CONFIG = configured\n");
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err << run.process.out;
  EXPECT_EQ(read_file(path("greeting.txt")), "hello from a variable\n");
  EXPECT_EQ(read_file(path("env.txt")), "configured\n");
  EXPECT_NE(run.events.finished["cmd_write"].find("\"status\":\"SUCCEEDED\""), std::string::npos);

  std::string failed = run.events.finished["cmd_fails"];
  EXPECT_NE(failed.find("\"status\":\"FAILED\""), std::string::npos) << failed;
  EXPECT_NE(failed.find("\"error_code\":3"), std::string::npos) << failed;
  EXPECT_NE(failed.find("command 'breaks' (1 of 2) exited with code 3"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("never.txt")));
  EXPECT_TRUE(fs::exists(path("after_failure.txt")));

  EXPECT_NE(run.events.finished["cmd_tolerant"].find("\"status\":\"SUCCEEDED\""),
            std::string::npos);
  EXPECT_TRUE(fs::exists(path("still.txt")));
}

// The task log the run wrote for `task` ("" when there is none).
std::string task_log_of(const fs::path& logs, const std::string& task) {
  if (!fs::exists(logs)) return "";
  for (const auto& entry : fs::recursive_directory_iterator(logs))
    if (entry.is_regular_file() && entry.path().parent_path().filename() == "tasks" &&
        entry.path().stem() == task)
      return read_file(entry.path());
  return "";
}

TEST_F(CommandCliTest, WorkingDirectoryTimeoutAndTaskLogCapComeFromTheConfiguration) {
  fs::create_directories(path("wd"));
  std::string definitions =
      command_task("cmd_loud", true,
                   {{"where", "pwd &gt; where.txt"},
                    {"loud", "head -c 200000 /dev/zero | tr &apos;\\0&apos; x; touch done.txt"}}) +
      command_task("cmd_slow", true, {{"sleeps", "sleep 30"}, {"never", "touch never.txt"}});
  std::string body = task_instance("cmd_loud", "Command") + task_instance("cmd_slow", "Command") +
                     workflow_link("Start", "cmd_loud") + workflow_link("Start", "cmd_slow");
  auto start = std::chrono::steady_clock::now();
  auto run = run_workflow(dir.path(), workflow_export("wf_commands", definitions, body),
                          "[command]\nworking_dir = wd\ntimeout_seconds = 1\n"
                          "[logs]\ntask_log_max_bytes = 4096\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));

  // Relative to the configuration file's directory.
  EXPECT_EQ(run.events.status("cmd_loud"), "SUCCEEDED") << run.events.finished["cmd_loud"];
  EXPECT_EQ(read_file(path("wd/where.txt")), path("wd").string() + "\n");
  // The command's 200 kB went through (it was not blocked on a full pipe); the log kept 4 kB.
  EXPECT_TRUE(fs::exists(path("wd/done.txt")));
  std::string log = task_log_of(path("logs"), "cmd_loud");
  EXPECT_LT(log.size(), 4096u + 200u) << log.size();
  EXPECT_GT(log.size(), 4000u);
  EXPECT_NE(log.find("[taskweave: task log capped at 4096 bytes; further output dropped]"),
            std::string::npos)
      << log.substr(0, 200);

  EXPECT_EQ(run.events.status("cmd_slow"), "FAILED");
  EXPECT_EQ(json_field(run.events.finished["cmd_slow"], "error_code"), "124");
  EXPECT_NE(run.events.field("cmd_slow", "error_msg").find("timed out"), std::string::npos)
      << run.events.field("cmd_slow", "error_msg");
  EXPECT_FALSE(fs::exists(path("wd/never.txt")));
}

TEST_F(CommandCliTest, StopLetsTheRunningCommandFinishAndSkipsTheRest) {
  std::string definitions =
      command_task("cmd_long", true,
                   {{"current", "echo started &gt; started; sleep 0.5; touch finished"},
                    {"next", "touch next"}});
  write_file(path("wf.xml"), workflow_export("wf_stop", definitions,
                                             task_instance("cmd_long", "Command") +
                                                 workflow_link("Start", "cmd_long")));
  write_file(path("taskweave.ini"), "");
  BackgroundProcess cli(cli_run_args(dir.path()), cli_run_options(dir.path()));
  ASSERT_TRUE(wait_for_text(path("started"), "\n", 20000));
  ASSERT_EQ(read_file(path("started")), "started\n");
  cli.signal(SIGTERM);  // the first signal stops the run
  const ProcessResult& stopped = cli.wait();
  EXPECT_EQ(stopped.exit_code, 3) << stopped.out << stopped.err;
  EXPECT_TRUE(fs::exists(path("finished")));
  EXPECT_FALSE(fs::exists(path("next")));
  std::string events = read_file(path("events.jsonl"));
  EXPECT_NE(events.find("\"task\":\"cmd_long\",\"type\":\"Command\",\"status\":\"STOPPED\""),
            std::string::npos)
      << events;
}

TEST_F(CommandCliTest, AbortLeavesNoProcessOfTheCommandsTreeBehind) {
  // Orphans of the killed shell come to this test process (not to an init that may never reap
  // them), so that what is left of the group can be checked exactly.
  become_subreaper();
  std::string definitions =
      command_task("cmd_tree", true,
                   {{"tree", "echo $$ &gt; pid; sleep 30 &amp; sleep 30"}, {"next", "touch next"}});
  write_file(path("wf.xml"), workflow_export("wf_abort", definitions,
                                             task_instance("cmd_tree", "Command") +
                                                 workflow_link("Start", "cmd_tree")));
  write_file(path("taskweave.ini"), "[command]\nabort_grace_seconds = 5\n");
  auto start = std::chrono::steady_clock::now();
  BackgroundProcess cli(cli_run_args(dir.path()), cli_run_options(dir.path()));
  ASSERT_TRUE(wait_for_text(path("pid"), "\n", 20000));
  pid_t group = leading_pid(read_file(path("pid")));
  ASSERT_GT(group, 0);
  cli.signal(SIGTERM);  // stop...
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  cli.signal(SIGTERM);  // ...then abort
  const ProcessResult& aborted = cli.wait();
  EXPECT_EQ(aborted.exit_code, 3) << aborted.out << aborted.err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // Every process of the group has ended; the orphans handed to us are reaped here.
  for (const auto& member : group_members(group))
    EXPECT_NE(member.find(") Z "), std::string::npos) << "still running: " << member;
  int status = 0;
  while (waitpid(-1, &status, WNOHANG) > 0) {
  }
  EXPECT_EQ(group_members(group), std::vector<std::string>{});
  EXPECT_FALSE(fs::exists(path("next")));
  std::string events = read_file(path("events.jsonl"));
  EXPECT_NE(events.find("\"task\":\"cmd_tree\",\"type\":\"Command\",\"status\":\"ABORTED\""),
            std::string::npos)
      << events;
}

TEST_F(CommandCliTest, DryRunPrintsTheExpandedCommandsAndRunsNothing) {
  std::string definitions = command_task("cmd_write", true, {{"write", "touch $$Target"}});
  auto run = run_workflow(
      dir.path(),
      workflow_export("wf_dry", definitions,
                      task_instance("cmd_write", "Command") + workflow_link("Start", "cmd_write") +
                          workflow_variable("$$Target", "made.txt")),
      "", {"--dry-run"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err << run.process.out;
  EXPECT_FALSE(fs::exists(path("made.txt")));
  EXPECT_NE((run.process.out + run.process.err + run.events.text())
                .find("would run command 'write' (1 of 1): sh -c 'touch made.txt'"),
            std::string::npos)
      << run.process.out << run.process.err << run.events.text();
}

}  // namespace
}  // namespace taskweave::testing
