#include "state/event_replay.h"

#include <gtest/gtest.h>

#include "expr/calendar.h"
#include "state/event_batch.h"

namespace taskweave::state {
namespace {

using expr::Status;
using expr::Value;

run::TaskEvent task(const std::string& path, Status status, int attempt = 1) {
  run::TaskEvent e;
  e.run_id = "r";
  e.path = path;
  e.type = "Command";
  e.status = status;
  e.attempt = attempt;
  return e;
}

class EventReplayTest : public ::testing::Test {
 protected:
  EventReplayTest() { record_.info.run_id = "r"; }
  bool replay(EventBatch& batch) {
    bool ok = replay_.apply(batch.json());
    batch.clear();
    return ok;
  }
  RunRecord record_;
  EventReplay replay_{record_};
};

TEST_F(EventReplayTest, EverythingWrittenIsReadBack) {
  EventBatch batch;
  auto t = task("WKL_A.s_load", Status::Failed);
  t.start = *expr::calendar::from_fields({2026, 11, 27, 10, 0, 0, 1});
  t.end = *expr::calendar::from_fields({2026, 11, 27, 10, 0, 1, 999999999});
  t.error_code = -3;
  t.error_msg = "quote \" backslash \\ newline \n tab \t caf\xC3\xA9";
  t.description = "ran it";
  t.attempt = 3;
  t.vars = {{"I", Value::integer(INT64_MIN)},
            {"D", Value::real(-2.5e-300)},
            {"S", Value::string("")},
            {"T", Value::datetime(t.start)},
            {"St", Value::status(Status::Stopped)},
            {"N", Value()}};
  batch.add_task(t, false);
  batch.add_link({"r", "a", "b", "$a.Status = SUCCEEDED\r\nOR TRUE", true, "err"});
  batch.add_variable({"r", "WKL_A", "$$D", Value::real(0.1), false});
  ASSERT_TRUE(replay(batch));
  ASSERT_EQ(record_.tasks.size(), 1u);
  const auto& got = record_.tasks[0];
  EXPECT_EQ(got.run_id, "r");
  EXPECT_EQ(got.path, t.path);
  EXPECT_EQ(got.type, t.type);
  EXPECT_EQ(got.status, t.status);
  EXPECT_EQ(got.attempt, 3);
  EXPECT_EQ(got.start, t.start);
  EXPECT_EQ(got.end, t.end);
  EXPECT_EQ(got.error_code, -3);
  EXPECT_EQ(got.error_msg, t.error_msg);
  EXPECT_EQ(got.description, "ran it");
  EXPECT_EQ(got.vars, t.vars);
  ASSERT_EQ(record_.links.size(), 1u);
  EXPECT_EQ(record_.links[0].condition, "$a.Status = SUCCEEDED\r\nOR TRUE");
  EXPECT_TRUE(record_.links[0].result);
  EXPECT_EQ(record_.links[0].error, "err");
  EXPECT_EQ(record_.variables["WKL_A"]["$$D"], Value::real(0.1));
}

TEST_F(EventReplayTest, LatestEventWinsAndFirstSeenOrderStays) {
  EventBatch batch;
  batch.add_task(task("a", Status::Started), false);
  batch.add_task(task("b", Status::Started), false);
  ASSERT_TRUE(replay(batch));
  auto done = task("a", Status::Succeeded);
  done.vars["X"] = Value::integer(1);
  batch.add_task(done, false);
  auto more = task("a", Status::Succeeded);
  more.vars["Y"] = Value::integer(2);
  batch.add_task(more, false);  // same attempt: variables accumulate
  batch.add_task(task("c", Status::NotStarted), true);
  ASSERT_TRUE(replay(batch));
  ASSERT_EQ(record_.tasks.size(), 3u);
  EXPECT_EQ(record_.tasks[0].path, "a");
  EXPECT_EQ(record_.tasks[0].status, Status::Succeeded);
  EXPECT_EQ(record_.tasks[0].vars.size(), 2u);
  EXPECT_EQ(record_.tasks[1].status, Status::Started);
  EXPECT_EQ(record_.tasks[2].status, Status::NotStarted);
  batch.add_task(task("a", Status::Failed, 2), false);  // a new attempt starts afresh
  ASSERT_TRUE(replay(batch));
  EXPECT_EQ(record_.tasks[0].attempt, 2);
  EXPECT_TRUE(record_.tasks[0].vars.empty());
}

TEST_F(EventReplayTest, UnknownMembersAreSkipped) {
  EXPECT_TRUE(replay_.apply(
      R"([{"kind":"task","path":"a","future":{"x":[1,2,{"y":null}]},"status":"SUCCEEDED"},)"
      R"({"kind":"future_kind","path":"z"}])"));
  ASSERT_EQ(record_.tasks.size(), 1u);
  EXPECT_EQ(record_.tasks[0].status, Status::Succeeded);
}

TEST_F(EventReplayTest, MalformedBatchesAreErrors) {
  for (const char* batch : {"", "[", "[{", R"([{"kind":"task","path":}])",
                            R"([{"kind":"task","vars":{"X":["integer","1"]}}])",
                            R"([{"kind":"task"}] trailing)", R"([{"kind":"task","attempt":"2"}])"})
    EXPECT_FALSE(replay_.apply(batch)) << batch;
}

}  // namespace
}  // namespace taskweave::state
