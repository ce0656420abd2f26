#include "expr/static_types.h"

#include "expr/numeric.h"
#include "expr/text.h"

namespace taskweave::expr::static_types {
namespace {

bool is_arithmetic(Op op) {
  return op == Op::Add || op == Op::Subtract || op == Op::Multiply || op == Op::Divide ||
         op == Op::Modulo;
}
bool is_ordering(Op op) {
  return op == Op::Less || op == Op::LessEq || op == Op::Greater || op == Op::GreaterEq;
}

// Known not to be usable as a number: dates, statuses, string literals that are not numbers.
bool surely_not_number(const Shape& s) {
  if (!s.type) return false;
  if (*s.type == Type::DateTime || *s.type == Type::Status) return true;
  if (*s.type == Type::String && s.literal)
    return !numeric::parse_number_strict(s.literal->as_string()).has_value();
  return false;
}

std::string describe(const Shape& s) {
  if (s.literal && s.literal->type() == Type::String)
    return "string " + text::quote(s.literal->as_string());
  return std::string(type_name(*s.type));
}

bool comparable(Op op, Type a, Type b) {
  if (a == Type::Null || b == Type::Null) return true;
  const bool num_a = a == Type::Integer || a == Type::Double;
  const bool num_b = b == Type::Integer || b == Type::Double;
  if (num_a && num_b) return true;
  if (a == b) return a != Type::Status || !is_ordering(op);
  if (!is_ordering(op) &&
      ((a == Type::Status && b == Type::String) || (a == Type::String && b == Type::Status)))
    return true;
  return (num_a && b == Type::String) || (a == Type::String && num_b);
}

}  // namespace

Shape binary(Op op, const Shape& left, const Shape& right, std::optional<std::string>& problem) {
  if (is_arithmetic(op)) {
    for (const Shape* s : {&left, &right})
      if (surely_not_number(*s)) problem = describe(*s) + " cannot be used in arithmetic";
    if (op == Op::Divide) return {Type::Double, std::nullopt};
    if (left.type == Type::Integer && right.type == Type::Integer)
      return {Type::Integer, std::nullopt};
    if ((left.type == Type::Double || right.type == Type::Double) &&
        (left.type == Type::Integer || left.type == Type::Double) &&
        (right.type == Type::Integer || right.type == Type::Double))
      return {Type::Double, std::nullopt};
    return {};
  }
  if (op == Op::Concat) return {Type::String, std::nullopt};
  if (op == Op::And || op == Op::Or) return {Type::Integer, std::nullopt};
  // Comparison.
  if (left.type && right.type && !comparable(op, *left.type, *right.type))
    problem = "cannot compare " + describe(left) + " with " + describe(right);
  return {Type::Integer, std::nullopt};
}

Shape unary(Op op, const Shape& operand, std::optional<std::string>& problem) {
  if (op == Op::Not) return {Type::Integer, std::nullopt};
  if (surely_not_number(operand)) problem = describe(operand) + " cannot be negated";
  return {
      operand.type == Type::Integer || operand.type == Type::Double ? operand.type : std::nullopt,
      std::nullopt};
}

std::optional<std::string> check_argument(const FunctionSpec& spec, size_t index,
                                          const Shape& arg) {
  if (spec.params.empty() || !arg.type || *arg.type == Type::Null) return std::nullopt;
  const char kind = spec.params[std::min(index, spec.params.size() - 1)];
  const std::string where = std::string(spec.name) + ": argument " + std::to_string(index + 1);
  if (kind == 'n' && surely_not_number(arg))
    return where + " must be a number, not " + describe(arg);
  if (kind == 'd' && *arg.type != Type::DateTime)
    return where + " must be a date/time, not " + describe(arg);
  return std::nullopt;
}

}  // namespace taskweave::expr::static_types
