// The Session plugin's `command` runner: a configured template run as a process that reports
// its counts through $TASKWEAVE_SESSION_STATS.
#include <chrono>
#include <thread>

#include "process_tree.h"
#include "session_fixture.h"

namespace taskweave::testing {
namespace {

class CommandRunnerTest : public SessionTest {
 protected:
  static void SetUpTestSuite() { become_subreaper(); }
  void SetUp() override {
    SessionTest::SetUp();
    host.config["session.runner"] = "command";
    host.config["session.command"] = "sh {jobs_dir}/{mapping}.sh --master {master}";
    host.config["session.param.master"] = "local[2]";
  }
};

TEST_F(CommandRunnerTest, RunsTheTemplateAndReadsTheCountsTheJobReports) {
  write_job("m_load_orders.sh", R"(echo "args: $*"
echo "session=$TASKWEAVE_SESSION mapping=$TASKWEAVE_MAPPING log=$TASKWEAVE_ATTR_SESSION_LOG_FILE_NAME"
echo "connections=$TASKWEAVE_CONNECTIONS"
cat >> "$TASKWEAVE_SESSION_STATS" <<END
# counts
SrcSuccessRows=120
TgtSuccessRows = 118
tgtfailedrows=2
FirstErrorMsg=2 rows rejected: bad date
END
)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << (host.error ? host.error->second : "");
  EXPECT_TRUE(host.logged("args: --master local[2]")) << host.task_log;
  EXPECT_TRUE(host.logged("session=s_load_orders mapping=m_load_orders log=s_load_orders.log"));
  EXPECT_TRUE(host.logged("connections=DW,SRC"));
  EXPECT_EQ(output("SrcSuccessRows"), 120);
  EXPECT_EQ(output("TgtSuccessRows"), 118);
  EXPECT_EQ(output("TgtFailedRows"), 2);
  EXPECT_EQ(output_text("FirstErrorMsg"), "2 rows rejected: bad date");
  EXPECT_TRUE(std::filesystem::is_empty(dir / "tmp"));  // the stats file is cleaned up
}

TEST_F(CommandRunnerTest, ANonZeroExitFailsTheSessionWithTheExitCode) {
  write_job("m_load_orders.sh",
            "echo 'FirstErrorMsg=cannot reach the cluster' > \"$TASKWEAVE_SESSION_STATS\"\n"
            "echo FirstErrorCode=7 >> \"$TASKWEAVE_SESSION_STATS\"\nexit 4\n");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, 4);
  EXPECT_EQ(host.error->second,
            "the session's command job exited with code 4 (FirstErrorMsg: cannot reach the "
            "cluster)");
  EXPECT_EQ(output("FirstErrorCode"), 7);
}

TEST_F(CommandRunnerTest, MalformedStatisticsAreWarnedAboutAndIgnored) {
  write_job("m_load_orders.sh",
            "printf 'TgtSuccessRows=many\\nRowsRead=3\\nnonsense\\nSrcSuccessRows=3\\n' > "
            "\"$TASKWEAVE_SESSION_STATS\"\n");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(output("SrcSuccessRows"), 3);
  EXPECT_EQ(output("TgtSuccessRows"), 0);
  EXPECT_TRUE(host.logged(":1: TgtSuccessRows must be an integer, not \"many\""));
  EXPECT_TRUE(host.logged(":2: unknown variable RowsRead"));
  EXPECT_TRUE(host.logged(":3: not a KEY=VALUE line: nonsense"));
}

TEST_F(CommandRunnerTest, AnUnknownPlaceholderNamesTheKeysThatWouldSetIt) {
  host.config["session.command"] = "run {jobs_dir}/{mapping}.py --queue {queue} ${HOME} {}";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "session.command: unknown placeholder {queue} in the command template: set "
            "session.param.queue.s_load_orders, session.mapping.m_load_orders.param.queue or "
            "session.param.queue");
}

TEST_F(CommandRunnerTest, NoTemplateFailsNamingTheKeys) {
  host.config.erase("session.command");
  host.config["session.runner.s_load_orders"] = "command";
  host.config["session.runner"] = "sqlite";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "the session's runner is command (from session.runner.s_load_orders) but there is no "
            "command template: set session.command.s_load_orders, "
            "session.mapping.m_load_orders.command or session.command");
}

TEST_F(CommandRunnerTest, ShellBracesAndVariablesSurviveTheTemplate) {
  host.vars["$$LoadDate"] = FakeValue::of_string("2026-11-27");
  host.config["session.command"] =
      "echo \"${TASKWEAVE_MAPPING}|{session}|$$LoadDate\" > out.txt; echo {} >> out.txt";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << (host.error ? host.error->second : "");
  EXPECT_EQ(read_file(dir / "out.txt"), "m_load_orders|s_load_orders|2026-11-27\n{}\n");
}

TEST_F(CommandRunnerTest, DryRunDescribesTheCommandLine) {
  host.dry_run = true;
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(host.descriptions[0], "would run command job [sh " + (dir / "jobs").string() +
                                      "/m_load_orders.sh --master local[2]] (template from "
                                      "session.command)");
}

TEST_F(CommandRunnerTest, AbortEndsTheJobsWholeProcessTree) {
  write_job("m_load_orders.sh", "echo $$ > \"$TASKWEAVE_JOBS_DIR/../pid\"; sleep 30 & sleep 30\n");
  host.config["session.abort_grace_seconds"] = "5";
  tw_run_result result = TW_RUN_FAILED;
  auto start = std::chrono::steady_clock::now();
  std::thread session([&] { result = run(); });
  std::string pid = wait_for_text(dir / "pid", "\n", 10000) ? read_file(dir / "pid") : "";
  host.cancel = TW_CANCEL_ABORT;
  session.join();
  EXPECT_EQ(result, TW_RUN_ABORTED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  ASSERT_GT(leading_pid(pid), 0);
  EXPECT_EQ(group_members(leading_pid(pid)), std::vector<std::string>{});
  EXPECT_TRUE(no_child_left());
}

}  // namespace
}  // namespace taskweave::testing
