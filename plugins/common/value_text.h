// Text forms of workflow values for plugin logs, descriptions and messages, and the calendar
// arithmetic behind them. A DATETIME is naive local time (seconds since 1970-01-01 00:00:00, no
// time zone), so the conversions here are plain proleptic-Gregorian arithmetic, never
// localtime(): the host already speaks local time.
#pragma once

#include <taskweave/abi.h>

#include <cstdint>
#include <optional>
#include <string>

namespace taskweave::plugins {

// A DATETIME split into calendar fields.
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int32_t nanos = 0;
};

CivilTime to_civil(int64_t seconds, int32_t nanos);

// Seconds since the epoch of a calendar date and time, or nullopt when a field is out of
// range (month 13, February 30, hour 24, ...).
std::optional<int64_t> from_civil(const CivilTime& time);

// "2026-11-27 10:00:00", with ".fraction" (trailing zeros dropped) when nanos is not zero:
// the form `taskweave eval` prints.
std::string format_datetime(int64_t seconds, int32_t nanos);

// A value as logs show it: 42, 3.5, abc, 2026-11-27 10:00:00, SUCCEEDED, NULL.
std::string format_value(const tw_value& value);

// "SUCCEEDED", "FAILED", ... for a tw_status number ("STATUS(n)" for an unknown one).
std::string status_name(int64_t status);

}  // namespace taskweave::plugins
