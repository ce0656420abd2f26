// ABS, CEIL, FLOOR, MOD, POWER, SQRT, EXP, LN, LOG, SIGN.
#include <cmath>

#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/operators.h"

namespace taskweave::expr {
namespace {

using args::Args;

// A finite double result, or an error naming the function's argument.
Result<Value> finite(double d, Args a, size_t index) {
  if (!std::isfinite(d)) return args::invalid(a, index, "gives a result out of the numeric range");
  return Value::real(d);
}

Result<Value> abs(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::number(a, 0);
  if (!n) return Error{n.error()};
  if (n->type() == Type::Double) return Value::real(std::fabs(n->as_double()));
  if (n->as_integer() == INT64_MIN) return args::invalid(a, 0, "has no 64-bit absolute value");
  return Value::integer(n->as_integer() < 0 ? -n->as_integer() : n->as_integer());
}

template <double (*F)(double)>
Result<Value> integral(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::number(a, 0);
  if (!n) return Error{n.error()};
  if (n->type() == Type::Integer) return *n;
  return Value::real(F(n->as_double()));
}

Result<Value> mod(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::number(a, 0);
  if (!n) return Error{n.error()};
  auto d = args::number(a, 1);
  if (!d) return Error{d.error()};
  if (d->as_number() == 0) return args::invalid(a, 1, "is zero: cannot divide by 0");
  return ops::arithmetic(Op::Modulo, *n, *d);
}

Result<Value> power(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto base = args::real(a, 0);
  if (!base) return Error{base.error()};
  auto exponent = args::real(a, 1);
  if (!exponent) return Error{exponent.error()};
  if (*base < 0 && std::trunc(*exponent) != *exponent)
    return args::invalid(a, 1, "must be a whole number when the base is negative");
  if (*base == 0 && *exponent < 0)
    return args::invalid(a, 1, "cannot be negative when the base is 0");
  return finite(std::pow(*base, *exponent), a, 1);
}

Result<Value> sqrt(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::real(a, 0);
  if (!n) return Error{n.error()};
  if (*n < 0) return args::invalid(a, 0, "is negative");
  return Value::real(std::sqrt(*n));
}

Result<Value> exp(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::real(a, 0);
  if (!n) return Error{n.error()};
  return finite(std::exp(*n), a, 0);
}

Result<Value> ln(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::real(a, 0);
  if (!n) return Error{n.error()};
  if (*n <= 0) return args::invalid(a, 0, "must be greater than 0");
  return Value::real(std::log(*n));
}

// LOG(base, exponent): the logarithm of `exponent` to `base`.
Result<Value> log(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto base = args::real(a, 0);
  if (!base) return Error{base.error()};
  auto x = args::real(a, 1);
  if (!x) return Error{x.error()};
  if (*base <= 0 || *base == 1) return args::invalid(a, 0, "must be greater than 0 and not 1");
  if (*x <= 0) return args::invalid(a, 1, "must be greater than 0");
  return Value::real(std::log(*x) / std::log(*base));
}

Result<Value> sign(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto n = args::real(a, 0);
  if (!n) return Error{n.error()};
  return Value::integer(*n > 0 ? 1 : (*n < 0 ? -1 : 0));
}

double ceil_of(double d) { return std::ceil(d); }
double floor_of(double d) { return std::floor(d); }

constexpr FunctionSpec kFunctions[] = {
    {"ABS", 1, 1, abs, "n", std::nullopt},
    {"CEIL", 1, 1, integral<ceil_of>, "n", std::nullopt},
    {"FLOOR", 1, 1, integral<floor_of>, "n", std::nullopt},
    {"MOD", 2, 2, mod, "nn", std::nullopt},
    {"POWER", 2, 2, power, "nn", Type::Double},
    {"SQRT", 1, 1, sqrt, "n", Type::Double},
    {"EXP", 1, 1, exp, "n", Type::Double},
    {"LN", 1, 1, ln, "n", Type::Double},
    {"LOG", 2, 2, log, "nn", Type::Double},
    {"SIGN", 1, 1, sign, "n", Type::Integer},
};

}  // namespace

std::span<const FunctionSpec> math_functions() { return kFunctions; }

}  // namespace taskweave::expr
