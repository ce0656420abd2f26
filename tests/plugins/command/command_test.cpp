// The Command plugin, loaded from its built .so into the fake host, running real shells.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "fake_host.h"
#include "process_tree.h"
#include "temp_dir.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const tw_task_type& command_type() {
  static const tw_task_type* type = [] {
    std::string error;
    auto* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Command");
  }();
  return *type;
}

class CommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { become_subreaper(); }

  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("tw-command-test-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    host.task_type = "Command";
    host.dirs[TW_DIR_WORK] = dir;
    host.dirs[TW_DIR_CONFIG] = dir;
  }
  void TearDown() override { fs::remove_all(dir); }

  tw_run_result run() {
    auto result = host.run(command_type());
    EXPECT_TRUE(result.has_value()) << host.create_error;
    return result.value_or(TW_RUN_FAILED);
  }

  // Runs the task on another thread while `trigger` (this thread) waits for `file` to be written
  // by the first command and then requests `cancel`.
  tw_run_result run_and_cancel_when(const fs::path& file, tw_cancel cancel, std::string& seen) {
    tw_run_result result = TW_RUN_FAILED;
    std::thread task([&] { result = run(); });
    seen = wait_for_text(file, "\n", 10000) ? read_file(file) : "";
    host.cancel = cancel;
    task.join();
    return result;
  }

  FakeHost host;
  fs::path dir;
};

