// The date-part format strings of ADD_TO_DATE, DATE_DIFF, GET_DATE_PART, SET_DATE_PART, TRUNC
// and ROUND: Y/YY/YYY/YYYY (year), MM/MON/MONTH, D/DD/DDD/DY/DAY, HH/HH12/HH24, MI, SS, MS, US,
// NS; case-insensitive.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "expr/value.h"

namespace taskweave::expr {

enum class DatePart { Year, Month, Day, Hour, Minute, Second, Milli, Micro, Nano };

std::optional<DatePart> parse_date_part(std::string_view text);

// Length of one unit of a time part in nanoseconds (Day and finer).
int64_t nanos_per_unit(DatePart part);

// TRUNC(date, part) and ROUND(date, part); nullopt when rounding up leaves the supported range.
std::optional<DateTime> truncate_date(DateTime value, DatePart part);
std::optional<DateTime> round_date(DateTime value, DatePart part);

}  // namespace taskweave::expr
