// When a Timer task fires: the deadline its TIMER element describes (powercenter-format.md §6,
// semantics.md §8), computed from the host's clock, variables and start times.
#pragma once

#include <taskweave/sdk.hpp>

#include <cstdint>
#include <string>

namespace taskweave::plugins::timer {

struct Deadline {
  int64_t seconds = 0;  // naive local time, like a tw_value DATETIME
  int32_t nanos = 0;
  std::string basis;  // how it was reached, for logs: "5 minutes after the task started"
};

// Reads TIMER/TIMERTYPE of the task's definition:
//  START_AT_ABSOLUTE_TIME               STARTOPTIONS STARTDATE="M/D/YYYY" STARTTIME="HH24:MI[:SS]"
//  START_AT_ABSOLUTE_VARIABLE           the date/time $$ variable named by the `Variable` attribute
//  START_RELATIVE_TO_PREVIOUSTASK       RECURRING DAYS/HOURS/MINUTES after this task started
//  START_RELATIVE_TO_PARENT_WORKFLOW    ... after the enclosing workflow or worklet started
//  START_RELATIVE_TO_TOPLEVEL_WORKFLOW  ... after the top-level workflow started
// A missing or malformed element, an unknown variable, a NULL or a value that is not a
// date/time is an error saying what to fix.
sdk::Expected<Deadline> timer_deadline(const sdk::Context& ctx);

}  // namespace taskweave::plugins::timer
