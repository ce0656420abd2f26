// ADD_TO_DATE, DATE_DIFF, DATE_COMPARE, GET_DATE_PART, SET_DATE_PART, LAST_DAY, SYSDATE,
// SYSTIMESTAMP. (TRUNC and ROUND, which take dates or numbers, are in functions_rounding.cpp.)
#include "expr/calendar.h"
#include "expr/date_parts.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace taskweave::expr {
namespace {

using args::Args;

Result<DatePart> part_arg(Args a, size_t index) {
  if (a[index].type() == Type::String)
    if (auto p = parse_date_part(a[index].as_string())) return *p;
  return args::invalid(a, index, "is not a date part (YYYY, MM, DD, HH, MI, SS, MS, US or NS)");
}

Error out_of_range() { return Error{"the result is outside the years 1753-9999"}; }

Result<Value> add_to_date(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto date = args::date(a, 0);
  if (!date) return Error{date.error()};
  auto part = part_arg(a, 1);
  if (!part) return Error{part.error()};
  auto amount = args::whole(a, 2);
  if (!amount) return Error{amount.error()};
  std::optional<DateTime> result;
  if (*part == DatePart::Year || *part == DatePart::Month) {
    int64_t months = 0;
    if (!__builtin_mul_overflow(*amount, *part == DatePart::Year ? 12 : 1, &months))
      result = calendar::add_months(*date, months);
  } else if (*part == DatePart::Milli || *part == DatePart::Micro || *part == DatePart::Nano) {
    int64_t nanos = 0;
    if (!__builtin_mul_overflow(*amount, nanos_per_unit(*part), &nanos))
      result = calendar::add_duration(*date, 0, nanos);
  } else {
    int64_t seconds = 0;
    if (!__builtin_mul_overflow(*amount, nanos_per_unit(*part) / 1'000'000'000, &seconds))
      result = calendar::add_duration(*date, seconds, 0);
  }
  if (!result) return out_of_range();
  return Value::datetime(*result);
}

double day_position(const calendar::Fields& f) {
  return f.day + (f.hour * 3600.0 + f.minute * 60.0 + f.second + f.nanos / 1e9) / 86400.0;
}

// Months from `earlier` to `later` (later >= earlier), PowerCenter's way: whole months in
// between plus, for the partial first and last months, the days used divided by that month's
// length (Sep 13 -> Feb 19 is 17/30 + 4 + 19/28 in a non-leap year).
double months_between(DateTime later, DateTime earlier) {
  const calendar::Fields l = calendar::to_fields(later), e = calendar::to_fields(earlier);
  const double l_len = calendar::days_in_month(l.year, l.month);
  const double e_len = calendar::days_in_month(e.year, e.month);
  if (l.year == e.year && l.month == e.month) return (day_position(l) - day_position(e)) / l_len;
  const int64_t whole = (static_cast<int64_t>(l.year) * 12 + l.month) -
                        (static_cast<int64_t>(e.year) * 12 + e.month) - 1;
  return (e_len - day_position(e)) / e_len + static_cast<double>(whole) + day_position(l) / l_len;
}

Result<Value> date_diff(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto d1 = args::date(a, 0);
  if (!d1) return Error{d1.error()};
  auto d2 = args::date(a, 1);
  if (!d2) return Error{d2.error()};
  auto part = part_arg(a, 2);
  if (!part) return Error{part.error()};
  if (*part == DatePart::Year || *part == DatePart::Month) {
    const bool negative = *d1 < *d2;
    double months = negative ? -months_between(*d2, *d1) : months_between(*d1, *d2);
    return Value::real(*part == DatePart::Year ? months / 12.0 : months);
  }
  // Whole seconds and nanoseconds separately keep nanosecond differences exact.
  const double seconds = static_cast<double>(d1->seconds - d2->seconds);
  const double nanos = static_cast<double>(d1->nanos - d2->nanos);
  const double unit = static_cast<double>(nanos_per_unit(*part));
  return Value::real((seconds * 1e9 + nanos) / unit);
}

Result<Value> date_compare(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto d1 = args::date(a, 0);
  if (!d1) return Error{d1.error()};
  auto d2 = args::date(a, 1);
  if (!d2) return Error{d2.error()};
  return Value::integer(*d1 < *d2 ? -1 : (*d2 < *d1 ? 1 : 0));
}

Result<Value> get_date_part(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto date = args::date(a, 0);
  if (!date) return Error{date.error()};
  auto part = part_arg(a, 1);
  if (!part) return Error{part.error()};
  const calendar::Fields f = calendar::to_fields(*date);
  switch (*part) {
    case DatePart::Year:
      return Value::integer(f.year);
    case DatePart::Month:
      return Value::integer(f.month);
    case DatePart::Day:
      return Value::integer(f.day);
    case DatePart::Hour:
      return Value::integer(f.hour);
    case DatePart::Minute:
      return Value::integer(f.minute);
    case DatePart::Second:
      return Value::integer(f.second);
    default:
      return Value::integer(f.nanos / nanos_per_unit(*part));
  }
}

Result<Value> set_date_part(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto date = args::date(a, 0);
  if (!date) return Error{date.error()};
  auto part = part_arg(a, 1);
  if (!part) return Error{part.error()};
  auto value = args::whole(a, 2);
  if (!value) return Error{value.error()};
  calendar::Fields f = calendar::to_fields(*date);
  const int64_t v = *value;
  const int64_t per_second = 1'000'000'000 / nanos_per_unit(*part);  // for MS, US, NS
  bool fits = v >= 0 && v <= 9999;
  switch (*part) {
    case DatePart::Year:
      f.year = static_cast<int>(v);
      break;
    case DatePart::Month:
      f.month = static_cast<int>(v);
      break;
    case DatePart::Day:
      f.day = static_cast<int>(v);
      break;
    case DatePart::Hour:
      f.hour = static_cast<int>(v);
      break;
    case DatePart::Minute:
      f.minute = static_cast<int>(v);
      break;
    case DatePart::Second:
      f.second = static_cast<int>(v);
      break;
    default:
      fits = v >= 0 && v < per_second;
      f.nanos = static_cast<int32_t>(fits ? v * nanos_per_unit(*part) : 0);
      break;
  }
  auto result = fits ? calendar::from_fields(f) : std::nullopt;
  if (!result) return args::invalid(a, 2, "is not a valid value for that part of the date");
  return Value::datetime(*result);
}

Result<Value> last_day(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto date = args::date(a, 0);
  if (!date) return Error{date.error()};
  calendar::Fields f = calendar::to_fields(*date);
  f.day = calendar::days_in_month(f.year, f.month);
  auto result = calendar::from_fields(f);
  if (!result) return out_of_range();
  return Value::datetime(*result);
}

Result<Value> sysdate(Args, const CallContext& ctx) {
  return Value::datetime(DateTime{ctx.now().seconds, 0});
}

// SYSTIMESTAMP([precision]): the current time, truncated to SS, MS, US or NS when given.
Result<Value> systimestamp(Args a, const CallContext& ctx) {
  if (a.empty()) return Value::datetime(ctx.now());
  if (a[0].is_null()) return Value();
  auto part = part_arg(a, 0);
  if (!part) return Error{part.error()};
  if (*part < DatePart::Second) return args::invalid(a, 0, "must be SS, MS, US or NS");
  auto t = truncate_date(ctx.now(), *part);
  if (!t) return out_of_range();
  return Value::datetime(*t);
}

constexpr FunctionSpec kFunctions[] = {
    {"ADD_TO_DATE", 3, 3, add_to_date, "dsn", Type::DateTime},
    {"DATE_DIFF", 3, 3, date_diff, "dds", Type::Double},
    {"DATE_COMPARE", 2, 2, date_compare, "dd", Type::Integer},
    {"GET_DATE_PART", 2, 2, get_date_part, "ds", Type::Integer},
    {"SET_DATE_PART", 3, 3, set_date_part, "dsn", Type::DateTime},
    {"LAST_DAY", 1, 1, last_day, "d", Type::DateTime},
    {"SYSDATE", 0, 0, sysdate, "", Type::DateTime},
    {"SYSTIMESTAMP", 0, 1, systimestamp, "s", Type::DateTime},
};

}  // namespace

std::span<const FunctionSpec> date_functions() { return kFunctions; }

}  // namespace taskweave::expr
