// taskweave is the subreaper of what its commands leave behind, and reaps it without stealing
// the exit status of the commands the Command plugin waits for. Through the real CLI.
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "cli_runner.h"

namespace taskweave::testing {
namespace {

using std::chrono::milliseconds;

// The parent pid and state letter of /proc/<pid>/stat; state 0 when the process is gone.
std::pair<long, char> parent_and_state(long pid) {
  const std::string text = read_file("/proc/" + std::to_string(pid) + "/stat");
  const auto close_paren = text.rfind(')');
  if (close_paren == std::string::npos) return {0, 0};
  std::istringstream fields(text.substr(close_paren + 1));
  char state = 0;
  long parent = 0;
  fields >> state >> parent;
  return {parent, state};
}

std::string command_task(const std::string& name, const std::string& command) {
  return "<TASK NAME=\"" + name +
         "\" TYPE=\"Command\"><ATTRIBUTE NAME=\"Fail task if any command fails\" "
         "VALUE=\"YES\"/><VALUEPAIR EXECORDER=\"1\" NAME=\"c\" " +
         "VALUE=\"" + command + "\"/></TASK>\n<TASKINSTANCE NAME=\"" + name + "\" TASKNAME=\"" +
         name + "\" TASKTYPE=\"Command\"/>\n<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"" + name +
         "\" CONDITION=\"\"/>\n";
}

TEST(OrphanReaper, OrphansOfACommandAreReparentedToTaskweaveAndReapedDuringTheRun) {
  TempDir dir("tw-orphans");
  // LEAVE's shell starts a process in a new session that lives 3 s (the Command plugin does
  // not end it: it ends what is left in the shell's group). The process writes its own pid once
  // it is in its new session, and the shell waits for that before it exits, so the group it
  // leaves behind never holds the orphan. HOLD keeps the run going until the test stops it, so a
  // loaded machine cannot end the run before the reaper's sweep; FAIL_n exit 3 meanwhile: their
  // status must not be lost.
  const std::string pid_file = (dir / "pid").string();
  std::string body =
      command_task("LEAVE",
                   "setsid sh -c &apos;read -r p rest &lt; /proc/self/stat; echo $p &gt; " +
                       pid_file +
                       "; exec sleep 3&apos; &lt;/dev/null &gt;/dev/null 2&gt;&amp;1 &amp; "
                       "while [ ! -s " +
                       pid_file + " ]; do sleep 0.05; done") +
      "<TASK NAME=\"hold\" TYPE=\"testkit.outcome\"><ATTRIBUTE NAME=\"Sleep Ms\" VALUE=\"60000\"/>"
      "</TASK>\n<TASKINSTANCE NAME=\"HOLD\" TASKNAME=\"hold\" TASKTYPE=\"testkit.outcome\"/>\n"
      "<WORKFLOWLINK FROMTASK=\"Start\" TOTASK=\"HOLD\" CONDITION=\"\"/>\n";
  for (int i = 0; i < 8; ++i)
    body += command_task("FAIL_" + std::to_string(i), "sleep 0.2; exit 3");
  write_file(dir / "wf.xml",
             "<?xml version=\"1.0\"?>\n<POWERMART><REPOSITORY NAME=\"R\"><FOLDER NAME=\"F\">"
             "<WORKFLOW NAME=\"wf_orphans\">\n<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
             "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n" +
                 body + "</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n");
  BackgroundProcess cli(
      cli_argv({"run", (dir / "wf.xml").string(), "--plugins-dir", testkit_dir(), "--plugin",
                "Command=command", "--state-dir", (dir / "state").string(), "--max-parallel", "4",
                "--json-events=" + (dir / "events.jsonl").string()}));
  ASSERT_TRUE(wait_for_text(dir / "pid", "\n", 20000));
  const long orphan = std::stol(read_file(dir / "pid"));
  ASSERT_TRUE(wait_for_text(dir / "events.jsonl", "\"task_finished\",\"task\":\"LEAVE\"", 20000));
  EXPECT_EQ(parent_and_state(orphan).first, cli.pid()) << "re-parented to taskweave";
  // It ends 3 s after it started and the reaper sweeps every half second.
  auto gone = [&] { return parent_and_state(orphan).second == 0; };
  for (int i = 0; i < 400 && !gone(); ++i) std::this_thread::sleep_for(milliseconds(50));
  EXPECT_TRUE(gone()) << "a zombie child is left: state " << parent_and_state(orphan).second;
  EXPECT_EQ(kill(cli.pid(), 0), 0) << "the run was still going";

  for (int i = 0; i < 8; ++i)
    ASSERT_TRUE(wait_for_text(dir / "events.jsonl",
                              "\"task_finished\",\"task\":\"FAIL_" + std::to_string(i) + "\"",
                              20000));
  cli.signal(SIGINT);  // stops HOLD's sleep at once
  const ProcessResult& run = cli.wait(std::chrono::seconds(30));
  EXPECT_EQ(run.exit_code, 3) << run.err;  // stopped
  const RunEvents events = RunEvents::read(dir / "events.jsonl");
  for (int i = 0; i < 8; ++i) {
    const std::string task = "FAIL_" + std::to_string(i);
    EXPECT_EQ(events.status(task), "FAILED") << task;
    EXPECT_EQ(events.field(task, "error_code"), "3") << events.finished.at(task);
  }
}

}  // namespace
}  // namespace taskweave::testing
