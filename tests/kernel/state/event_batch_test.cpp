#include "state/event_batch.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "expr/calendar.h"

namespace taskweave::state {
namespace {

TEST(EventBatch, TaskEventOmitsDefaults) {
  EventBatch batch;
  run::TaskEvent e;
  e.path = "WKL_A.s_load";
  e.type = "Session";
  e.status = expr::Status::Started;
  e.start = *expr::calendar::from_fields({2026, 11, 27, 10, 0, 0, 5});
  batch.add_task(e, false);
  EXPECT_EQ(batch.json(),
            R"([{"kind":"task","path":"WKL_A.s_load","type":"Session","status":"STARTED",)"
            R"("start":"2026-11-27 10:00:00.000000005"}])");
}

TEST(EventBatch, EverythingOfAFinishedTask) {
  EventBatch batch;
  run::TaskEvent e;
  e.path = "cmd";
  e.type = "Command";
  e.status = expr::Status::Failed;
  e.attempt = 2;
  e.error_code = -9;
  e.error_msg = "line 1\nsaid \"no\" \\ \x01";
  e.description = "echo ok";
  e.vars = {{"A", expr::Value::integer(1)},
            {"B", expr::Value::real(0.1)},
            {"C", expr::Value()},
            {"D", expr::Value::status(expr::Status::Disabled)}};
  batch.add_task(e, false);
  EXPECT_EQ(batch.json(),
            R"([{"kind":"task","path":"cmd","type":"Command","status":"FAILED","attempt":2,)"
            R"("error_code":-9,"error_msg":"line 1\nsaid \"no\" \\ \u0001",)"
            R"("description":"echo ok","vars":{"A":["integer",1],"B":["double",0.1],)"
            R"("C":["null",null],"D":["status","DISABLED"]}}])");
}

TEST(EventBatch, DidNotRunLinkAndVariable) {
  EventBatch batch;
  run::TaskEvent skipped;
  skipped.path = "s_err";
  skipped.type = "Session";
  batch.add_task(skipped, true);
  batch.add_link({"r", "s_load", "s_err", "$s_load.Status = FAILED", false, "bad"});
  batch.add_variable({"r", "WKL_A", "$$N", expr::Value::string("x"), false});
  EXPECT_EQ(batch.json(),
            R"([{"kind":"task","path":"s_err","type":"Session","status":"DID_NOT_RUN"},)"
            R"({"kind":"link","from":"s_load","to":"s_err","condition":"$s_load.Status = FAILED",)"
            R"("result":0,"error":"bad"},)"
            R"({"kind":"var","scope":"WKL_A","name":"$$N","value":["string","x"]}])");
}

TEST(EventBatch, TimesStayRightAcrossManySeconds) {
  // time() caches the text of recent seconds: alternate between more seconds than it keeps.
  EventBatch batch;
  std::vector<std::string> expected;
  for (int i = 0; i < 12; ++i) {
    int second = 55 + (i * 7) % 5;
    run::TaskEvent e;
    e.path = "t";
    e.type = "Command";
    e.status = expr::Status::Started;
    e.start = *expr::calendar::from_fields({2026, 11, 27, 23, 59, second, i});
    batch.add_task(e, false);
    char text[40];
    std::snprintf(text, sizeof text, "\"2026-11-27 23:59:%02d.%09d\"", second, i);
    expected.push_back(text);
  }
  std::string json(batch.json());
  std::size_t at = 0;
  for (const auto& time : expected) {
    at = json.find(time, at);
    ASSERT_NE(at, std::string::npos) << time << " not found in order in " << json;
  }
}

TEST(EventBatch, ClearStartsAnEmptyArray) {
  EventBatch batch;
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.json(), "[]");
  batch.clear();
  batch.add_link({"r", "a", "b", "", true, ""});
  EXPECT_FALSE(batch.empty());
  batch.json();
  batch.clear();
  EXPECT_TRUE(batch.empty());
}

TEST(EventBatch, InvalidUtf8BecomesReplacementCharacters) {
  std::string out;
  append_json_string(out, "caf\xE9");
  EXPECT_EQ(out, R"("caf\ufffd")");
}

}  // namespace
}  // namespace taskweave::state
