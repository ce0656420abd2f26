// How reports write times. The run's times are naive local wall-clock DateTimes (as SYSDATE is
// in PowerCenter); --json-events converts them to UTC ("2026-11-27T10:00:00.123Z") so tools in
// other time zones read them unambiguously, and the workflow log keeps local time as a person
// at that machine expects ("2026-11-27 10:00:00.123").
#pragma once

#include <chrono>
#include <string>

#include "expr/value.h"

namespace taskweave::report {

// ISO-8601 UTC with milliseconds, for a local DateTime (using the process's time zone, TZ).
std::string iso_utc(const expr::DateTime& local);
std::string iso_utc(std::chrono::system_clock::time_point time);
// "YYYY-MM-DD HH:MM:SS.mmm" in local time.
std::string log_time(std::chrono::system_clock::time_point time);

}  // namespace taskweave::report
