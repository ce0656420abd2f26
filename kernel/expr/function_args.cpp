#include "expr/function_args.h"

#include <cmath>

#include "expr/numeric.h"
#include "expr/operators.h"
#include "expr/text.h"

namespace taskweave::expr::args {

bool any_null(Args args) {
  for (const Value& v : args)
    if (v.is_null()) return true;
  return false;
}

Error invalid(Args args, size_t index, std::string_view why) {
  const Value& v = args[index];
  std::string shown = v.type() == Type::String ? text::quote(v.as_string()) : format_value(v);
  return Error{"argument " + std::to_string(index + 1) + " (" + shown + ") " + std::string(why)};
}

Result<Value> number(Args args, size_t index) {
  if (auto n = ops::as_number(args[index])) return *n;
  return invalid(args, index, "is not a number");
}

Result<double> real(Args args, size_t index) {
  auto n = number(args, index);
  if (!n) return Error{n.error()};
  return n->as_number();
}

Result<int64_t> whole(Args args, size_t index) {
  auto n = number(args, index);
  if (!n) return Error{n.error()};
  if (n->type() == Type::Integer) return n->as_integer();
  if (auto i = numeric::to_int64(std::round(n->as_double()))) return *i;
  return invalid(args, index, "is out of range");
}

Result<DateTime> date(Args args, size_t index) {
  if (args[index].type() == Type::DateTime) return args[index].as_datetime();
  return invalid(args, index, "is not a date/time");
}

std::string text(Args args, size_t index) { return to_text(args[index]); }

}  // namespace taskweave::expr::args
