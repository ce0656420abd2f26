#include "report/timestamps.h"

#include <gtest/gtest.h>

#include "expr/calendar.h"
#include "fixed_zone.h"

namespace taskweave::report {
namespace {

using namespace std::chrono;

expr::DateTime local(int y, int mo, int d, int h, int mi, int s, int nanos) {
  return *expr::calendar::from_fields({y, mo, d, h, mi, s, nanos});
}

TEST(Timestamps, UtcOfATimePoint) {
  auto t = system_clock::from_time_t(1795773600) + milliseconds(123);  // 2026-11-27 10:00
  EXPECT_EQ(iso_utc(t), "2026-11-27T10:00:00.123Z");
  EXPECT_EQ(iso_utc(system_clock::from_time_t(0) - milliseconds(1)), "1969-12-31T23:59:59.999Z");
}

TEST(Timestamps, LocalDateTimeToUtc) {
  testing::FixedZone zone("<-03>3");  // UTC-3 all year (Brasilia)
  EXPECT_EQ(iso_utc(local(2026, 11, 27, 10, 0, 0, 123456789)), "2026-11-27T13:00:00.123Z");
  EXPECT_EQ(iso_utc(local(2026, 12, 31, 22, 30, 0, 0)), "2027-01-01T01:30:00.000Z");
}

TEST(Timestamps, LocalDateTimeInUtcZone) {
  testing::FixedZone zone("UTC0");
  EXPECT_EQ(iso_utc(local(2026, 11, 27, 10, 0, 0, 5'000'000)), "2026-11-27T10:00:00.005Z");
}

TEST(Timestamps, DaylightSavingTimeIsApplied) {
  testing::FixedZone zone("CET-1CEST,M3.5.0,M10.5.0/3");
  EXPECT_EQ(iso_utc(local(2026, 7, 1, 12, 0, 0, 0)), "2026-07-01T10:00:00.000Z");
  EXPECT_EQ(iso_utc(local(2026, 1, 1, 12, 0, 0, 0)), "2026-01-01T11:00:00.000Z");
}

TEST(Timestamps, LogTimeIsLocal) {
  testing::FixedZone zone("<-03>3");
  auto t = system_clock::from_time_t(1795773600) + milliseconds(7);
  EXPECT_EQ(log_time(t), "2026-11-27 07:00:00.007");
}

}  // namespace
}  // namespace taskweave::report