TEST_F(CommandTest, RunsTheCommandsInOrderAndCapturesTheirOutput) {
  host.value_pairs = {{"first", "echo one"}, {"second", "echo two >&2"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_NE(host.task_log.find("one\n"), std::string::npos);
  EXPECT_LT(host.task_log.find("one\n"), host.task_log.find("two\n")) << host.task_log;
  EXPECT_TRUE(host.logged("command 'second' (2 of 2) exited with code 0"));
  EXPECT_FALSE(host.error);
}

TEST_F(CommandTest, OnlyCommandsThatPrintSomethingAppearInTheTaskLog) {
  host.value_pairs = {{"silent", "true"}, {"loud", "echo hi"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host.task_log, "==> command 'loud' (2 of 2): echo hi\nhi\n");
}

TEST_F(CommandTest, FailTaskIfAnyCommandFailsStopsAtTheFirstFailure) {
  host.attributes["Fail task if any command fails"] = "YES";
  host.value_pairs = {{"a", "touch a"}, {"broken step", "exit 3"}, {"c", "touch c"}};
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, 3);
  EXPECT_EQ(host.error->second, "command 'broken step' (2 of 3) exited with code 3");
  EXPECT_TRUE(fs::exists(dir / "a"));
  EXPECT_FALSE(fs::exists(dir / "c"));
}

TEST_F(CommandTest, WithoutFailTaskIfAnyCommandFailsEveryCommandRunsAndTheTaskSucceeds) {
  host.attributes["Fail task if any command fails"] = "NO";
  host.value_pairs = {{"a", "exit 3"}, {"b", "false"}, {"c", "touch c"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  EXPECT_TRUE(fs::exists(dir / "c"));
  EXPECT_TRUE(host.logged("command 'a' (1 of 3) exited with code 3; continuing"));
  EXPECT_TRUE(host.logged("2 of 3 commands failed"));
}

TEST_F(CommandTest, AnAbsentFailAttributeMeansNo) {
  host.value_pairs = {{"a", "exit 1"}, {"b", "touch b"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(fs::exists(dir / "b"));
}

TEST_F(CommandTest, ASignalDeathFailsWith128PlusTheSignal) {
  host.attributes["Fail task if any command fails"] = "yes";
  host.value_pairs = {{"killer", "kill -KILL $$"}};
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, 137);
  EXPECT_EQ(host.error->second, "command 'killer' (1 of 1) was killed by signal 9 (SIGKILL)");
}

TEST_F(CommandTest, ExpandsVariablesBeforeRunning) {
  host.vars["$$TargetFile"] = FakeValue::of_string("loaded.out");
  host.vars["$$Count"] = FakeValue::of_integer(42);
  host.value_pairs = {{"touch", "echo $$Count > $$TargetFile"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(read_file(dir / "loaded.out"), "42\n");
}

TEST_F(CommandTest, CrLfLineEndsFromTheExportDoNotReachTheShell) {
  host.value_pairs = {{"crlf", "touch crlf.out\r\ntouch second.out\r\n"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(fs::exists(dir / "crlf.out"));
  EXPECT_TRUE(fs::exists(dir / "second.out"));
}

TEST_F(CommandTest, UsesTheConfiguredWorkingDirectoryAndEnvironment) {
  fs::create_directories(dir / "work");
  host.config["command.working_dir"] = "work";  // relative to the configuration directory
  host.config["command.env"] = "TW_GREETING, TW_TARGET";
  host.config["command.env.TW_GREETING"] = "hello world";
  host.config["command.env.TW_TARGET"] = "$$Name";
  host.vars["$$Name"] = FakeValue::of_string("taskweave");
  host.run_id = "run-77";
  host.value_pairs = {{"env", "echo \"$TW_GREETING $TW_TARGET $TASKWEAVE_RUN_ID\" > env.out"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(read_file(dir / "work" / "env.out"), "hello world taskweave run-77\n");
}

TEST_F(CommandTest, AMissingWorkingDirectoryFailsTheTaskEvenWhenFailuresAreTolerated) {
  host.config["command.working_dir"] = (dir / "missing").string();
  host.value_pairs = {{"a", "true"}};
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second, "command 'a' (1 of 1) could not be started: working directory " +
                                    (dir / "missing").string() +
                                    " does not exist or is not a directory");
}

TEST_F(CommandTest, MalformedConfigurationFailsNamingTheKey) {
  host.value_pairs = {{"a", "true"}};
  host.config["command.timeout_seconds"] = "soon";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "configuration: command.timeout_seconds = \"soon\" is not a number of seconds (e.g. "
            "30 or 0.5)");

  host.config.erase("command.timeout_seconds");
  host.config["command.env"] = "TW_X";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_EQ(host.error->second,
            "configuration: command.env lists TW_X but command.env.TW_X is not set");
}

TEST_F(CommandTest, ACommandThatRunsTooLongTimesOutAndFails) {
  host.attributes["Fail task if any command fails"] = "YES";
  host.config["command.timeout_seconds"] = "0.2";
  host.value_pairs = {{"slow", "sleep 30"}};
  auto start = Clock::now();
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, 124);
  EXPECT_TRUE(host.error->second.starts_with("command 'slow' (1 of 1) timed out after 0."))
      << host.error->second;
}

TEST_F(CommandTest, DryRunDescribesTheExpandedCommandsAndRunsNothing) {
  host.dry_run = true;
  host.vars["$$File"] = FakeValue::of_string("it's.out");
  host.value_pairs = {{"make file", "touch \"$$File\""}, {"second", "touch b"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(fs::is_empty(dir));
  ASSERT_EQ(host.descriptions.size(), 2u);
  EXPECT_EQ(
      host.descriptions[0],
      "would run command 'make file' (1 of 2): sh -c 'touch \"it'\\''s.out\"' in " + dir.string());
}

TEST_F(CommandTest, DryRunDescribesAWouldBeFailureAndSucceeds) {
  host.dry_run = true;
  host.config["command.timeout_seconds"] = "soon";
  host.value_pairs = {{"a", "touch a"}};
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_TRUE(
      host.descriptions[0].starts_with("would fail: configuration: command.timeout_seconds"))
      << host.descriptions[0];
}

TEST_F(CommandTest, NoCommandsSucceeds) {
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host.logged("no commands"));
}

TEST_F(CommandTest, AStopRequestedBeforeTheTaskRunsRunsNothing) {
  host.cancel = TW_CANCEL_STOP;
  host.value_pairs = {{"a", "touch a"}};
  EXPECT_EQ(run(), TW_RUN_STOPPED);
  EXPECT_FALSE(fs::exists(dir / "a"));
}

TEST_F(CommandTest, StopLetsTheCurrentCommandFinishAndSkipsTheRest) {
  host.value_pairs = {{"current", "echo started > started; sleep 0.3; touch finished"},
                      {"next", "touch next"}};
  std::string seen;
  EXPECT_EQ(run_and_cancel_when(dir / "started", TW_CANCEL_STOP, seen), TW_RUN_STOPPED);
  EXPECT_EQ(seen, "started\n");
  EXPECT_TRUE(fs::exists(dir / "finished"));
  EXPECT_FALSE(fs::exists(dir / "next"));
  EXPECT_TRUE(host.logged("stop requested: skipped 1 of 2 commands, from command 'next'"));
}

TEST_F(CommandTest, AbortTerminatesTheWholeProcessTreeAndLeavesNothingBehind) {
  host.config["command.abort_grace_seconds"] = "5";
  host.value_pairs = {{"tree", "echo $$ > pid; sleep 30 & sleep 30"}, {"next", "touch next"}};
  std::string seen;
  auto start = Clock::now();
  EXPECT_EQ(run_and_cancel_when(dir / "pid", TW_CANCEL_ABORT, seen), TW_RUN_ABORTED);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));  // SIGTERM sufficed
  pid_t group = leading_pid(seen);
  ASSERT_GT(group, 0);
  EXPECT_EQ(group_members(group), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
  EXPECT_FALSE(fs::exists(dir / "next"));
  EXPECT_FALSE(host.error);
}

TEST_F(CommandTest, AbortKillsWhatIgnoresSigtermAfterTheAbortGrace) {
  host.config["command.abort_grace_seconds"] = "0.3";
  host.value_pairs = {{"stubborn", "trap '' TERM; echo $$ > pid; sleep 30 & sleep 30"}};
  std::string seen;
  auto start = Clock::now();
  EXPECT_EQ(run_and_cancel_when(dir / "pid", TW_CANCEL_ABORT, seen), TW_RUN_ABORTED);
  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(group_members(leading_pid(seen)), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

TEST_F(CommandTest, TheGraceEndsBeforeTheHostsAbortTimeout) {
  host.config["run.abort_timeout_seconds"] = "0.6";  // so the kill comes after 0.3 s
  host.config["command.abort_grace_seconds"] = "30";
  host.value_pairs = {{"stubborn", "trap '' TERM; echo $$ > pid; sleep 30"}};
  std::string seen;
  auto start = Clock::now();
  EXPECT_EQ(run_and_cancel_when(dir / "pid", TW_CANCEL_ABORT, seen), TW_RUN_ABORTED);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(group_members(leading_pid(seen)), std::vector<std::string>{});
}

}  // namespace
}  // namespace taskweave::testing
