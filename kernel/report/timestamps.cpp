#include "report/timestamps.h"

#include <cstdio>
#include <ctime>

#include "expr/calendar.h"

namespace taskweave::report {
namespace {

using namespace std::chrono;

std::string format(const std::tm& t, long millis, const char* date_time_separator,
                   const char* suffix) {
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d%s%02d:%02d:%02d.%03ld%s", t.tm_year + 1900,
                t.tm_mon + 1, t.tm_mday, date_time_separator, t.tm_hour, t.tm_min, t.tm_sec, millis,
                suffix);
  return text;
}

// Splits a time point into whole seconds and milliseconds, rounding towards the past even
// before 1970.
std::pair<std::time_t, long> seconds_and_millis(system_clock::time_point time) {
  auto ms = floor<milliseconds>(time.time_since_epoch()).count();
  auto seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  return {static_cast<std::time_t>(seconds), static_cast<long>(ms - seconds * 1000)};
}

}  // namespace

std::string iso_utc(system_clock::time_point time) {
  auto [seconds, millis] = seconds_and_millis(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return format(utc, millis, "T", "Z");
}

std::string iso_utc(const expr::DateTime& local) {
  auto f = expr::calendar::to_fields(local);
  std::tm t{};
  t.tm_year = f.year - 1900;
  t.tm_mon = f.month - 1;
  t.tm_mday = f.day;
  t.tm_hour = f.hour;
  t.tm_min = f.minute;
  t.tm_sec = f.second;
  t.tm_isdst = -1;  // let the time zone rules decide (daylight saving time)
  std::time_t seconds = std::mktime(&t);
  return iso_utc(system_clock::from_time_t(seconds) + milliseconds(f.nanos / 1'000'000));
}

std::string log_time(system_clock::time_point time) {
  auto [seconds, millis] = seconds_and_millis(time);
  std::tm local{};
  localtime_r(&seconds, &local);
  return format(local, millis, " ", "");
}

}  // namespace taskweave::report
