// PowerCenter date format strings (TO_CHAR, TO_DATE, IS_DATE): YYYY YYY YY Y RR MM MON MONTH
// DD DDD DY DAY D HH HH12 HH24 MI SS SSSSS MS US NS AM PM A.M. P.M. J, punctuation and
// "quoted text". Codes are case-insensitive; for names (MON, MONTH, DY, DAY, AM) the case of
// the code picks the output case: MON -> JAN, Mon -> Jan, mon -> jan.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/result.h"
#include "expr/value.h"

namespace taskweave::expr::date_format {

// The format TO_CHAR and TO_DATE use when none is given.
inline constexpr std::string_view kDefault = "MM/DD/YYYY HH24:MI:SS";

enum class Code {
  Literal,
  Year4,
  Year3,
  Year2,
  Year1,
  YearRR,
  Month,
  MonthAbbr,
  MonthName,
  Day,
  DayOfYear,
  WeekdayAbbr,
  WeekdayName,
  Weekday,
  Hour12,
  Hour24,
  Minute,
  Second,
  SecondOfDay,
  Milli,
  Micro,
  Nano,
  Meridian,
  Julian
};
enum class Case { Upper, Capitalized, Lower };

struct Element {
  Code code = Code::Literal;
  Case letter_case = Case::Upper;
  bool dotted = false;  // A.M./P.M. rather than AM/PM
  std::string literal;  // for Code::Literal
};

// Splits a format string into elements; an error names the offending position.
Result<std::vector<Element>> compile(std::string_view format);

// TO_CHAR(date, format).
Result<std::string> format(DateTime value, std::string_view format);
// TO_DATE(text, format). `now` supplies the century for YY/YYY/Y/RR and the year when the
// format has none. An error says where the text stops matching.
Result<DateTime> parse(std::string_view text, std::string_view format, DateTime now);

}  // namespace taskweave::expr::date_format
