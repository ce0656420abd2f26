// TO_CHAR, TO_DATE, TO_INTEGER, TO_BIGINT, TO_DECIMAL, TO_FLOAT.
#include <cmath>

#include "expr/date_format.h"
#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/numeric.h"

namespace taskweave::expr {
namespace {

using args::Args;

// Without a format TO_DATE expects the default format; a fraction of a second or a missing
// time part are accepted too.
constexpr std::string_view kDefaultLayouts[] = {"MM/DD/YYYY HH24:MI:SS.NS", "MM/DD/YYYY HH24:MI:SS",
                                                "MM/DD/YYYY"};

Result<Value> to_char(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  switch (a[0].type()) {
    case Type::DateTime: {
      const std::string format =
          a.size() > 1 ? args::text(a, 1) : std::string(date_format::kDefault);
      auto text = date_format::format(a[0].as_datetime(), format);
      if (!text) return args::invalid(a, 1, "is not a valid date format: " + text.error());
      return Value::string(*text);
    }
    case Type::Integer:
    case Type::Double:
      if (a.size() > 1) return args::invalid(a, 1, "is a format, but formats apply to dates only");
      return Value::string(format_value(a[0]));
    default:
      return Value::string(args::text(a, 0));
  }
}

Result<Value> to_date(Args a, const CallContext& ctx) {
  if (args::any_null(a)) return Value();
  if (a[0].type() == Type::DateTime) return a[0];
  if (a[0].type() != Type::String) return args::invalid(a, 0, "is not a string");
  const std::string& text = a[0].as_string();
  if (a.size() > 1) {
    const std::string format = args::text(a, 1);
    auto dt = date_format::parse(text, format, ctx.now());
    if (!dt) return args::invalid(a, 0, "does not match format '" + format + "': " + dt.error());
    return Value::datetime(*dt);
  }
  for (auto layout : kDefaultLayouts)
    if (auto dt = date_format::parse(text, layout, ctx.now())) return Value::datetime(*dt);
  return args::invalid(a, 0, "does not match the default date format MM/DD/YYYY HH24:MI:SS");
}

// The numeric value of an argument for the TO_ conversions: numbers as they are; text by
// PowerCenter's rule (leading number, 0 when none: TO_INTEGER('A12.3Grove') = 0).
Result<double> numeric_value(Args a, size_t index) {
  switch (a[index].type()) {
    case Type::Integer:
    case Type::Double:
      return a[index].as_number();
    case Type::String:
      return numeric::leading_double(a[index].as_string());
    default:
      return args::invalid(a, index, "cannot be converted to a number");
  }
}

// TO_INTEGER / TO_BIGINT (value [, truncate = TRUE]): truncates, or rounds half away from zero.
Result<Value> to_integer(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  if (a[0].type() == Type::Integer) return a[0];
  if (a[0].type() == Type::String)  // whole numbers in text stay exact beyond 2^53
    if (auto n = numeric::parse_number_strict(a[0].as_string()); n && n->type() == Type::Integer)
      return *n;
  auto d = numeric_value(a, 0);
  if (!d) return Error{d.error()};
  bool truncate = true;
  if (a.size() > 1) {
    auto flag = args::real(a, 1);
    if (!flag) return Error{flag.error()};
    truncate = *flag != 0;
  }
  auto i = numeric::to_int64(truncate ? std::trunc(*d) : std::round(*d));
  if (!i) return args::invalid(a, 0, "is out of the 64-bit integer range");
  return Value::integer(*i);
}

// TO_DECIMAL(value [, scale]): a double, rounded to `scale` decimal places when given.
Result<Value> to_decimal(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto d = numeric_value(a, 0);
  if (!d) return Error{d.error()};
  if (a.size() > 1) {
    auto scale = args::whole(a, 1);
    if (!scale) return Error{scale.error()};
    if (*scale < 0 || *scale > 28) return args::invalid(a, 1, "must be a scale from 0 to 28");
    const double factor = std::pow(10.0, static_cast<double>(*scale));
    const double scaled = std::round(*d * factor) / factor;
    if (std::isfinite(scaled)) return Value::real(scaled);
  }
  return Value::real(*d);
}

Result<Value> to_float(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto d = numeric_value(a, 0);
  if (!d) return Error{d.error()};
  return Value::real(*d);
}

constexpr FunctionSpec kFunctions[] = {
    {"TO_CHAR", 1, 2, to_char, "as", Type::String},
    {"TO_DATE", 1, 2, to_date, "ss", Type::DateTime},
    {"TO_INTEGER", 1, 2, to_integer, "an", Type::Integer},
    {"TO_BIGINT", 1, 2, to_integer, "an", Type::Integer},
    {"TO_DECIMAL", 1, 2, to_decimal, "an", Type::Double},
    {"TO_FLOAT", 1, 1, to_float, "a", Type::Double},
};

}  // namespace

std::span<const FunctionSpec> conversion_functions() { return kFunctions; }

}  // namespace taskweave::expr
