#include "expr/calendar.h"

namespace taskweave::expr::calendar {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's civil_from_days: days since 1970-01-01 -> year/month/day.
void civil_from_days(int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

constexpr int64_t kJulianDayOfEpoch = 2440588;  // JDN of 1970-01-01

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

int64_t days_from_civil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = month > 2 ? month - 3 : month + 9;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Fields to_fields(DateTime value) {
  Fields f;
  const int64_t days = floor_div(value.seconds, kSecondsPerDay);
  const int64_t secs = value.seconds - days * kSecondsPerDay;
  civil_from_days(days, f.year, f.month, f.day);
  f.hour = static_cast<int>(secs / 3600);
  f.minute = static_cast<int>(secs / 60 % 60);
  f.second = static_cast<int>(secs % 60);
  f.nanos = value.nanos;
  return f;
}

std::optional<DateTime> from_fields(const Fields& f) {
  if (f.year < kMinYear || f.year > kMaxYear || f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > days_in_month(f.year, f.month) || f.hour < 0 || f.hour > 23 || f.minute < 0 ||
      f.minute > 59 || f.second < 0 || f.second > 59 || f.nanos < 0 || f.nanos >= kNanosPerSecond)
    return std::nullopt;
  const int64_t days = days_from_civil(f.year, f.month, f.day);
  return DateTime{days * kSecondsPerDay + f.hour * 3600 + f.minute * 60 + f.second, f.nanos};
}

bool in_range(DateTime value) {
  static const int64_t kMin = days_from_civil(kMinYear, 1, 1) * kSecondsPerDay;
  static const int64_t kMax = days_from_civil(kMaxYear + 1, 1, 1) * kSecondsPerDay;
  return value.seconds >= kMin && value.seconds < kMax && value.nanos >= 0 &&
         value.nanos < kNanosPerSecond;
}

int day_of_week(DateTime value) {
  const int64_t days = floor_div(value.seconds, kSecondsPerDay);
  return static_cast<int>(((days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
}

int day_of_year(const Fields& f) {
  return static_cast<int>(days_from_civil(f.year, f.month, f.day) - days_from_civil(f.year, 1, 1) +
                          1);
}

int64_t julian_day(DateTime value) {
  return floor_div(value.seconds, kSecondsPerDay) + kJulianDayOfEpoch;
}

DateTime from_julian_day(int64_t jdn) {
  return DateTime{(jdn - kJulianDayOfEpoch) * kSecondsPerDay, 0};
}

std::optional<DateTime> add_months(DateTime value, int64_t months) {
  // Beyond this many months every result is out of range; checking first avoids overflow.
  if (months > 12 * 10000 || months < -12 * 10000) return std::nullopt;
  Fields f = to_fields(value);
  const int64_t total = static_cast<int64_t>(f.year) * 12 + (f.month - 1) + months;
  f.year = static_cast<int>(floor_div(total, 12));
  f.month = static_cast<int>(total - static_cast<int64_t>(f.year) * 12) + 1;
  if (f.year < kMinYear || f.year > kMaxYear) return std::nullopt;
  if (f.day > days_in_month(f.year, f.month)) f.day = days_in_month(f.year, f.month);
  return from_fields(f);
}

std::optional<DateTime> add_duration(DateTime value, int64_t seconds, int64_t nanos) {
  const int64_t carry = floor_div(nanos, kNanosPerSecond);
  int64_t n = value.nanos + (nanos - carry * kNanosPerSecond);
  int64_t s = 0;
  if (__builtin_add_overflow(seconds, carry, &seconds)) return std::nullopt;
  if (__builtin_add_overflow(value.seconds, seconds, &s)) return std::nullopt;
  if (n >= kNanosPerSecond) {
    n -= kNanosPerSecond;
    ++s;
  }
  DateTime result{s, static_cast<int32_t>(n)};
  if (!in_range(result)) return std::nullopt;
  return result;
}

}  // namespace taskweave::expr::calendar
