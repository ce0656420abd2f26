// TRUNC and ROUND, for dates (to a date part, default the day) and for numbers (to a number of
// decimal places, default 0; negative places work left of the decimal point).
#include <algorithm>
#include <cmath>

#include "expr/date_parts.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace taskweave::expr {
namespace {

using args::Args;

using DateRounder = std::optional<DateTime> (*)(DateTime, DatePart);
using Rounder = double (*)(double);

Result<Value> on_date(Args a, DateRounder rounder) {
  DatePart part = DatePart::Day;
  if (a.size() > 1) {
    auto p = a[1].type() == Type::String ? parse_date_part(a[1].as_string()) : std::nullopt;
    if (!p)
      return args::invalid(a, 1, "is not a date part (YYYY, MM, DD, HH, MI, SS, MS, US or NS)");
    part = *p;
  }
  auto result = rounder(a[0].as_datetime(), part);
  if (!result) return Error{"the result is outside the years 1753-9999"};
  return Value::datetime(*result);
}

double truncate(double d) { return std::trunc(d); }
double round_half_away(double d) { return std::round(d); }

// An integer to a multiple of 10^-places (places < 0), in exact integer arithmetic.
Result<Value> round_integer(int64_t x, int64_t places, bool truncating) {
  if (places >= 0) return Value::integer(x);
  if (places < -18) return Value::integer(0);
  int64_t unit = 1;
  for (int64_t i = 0; i < -places; ++i) unit *= 10;
  int64_t q = x / unit;
  const int64_t r = x % unit;
  if (!truncating && (r < 0 ? -r : r) >= unit - (r < 0 ? -r : r)) q += x < 0 ? -1 : 1;
  int64_t result = 0;
  if (__builtin_mul_overflow(q, unit, &result))
    return Error{"the result is out of the 64-bit integer range"};
  return Value::integer(result);
}

double pow10(int64_t places) { return std::pow(10.0, static_cast<double>(places)); }

Result<Value> on_number(Args a, Rounder rounder) {
  auto n = args::number(a, 0);
  if (!n) return Error{n.error()};
  int64_t places = 0;
  if (a.size() > 1) {
    auto p = args::whole(a, 1);
    if (!p) return Error{p.error()};
    places = std::clamp<int64_t>(*p, -30, 30);
  }
  if (n->type() == Type::Integer)
    return round_integer(n->as_integer(), places, rounder == truncate);
  // Scaling by an exact power of ten (dividing for negative places) keeps results like
  // TRUNC(1235.99, -1) = 1230 exact.
  const double x = n->as_number();
  const double scale = pow10(places < 0 ? -places : places);
  const double result = places >= 0 ? rounder(x * scale) / scale : rounder(x / scale) * scale;
  return Value::real(std::isfinite(result) ? result : x);
}

Result<Value> dispatch(Args a, DateRounder date_rounder, Rounder rounder) {
  if (args::any_null(a)) return Value();
  if (a[0].type() == Type::DateTime) return on_date(a, date_rounder);
  return on_number(a, rounder);
}

Result<Value> trunc(Args a, const CallContext&) { return dispatch(a, truncate_date, truncate); }
Result<Value> round(Args a, const CallContext&) { return dispatch(a, round_date, round_half_away); }

constexpr FunctionSpec kFunctions[] = {
    {"TRUNC", 1, 2, trunc, "aa", std::nullopt},
    {"ROUND", 1, 2, round, "aa", std::nullopt},
};

}  // namespace

std::span<const FunctionSpec> rounding_functions() { return kFunctions; }

}  // namespace taskweave::expr
