// Runs real shells. The test process makes itself a child subreaper, so that whatever a
// command leaves behind is handed to it rather than to init: "no process of the group is left"
// can then be checked exactly, zombies included, and it shows that run() reaps them.
#include "common/process/process.h"

#include "process_tree.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace taskweave::plugins::process {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using taskweave::testing::group_members;
using taskweave::testing::leading_pid;
using taskweave::testing::no_child_left;

class ProcessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { taskweave::testing::become_subreaper(); }

  sdk::Expected<ExitStatus> run_shell(const std::string& text, Options options = {}) {
    options.on_output = [this](std::string_view bytes) { output.append(bytes); };
    return run(Command{text, "", {}}, options);
  }

  std::string output;
};

TEST_F(ProcessTest, CapturesStdoutAndStderrInOrderAndTheExitCode) {
  auto status = run_shell("echo out; echo err >&2; echo again");
  ASSERT_TRUE(status) << status.error();
  EXPECT_TRUE(status->succeeded());
  EXPECT_EQ(output, "out\nerr\nagain\n");
  EXPECT_FALSE(status->ended_leftovers);
}

TEST_F(ProcessTest, ReportsANonZeroExitCode) {
  auto status = run_shell("exit 7");
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->reason, ExitStatus::Reason::kExited);
  EXPECT_EQ(status->code, 7);
  EXPECT_FALSE(status->succeeded());
  EXPECT_EQ(status->describe(), "exited with code 7");
}

TEST_F(ProcessTest, ReportsASignalDeath) {
  auto status = run_shell("kill -KILL $$");
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->reason, ExitStatus::Reason::kSignaled);
  EXPECT_EQ(status->code, SIGKILL);
  EXPECT_EQ(status->describe(), "was killed by signal 9 (SIGKILL)");
}

TEST_F(ProcessTest, RunsInItsOwnProcessGroupWithStdinFromDevNull) {
  auto status = run_shell("echo $$; cut -d' ' -f5 /proc/$$/stat; wc -c");
  ASSERT_TRUE(status) << status.error();
  pid_t pid = leading_pid(output);
  EXPECT_NE(pid, getpgrp());
  EXPECT_NE(output.find("\n" + std::to_string(pid) + "\n"), std::string::npos) << output;
  EXPECT_TRUE(output.ends_with("0\n")) << output;  // stdin was empty
}

TEST_F(ProcessTest, UsesTheWorkingDirectoryAndAddsTheEnvironment) {
  auto dir = fs::temp_directory_path();
  Options options;
  options.on_output = [this](std::string_view bytes) { output.append(bytes); };
  auto status = run(Command{"pwd; echo \"$TW_A|$TW_B|${HOME:+home set}\"",
                            dir.string(),
                            {{"TW_A", "one two"}, {"TW_B", "$not expanded"}}},
                    options);
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(output, fs::canonical(dir).string() + "\none two|$not expanded|home set\n");
}

TEST_F(ProcessTest, AMissingWorkingDirectoryIsAnErrorNamingIt) {
  auto status = run(Command{"true", "/nonexistent/taskweave-dir", {}}, {});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error(),
            "working directory /nonexistent/taskweave-dir does not exist or is not a directory");
}

TEST_F(ProcessTest, KeepsTheHostsOtherDescriptorsOutOfTheChild) {
  int fd = open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(fd, 3);
  auto status = run_shell("test -e /proc/$$/fd/" + std::to_string(fd) + " && echo leaked");
  close(fd);
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(output, "");
}

TEST_F(ProcessTest, CapturesLargeOutputCompletely) {
  auto status = run_shell("head -c 3000000 /dev/zero | tr '\\000' x");
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(output.size(), 3'000'000u);
  EXPECT_EQ(output.find_first_not_of('x'), std::string::npos);
}

TEST_F(ProcessTest, TerminatesTheGroupWhenTheTimeoutPasses) {
  Options options;
  options.timeout = 200ms;
  auto status = run_shell("echo $$; sleep 30 & sleep 30", options);
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->reason, ExitStatus::Reason::kTimedOut);
  EXPECT_LT(status->elapsed, 5s);
  EXPECT_TRUE(status->describe().starts_with("timed out after 0.")) << status->describe();
  EXPECT_EQ(group_members(leading_pid(output)), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

TEST_F(ProcessTest, TerminatesTheWholeTreeOnRequestAndLeavesNoProcess) {
  Options options;
  options.terminate_requested = [this] { return output.find('\n') != std::string::npos; };
  auto status = run_shell("echo $$; sleep 30 & sleep 30", options);
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->reason, ExitStatus::Reason::kTerminated);
  EXPECT_LT(status->elapsed, 5s);
  EXPECT_EQ(group_members(leading_pid(output)), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

TEST_F(ProcessTest, KillsWhatIgnoresSigtermAfterTheGrace) {
  Options options;
  options.kill_grace = 200ms;
  options.terminate_requested = [this] { return output.find('\n') != std::string::npos; };
  auto status = run_shell("trap '' TERM; echo $$; sleep 30", options);
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->reason, ExitStatus::Reason::kTerminated);
  EXPECT_GE(status->elapsed, 200ms);
  EXPECT_LT(status->elapsed, 5s);
  EXPECT_EQ(group_members(leading_pid(output)), std::vector<std::string>{});
}

TEST_F(ProcessTest, TerminationWorksEvenWhenTheHostBlocksAndIgnoresSignals) {
  sigset_t term, old_mask;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, &old_mask);
  auto old_pipe = signal(SIGPIPE, SIG_IGN);
  Options options;
  options.terminate_requested = [this] { return output.find('\n') != std::string::npos; };
  auto status = run_shell("echo $$; sleep 30", options);
  signal(SIGPIPE, old_pipe);
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  ASSERT_TRUE(status) << status.error();
  EXPECT_LT(status->elapsed, 4s);  // SIGTERM worked; the 5 s grace was not needed
  EXPECT_EQ(group_members(leading_pid(output)), std::vector<std::string>{});
}

TEST_F(ProcessTest, EndsWhatTheShellLeftRunningWhenItExits) {
  auto status = run_shell("echo $$; sleep 30 & sleep 30 >/dev/null 2>&1 & echo done");
  ASSERT_TRUE(status) << status.error();
  EXPECT_TRUE(status->succeeded());
  EXPECT_TRUE(status->ended_leftovers);
  EXPECT_LT(status->elapsed, 4s);
  EXPECT_TRUE(output.ends_with("done\n")) << output;
  EXPECT_EQ(group_members(leading_pid(output)), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

TEST_F(ProcessTest, AnExceptionFromTheSinkStillEndsTheGroup) {
  Options options;
  pid_t group = 0;
  options.on_output = [&](std::string_view bytes) {
    group = leading_pid(std::string(bytes));
    throw std::runtime_error("sink failed");
  };
  EXPECT_THROW(run(Command{"echo $$; sleep 30 & sleep 30", "", {}}, options), std::runtime_error);
  ASSERT_GT(group, 0);
  EXPECT_EQ(group_members(group), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

}  // namespace
}  // namespace taskweave::plugins::process
