#include "report/workflow_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fixed_zone.h"

namespace taskweave::report {
namespace {

using namespace std::chrono;

system_clock::time_point fixed_now() {
  return system_clock::from_time_t(1795773600) + milliseconds(250);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class WorkflowLogTest : public ::testing::Test {
 protected:
  WorkflowLogTest() {
    info_.run_id = "R1";
    info_.workflow = "wf_daily";
    info_.folder = "SALES";
    info_.file = "exports/wf_daily.xml";
  }
  std::vector<std::string> lines() const { return split_lines(text_.str()); }

  testing::FixedZone zone_{"UTC0"};
  std::ostringstream text_;
  WorkflowLog log_{text_, fixed_now};
  run::RunInfo info_;
};

TEST_F(WorkflowLogTest, LinkEvaluationLine) {
  log_.run_started(info_);
  log_.link_evaluated({"R1", "s_load", "s_next", "$s_load.Status = SUCCEEDED", true, ""});
  auto l = lines();
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[1],
            "INFO    2026-11-27 10:00:00.250 [s_load] TW_LINK: Link [s_load -> s_next]: condition "
            "is TRUE for the expression [$s_load.Status = SUCCEEDED]");
}

TEST_F(WorkflowLogTest, AFailedLinkEvaluationIsAWarningWithTheError) {
  log_.link_evaluated({"R1", "a", "WKL.b", "TO_DATE($$D,\r\n'YYYY')", false, "TO_DATE: bad"});
  EXPECT_EQ(lines(), std::vector<std::string>{
                         "WARNING 2026-11-27 10:00:00.250 [a] TW_LINK: Link [a -> WKL.b]: "
                         "condition is FALSE for the expression [TO_DATE($$D, 'YYYY')]: "
                         "evaluation failed: TO_DATE: bad"});
}

TEST_F(WorkflowLogTest, ARunFromStartToEnd) {
  log_.run_started(info_);
  run::TaskEvent t;
  t.run_id = "R1";
  t.path = "WKL_A.s_load";
  t.type = "Session";
  t.status = expr::Status::Started;
  log_.task_started(t);
  t.status = expr::Status::Failed;
  t.error_code = 7;
  t.error_msg = "line one\nline two";
  log_.task_finished(t);
  t.path = "s_err";
  log_.task_did_not_run(t);
  log_.variable_changed({"R1", "", "$$COUNT", expr::Value::integer(3), false});
  log_.variable_changed({"R1", "WKL_A", "$$LAST", expr::Value::string("x"), true});
  log_.log({"R1", "WKL_A.s_load", 2, "TW_SESSION", "slow source"});
  log_.log({"R1", "", 0, "", "debug detail"});
  info_.status = run::RunStatus::Succeeded;
  log_.run_finished(info_);
  const std::string ts = " 2026-11-27 10:00:00.250 ";
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "INFO   " + ts +
                             "[wf_daily] TW_RUN_START: Starting workflow [wf_daily] of folder "
                             "[SALES], run [R1], file [exports/wf_daily.xml]",
                         "INFO   " + ts +
                             "[WKL_A.s_load] TW_TASK_START: Task [WKL_A.s_load] of type "
                             "[Session] started.",
                         "ERROR  " + ts +
                             "[WKL_A.s_load] TW_TASK_END: Task [WKL_A.s_load] of type "
                             "[Session] completed with status [FAILED], error code [7], "
                             "error message [line one line two].",
                         "INFO   " + ts +
                             "[s_err] TW_TASK_NOT_RUN: Task [s_err] did not run: its input "
                             "links did not allow it.",
                         "INFO   " + ts + "[wf_daily] TW_VARIABLE: Variable [$$COUNT] set to [3].",
                         "INFO   " + ts +
                             "[WKL_A] TW_VARIABLE: Variable [$$LAST] of worklet [WKL_A] "
                             "saved as persistent value [x].",
                         "WARNING" + ts + "[WKL_A.s_load] TW_SESSION: slow source",
                         "DEBUG  " + ts + "[wf_daily] TW_LOG: debug detail",
                         "INFO   " + ts +
                             "[wf_daily] TW_RUN_END: Workflow [wf_daily] of run [R1] "
                             "completed with status [SUCCEEDED]."}));
}

TEST_F(WorkflowLogTest, RecoveryIsNamed) {
  info_.recovery = true;
  info_.run_instance = "night";
  log_.run_started(info_);
  EXPECT_EQ(lines(), std::vector<std::string>{
                         "INFO    2026-11-27 10:00:00.250 [wf_daily] TW_RUN_RECOVER: Recovering "
                         "workflow [wf_daily] of folder [SALES], run [R1], file "
                         "[exports/wf_daily.xml], run instance [night]"});
}

TEST(WorkflowLogFile, ARecoveryAppendsToTheRunsLog) {
  auto dir =
      std::filesystem::temp_directory_path() / ("tw_report_log_test_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto path = workflow_log_path(dir / "wf_daily" / "R1", "wf_daily");
  run::RunInfo info;
  info.run_id = "R1";
  info.workflow = "wf_daily";
  {
    auto log = WorkflowLog::open(path);
    ASSERT_TRUE(log.ok()) << log.error();
    log.value()->run_started(info);
    log.value()->checkpoint();
    // Flushed at the checkpoint: readable before the log is closed.
    std::ifstream in(path);
    std::string first;
    ASSERT_TRUE(std::getline(in, first));
    EXPECT_NE(first.find("TW_RUN_START"), std::string::npos);
  }
  info.recovery = true;
  {
    auto log = WorkflowLog::open(path);
    ASSERT_TRUE(log.ok()) << log.error();
    log.value()->run_started(info);
  }
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  auto l = split_lines(all.str());
  ASSERT_EQ(l.size(), 2u);
  EXPECT_NE(l[0].find("TW_RUN_START"), std::string::npos);
  EXPECT_NE(l[1].find("TW_RUN_RECOVER"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(WorkflowLogFile, AnUnwritablePathIsAnErrorNamingIt) {
  auto log = WorkflowLog::open("/proc/taskweave/wf.log");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().find("/proc/taskweave"), std::string::npos) << log.error();
}

}  // namespace
}  // namespace taskweave::report
