// Proleptic Gregorian calendar arithmetic for DateTime: splitting a point in time into fields
// and back, with the 1753..9999 range PowerCenter supports.
#pragma once

#include <cstdint>
#include <optional>

#include "expr/value.h"

namespace taskweave::expr::calendar {

inline constexpr int kMinYear = 1753;
inline constexpr int kMaxYear = 9999;
inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int32_t kNanosPerSecond = 1'000'000'000;

struct Fields {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int32_t nanos = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
// Days since 1970-01-01 of a civil date (any int year; no range check).
int64_t days_from_civil(int year, int month, int day);

// Fields of a DateTime (any DateTime, even one outside the supported range).
Fields to_fields(DateTime value);
// A DateTime from fields; nullopt if a field is out of its range (e.g. February 30) or the
// year is outside kMinYear..kMaxYear.
std::optional<DateTime> from_fields(const Fields& fields);
// Whether a DateTime lies within the supported years.
bool in_range(DateTime value);

int day_of_week(DateTime value);        // 0 = Sunday .. 6 = Saturday
int day_of_year(const Fields& fields);  // 1..366
// Julian Day Number (days since January 1, 4712 BC), as the J date format uses it.
int64_t julian_day(DateTime value);
DateTime from_julian_day(int64_t jdn);

// value + whole months, clamping the day to the target month's last day (Jan 31 + 1 month =
// Feb 28/29). nullopt if the result leaves the supported range.
std::optional<DateTime> add_months(DateTime value, int64_t months);
// value + seconds and nanoseconds (either sign); nullopt on overflow or leaving the range.
std::optional<DateTime> add_duration(DateTime value, int64_t seconds, int64_t nanos);

}  // namespace taskweave::expr::calendar
