#include "report/json_events.h"

#include <gtest/gtest.h>

#include <sstream>

#include "expr/calendar.h"
#include "fixed_zone.h"

namespace taskweave::report {
namespace {

using namespace std::chrono;

system_clock::time_point fixed_now() {
  return system_clock::from_time_t(1795773600) + milliseconds(123);  // 2026-11-27T10:00:00.123Z
}

expr::DateTime local(int h, int mi, int s, int millis) {
  return *expr::calendar::from_fields({2026, 11, 27, h, mi, s, millis * 1'000'000});
}

class JsonEventsTest : public ::testing::Test {
 protected:
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::istringstream in(text_.str());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  testing::FixedZone zone_{"UTC0"};
  std::ostringstream text_;
  JsonEvents json_{text_, fixed_now};
};

TEST_F(JsonEventsTest, RunStartedAndFinished) {
  run::RunInfo info;
  info.run_id = "20261127-100000-123-abcdef";
  info.workflow = "wf_daily";
  info.folder = "SALES";
  json_.run_started(info);
  info.status = run::RunStatus::Suspended;
  json_.run_finished(info);
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         R"({"event":"run_started","run_id":"20261127-100000-123-abcdef",)"
                         R"("workflow":"wf_daily","folder":"SALES","recovery":false,)"
                         R"("ts":"2026-11-27T10:00:00.123Z"})",
                         R"({"event":"run_finished","run_id":"20261127-100000-123-abcdef",)"
                         R"("status":"SUSPENDED","ts":"2026-11-27T10:00:00.123Z"})"}));
}

TEST_F(JsonEventsTest, TaskStartedLinkAndDidNotRun) {
  run::TaskEvent t;
  t.path = "WKL_A.s_load";
  t.type = "Session";
  t.status = expr::Status::Started;
  json_.task_started(t);
  json_.link_evaluated(
      {"r", "WKL_A.s_load", "WKL_A.s_next", "$s_load.Status = SUCCEEDED\r\n", true, ""});
  json_.link_evaluated({"r", "a", "b", "TO_DATE('x','YYYY')", false, "TO_DATE: no match"});
  t.path = "WKL_A.s_err";
  json_.task_did_not_run(t);
  EXPECT_EQ(
      lines(),
      (std::vector<std::string>{
          R"({"event":"task_started","task":"WKL_A.s_load","type":"Session","attempt":1,)"
          R"("ts":"2026-11-27T10:00:00.123Z"})",
          R"({"event":"link_evaluated","from":"WKL_A.s_load","to":"WKL_A.s_next",)"
          R"("condition":"$s_load.Status = SUCCEEDED\r\n","result":true,)"
          R"("ts":"2026-11-27T10:00:00.123Z"})",
          R"j({"event":"link_evaluated","from":"a","to":"b","condition":"TO_DATE('x','YYYY')",)j"
          R"("result":false,"error":"TO_DATE: no match","ts":"2026-11-27T10:00:00.123Z"})",
          R"({"event":"task_did_not_run","task":"WKL_A.s_err","type":"Session",)"
          R"("ts":"2026-11-27T10:00:00.123Z"})"}));
}

TEST_F(JsonEventsTest, TaskFinishedHasTimesErrorAndVariables) {
  run::TaskEvent t;
  t.path = "s_load";
  t.type = "Session";
  t.status = expr::Status::Failed;
  t.start = local(9, 59, 0, 5);
  t.end = local(10, 0, 0, 0);
  t.error_code = 36;
  t.error_msg = "ORA-00942: \"T\" missing";
  t.vars = {{"TgtSuccessRows", expr::Value::integer(120)},
            {"Ratio", expr::Value::real(0.5)},
            {"FirstErrorMsg", expr::Value::string("x")},
            {"When", expr::Value::datetime(local(9, 0, 0, 0))},
            {"Prev", expr::Value::status(expr::Status::Succeeded)},
            {"Nothing", expr::Value()}};
  json_.task_finished(t);
  EXPECT_EQ(lines(),
            (std::vector<std::string>{
                R"({"event":"task_finished","task":"s_load","type":"Session","status":"FAILED",)"
                R"("start":"2026-11-27T09:59:00.005Z","end":"2026-11-27T10:00:00.000Z",)"
                R"("error_code":36,"error_msg":"ORA-00942: \"T\" missing",)"
                R"("vars":{"FirstErrorMsg":"x","Nothing":null,"Prev":"SUCCEEDED","Ratio":0.5,)"
                R"("TgtSuccessRows":120,"When":"2026-11-27T09:00:00.000Z"},)"
                R"("ts":"2026-11-27T10:00:00.123Z"})"}));
}

TEST_F(JsonEventsTest, ADisabledTaskHasNoTimes) {
  run::TaskEvent t;
  t.path = "cmd_off";
  t.type = "Command";
  t.status = expr::Status::Disabled;
  json_.task_finished(t);
  EXPECT_EQ(lines(),
            (std::vector<std::string>{
                R"({"event":"task_finished","task":"cmd_off","type":"Command","status":"DISABLED",)"
                R"("start":null,"end":null,"error_code":0,"error_msg":"","vars":{},)"
                R"("ts":"2026-11-27T10:00:00.123Z"})"}));
}

TEST_F(JsonEventsTest, EveryLineIsFlushedAsItHappens) {
  // A stream buffer that records what reached it, to see the flush.
  struct Recorder : std::stringbuf {
    int syncs = 0;
    int sync() override {
      ++syncs;
      return std::stringbuf::sync();
    }
  } buffer;
  std::ostream out(&buffer);
  JsonEvents json(out, fixed_now);
  run::TaskEvent t;
  t.path = "a";
  json.task_started(t);
  EXPECT_EQ(buffer.syncs, 1);
  json.task_did_not_run(t);
  EXPECT_EQ(buffer.syncs, 2);
}

}  // namespace
}  // namespace taskweave::report
