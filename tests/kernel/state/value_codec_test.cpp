#include "state/value_codec.h"

#include <gtest/gtest.h>

#include "expr/calendar.h"

namespace taskweave::state {
namespace {

expr::DateTime at(int y, int mo, int d, int h, int mi, int s, int nanos) {
  return *expr::calendar::from_fields({y, mo, d, h, mi, s, nanos});
}

TEST(ValueCodec, TimeTextIsReadableAndExact) {
  auto time = at(2026, 11, 27, 10, 5, 9, 123456789);
  EXPECT_EQ(format_time(time).view(), "2026-11-27 10:05:09.123456789");
  EXPECT_EQ(parse_time(format_time(time).view()), time);
  auto oldest = at(1753, 1, 1, 0, 0, 0, 0);
  EXPECT_EQ(parse_time(format_time(oldest).view()), oldest);
}

TEST(ValueCodec, MalformedTimeTextIsRejected) {
  EXPECT_EQ(parse_time(""), std::nullopt);
  EXPECT_EQ(parse_time("2026-11-27 10:05:09"), std::nullopt);
  EXPECT_EQ(parse_time("2026-13-27 10:05:09.000000000"), std::nullopt);
  EXPECT_EQ(parse_time("2026-11-27T10:05:09.000000000"), std::nullopt);
  EXPECT_EQ(parse_time("2026-11-27 10:05:0x.000000000"), std::nullopt);
}

class ValueRoundTrip : public ::testing::TestWithParam<expr::Value> {};

TEST_P(ValueRoundTrip, ThroughSqlite) {
  auto db = sqlite::Database::open(":memory:");
  ASSERT_TRUE(db.ok()) << db.error();
  auto& database = db.value();
  ASSERT_TRUE(database.exec("CREATE TABLE v (type TEXT, value)").ok());
  auto insert = database.prepare("INSERT INTO v VALUES (?1, ?2)");
  ASSERT_TRUE(insert.ok()) << insert.error();
  TimeText storage;
  bind_value(insert.value(), 1, GetParam(), storage);
  ASSERT_EQ(insert.value().run(), SQLITE_DONE);
  auto select = database.prepare("SELECT type, value FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_EQ(select.value().step(), SQLITE_ROW);
  EXPECT_EQ(column_value(select.value(), 0), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    EveryType, ValueRoundTrip,
    ::testing::Values(expr::Value(), expr::Value::integer(-42), expr::Value::integer(INT64_MAX),
                      expr::Value::real(3.25), expr::Value::string(""),
                      expr::Value::string("it's \"quoted\"\n"),
                      expr::Value::datetime(at(1999, 12, 31, 23, 59, 59, 999000000)),
                      expr::Value::status(expr::Status::Succeeded),
                      expr::Value::status(expr::Status::Disabled)),
    [](const ::testing::TestParamInfo<expr::Value>& param) {
      std::string name(expr::type_name(param.param.type()));
      for (char& c : name)
        if (c == '/') c = '_';
      return name + std::to_string(param.index);
    });

}  // namespace
}  // namespace taskweave::state
