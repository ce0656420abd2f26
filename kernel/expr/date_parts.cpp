#include "expr/date_parts.h"

#include "expr/calendar.h"
#include "expr/text.h"

namespace taskweave::expr {

std::optional<DatePart> parse_date_part(std::string_view t) {
  const std::string u = text::to_upper(t);
  if (u == "Y" || u == "YY" || u == "YYY" || u == "YYYY") return DatePart::Year;
  if (u == "MM" || u == "MON" || u == "MONTH") return DatePart::Month;
  if (u == "D" || u == "DD" || u == "DDD" || u == "DY" || u == "DAY") return DatePart::Day;
  if (u == "HH" || u == "HH12" || u == "HH24") return DatePart::Hour;
  if (u == "MI") return DatePart::Minute;
  if (u == "SS") return DatePart::Second;
  if (u == "MS") return DatePart::Milli;
  if (u == "US") return DatePart::Micro;
  if (u == "NS") return DatePart::Nano;
  return std::nullopt;
}

int64_t nanos_per_unit(DatePart part) {
  switch (part) {
    case DatePart::Day:
      return 86'400'000'000'000;
    case DatePart::Hour:
      return 3'600'000'000'000;
    case DatePart::Minute:
      return 60'000'000'000;
    case DatePart::Second:
      return 1'000'000'000;
    case DatePart::Milli:
      return 1'000'000;
    case DatePart::Micro:
      return 1'000;
    default:
      return 1;
  }
}

std::optional<DateTime> truncate_date(DateTime value, DatePart part) {
  calendar::Fields f = calendar::to_fields(value);
  switch (part) {
    case DatePart::Year:
      f.month = 1;
      [[fallthrough]];
    case DatePart::Month:
      f.day = 1;
      [[fallthrough]];
    case DatePart::Day:
      f.hour = 0;
      [[fallthrough]];
    case DatePart::Hour:
      f.minute = 0;
      [[fallthrough]];
    case DatePart::Minute:
      f.second = 0;
      [[fallthrough]];
    case DatePart::Second:
      f.nanos = 0;
      break;
    case DatePart::Milli:
    case DatePart::Micro:
    case DatePart::Nano:
      f.nanos -= static_cast<int32_t>(f.nanos % nanos_per_unit(part));
      break;
  }
  return calendar::from_fields(f);
}

std::optional<DateTime> round_date(DateTime value, DatePart part) {
  const calendar::Fields f = calendar::to_fields(value);
  auto down = truncate_date(value, part);
  if (!down) return std::nullopt;
  bool up = false;
  switch (part) {
    case DatePart::Year:
      up = f.month >= 7;
      break;  // July 1 or later: next year
    case DatePart::Month:
      up = f.day >= 16;
      break;  // the 16th or later: next month
    case DatePart::Day:
      up = f.hour >= 12;
      break;
    case DatePart::Hour:
      up = f.minute >= 30;
      break;
    case DatePart::Minute:
      up = f.second >= 30;
      break;
    default:
      up = f.nanos % nanos_per_unit(part) >= nanos_per_unit(part) / 2;
      break;
  }
  if (!up) return down;
  if (part == DatePart::Year) return calendar::add_months(*down, 12);
  if (part == DatePart::Month) return calendar::add_months(*down, 1);
  return calendar::add_duration(*down, 0, nanos_per_unit(part));
}

}  // namespace taskweave::expr
