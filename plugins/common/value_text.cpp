#include "common/value_text.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string_view>

namespace taskweave::plugins {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

// Floor division, so times before 1970 land on the previous day, not the next.
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

CivilTime to_civil(int64_t seconds, int32_t nanos) {
  using namespace std::chrono;
  int64_t days = floor_div(seconds, kSecondsPerDay);
  int64_t in_day = seconds - days * kSecondsPerDay;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  CivilTime out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(in_day / 3600);
  out.minute = static_cast<int>(in_day % 3600 / 60);
  out.second = static_cast<int>(in_day % 60);
  out.nanos = nanos;
  return out;
}

std::optional<int64_t> from_civil(const CivilTime& time) {
  using namespace std::chrono;
  if (time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31) return std::nullopt;
  year_month_day ymd{year{time.year}, month{static_cast<unsigned>(time.month)},
                     day{static_cast<unsigned>(time.day)}};
  if (!ymd.ok()) return std::nullopt;
  if (time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59 || time.second < 0 ||
      time.second > 59)
    return std::nullopt;
  int64_t days = sys_days{ymd}.time_since_epoch().count();
  return days * kSecondsPerDay + time.hour * 3600 + time.minute * 60 + time.second;
}

std::string format_datetime(int64_t seconds, int32_t nanos) {
  CivilTime t = to_civil(seconds, nanos);
  std::array<char, 64> buffer{};
  int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d %02d:%02d:%02d", t.year,
                        t.month, t.day, t.hour, t.minute, t.second);
  std::string out(buffer.data(), static_cast<size_t>(n));
  if (nanos != 0) {
    std::snprintf(buffer.data(), buffer.size(), ".%09d", nanos);
    std::string fraction(buffer.data());
    fraction.erase(fraction.find_last_not_of('0') + 1);
    out += fraction;
  }
  return out;
}

std::string status_name(int64_t status) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "NOTSTARTED", "STARTED", "SUCCEEDED", "FAILED", "STOPPED", "ABORTED", "DISABLED"};
  if (status >= 0 && status < static_cast<int64_t>(kNames.size()))
    return std::string(kNames[static_cast<size_t>(status)]);
  return "STATUS(" + std::to_string(status) + ")";
}

std::string format_value(const tw_value& value) {
  switch (value.type) {
    case TW_VALUE_INTEGER:
      return std::to_string(value.integer);
    case TW_VALUE_DOUBLE: {
      std::array<char, 32> buffer{};
      auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.real);
      return ec == std::errc() ? std::string(buffer.data(), end) : std::string("NaN");
    }
    case TW_VALUE_STRING:
      return value.string ? std::string(value.string, value.string_size) : std::string();
    case TW_VALUE_DATETIME:
      return format_datetime(value.seconds, value.nanos);
    case TW_VALUE_STATUS:
      return status_name(value.integer);
    default:
      return "NULL";
  }
}

}  // namespace taskweave::plugins
