#include "expr/operators.h"

#include <cmath>

#include "expr/numeric.h"
#include "expr/text.h"

namespace taskweave::expr::ops {
namespace {

const char* symbol(Op op) {
  switch (op) {
    case Op::Add:
      return "+";
    case Op::Subtract:
      return "-";
    case Op::Multiply:
      return "*";
    case Op::Divide:
      return "/";
    case Op::Modulo:
      return "%";
    case Op::Less:
      return "<";
    case Op::LessEq:
      return "<=";
    case Op::Greater:
      return ">";
    case Op::GreaterEq:
      return ">=";
    case Op::Equal:
      return "=";
    case Op::NotEqual:
      return "<>";
    default:
      return "?";
  }
}

Error not_a_number(Op op, const Value& v) {
  return Error{std::string("operator '") + symbol(op) + "': " + std::string(type_name(v.type())) +
               " " + text::quote(format_value(v)) + " is not a number"};
}

Result<Value> checked_double(double d, Op op) {
  if (!std::isfinite(d))
    return Error{std::string("operator '") + symbol(op) + "': numeric overflow"};
  return Value::real(d);
}

Result<Value> integer_op(Op op, int64_t a, int64_t b) {
  int64_t r = 0;
  bool overflow = false;
  switch (op) {
    case Op::Add:
      overflow = __builtin_add_overflow(a, b, &r);
      break;
    case Op::Subtract:
      overflow = __builtin_sub_overflow(a, b, &r);
      break;
    case Op::Multiply:
      overflow = __builtin_mul_overflow(a, b, &r);
      break;
    case Op::Modulo:
      if (b == 0) return Error{"operator '%': division by zero"};
      r = b == -1 ? 0 : a % b;  // INT64_MIN % -1 traps on x86
      break;
    default:
      break;
  }
  if (overflow) return Error{std::string("operator '") + symbol(op) + "': integer overflow"};
  return Value::integer(r);
}

bool is_equality(Op op) { return op == Op::Equal || op == Op::NotEqual; }

Value verdict(Op op, int order) {
  switch (op) {
    case Op::Less:
      return Value::boolean(order < 0);
    case Op::LessEq:
      return Value::boolean(order <= 0);
    case Op::Greater:
      return Value::boolean(order > 0);
    case Op::GreaterEq:
      return Value::boolean(order >= 0);
    case Op::Equal:
      return Value::boolean(order == 0);
    default:
      return Value::boolean(order != 0);
  }
}

template <class T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_numbers(const Value& a, const Value& b) {
  if (a.type() == Type::Integer && b.type() == Type::Integer)
    return three_way(a.as_integer(), b.as_integer());
  return three_way(a.as_number(), b.as_number());
}

Error incomparable(Op op, const Value& a, const Value& b) {
  return Error{std::string("operator '") + symbol(op) + "': cannot compare " +
               std::string(type_name(a.type())) + " " + text::quote(format_value(a)) + " with " +
               std::string(type_name(b.type())) + " " + text::quote(format_value(b))};
}

}  // namespace

std::optional<Value> as_number(const Value& v) {
  if (v.is_number()) return v;
  if (v.type() == Type::String) return numeric::parse_number_strict(v.as_string());
  return std::nullopt;
}

Result<Value> arithmetic(Op op, const Value& left, const Value& right) {
  if (left.is_null() || right.is_null()) return Value();
  auto a = as_number(left);
  if (!a) return not_a_number(op, left);
  auto b = as_number(right);
  if (!b) return not_a_number(op, right);
  if (op == Op::Divide) {
    if (b->as_number() == 0) return Error{"operator '/': division by zero"};
    return checked_double(a->as_number() / b->as_number(), op);
  }
  if (a->type() == Type::Integer && b->type() == Type::Integer)
    return integer_op(op, a->as_integer(), b->as_integer());
  const double x = a->as_number(), y = b->as_number();
  switch (op) {
    case Op::Add:
      return checked_double(x + y, op);
    case Op::Subtract:
      return checked_double(x - y, op);
    case Op::Multiply:
      return checked_double(x * y, op);
    case Op::Modulo:
      if (y == 0) return Error{"operator '%': division by zero"};
      return checked_double(std::fmod(x, y), op);
    default:
      return Error{"unsupported arithmetic operator"};
  }
}

Result<Value> negate(const Value& operand) {
  if (operand.is_null()) return Value();
  auto n = as_number(operand);
  if (!n)
    return Error{"unary '-': " + std::string(type_name(operand.type())) + " " +
                 text::quote(format_value(operand)) + " is not a number"};
  if (n->type() == Type::Double) return Value::real(-n->as_double());
  if (n->as_integer() == INT64_MIN) return Error{"unary '-': integer overflow"};
  return Value::integer(-n->as_integer());
}

Result<Value> compare(Op op, const Value& left, const Value& right) {
  if (left.is_null() || right.is_null()) return Value();
  const Type lt = left.type(), rt = right.type();
  if (lt == rt) {
    switch (lt) {
      case Type::String:
        return verdict(op, left.as_string().compare(right.as_string()));
      case Type::DateTime:
        return verdict(op, three_way(left.as_datetime(), right.as_datetime()));
      case Type::Status:
        if (!is_equality(op)) break;
        return verdict(op, left.as_status() == right.as_status() ? 0 : 1);
      default:
        return verdict(op, compare_numbers(left, right));
    }
    return incomparable(op, left, right);
  }
  if (left.is_number() && right.is_number()) return verdict(op, compare_numbers(left, right));
  // A status against text compares the status name: $s.Status = 'SUCCEEDED'.
  if (is_equality(op) && (lt == Type::Status || rt == Type::Status) &&
      (lt == Type::String || rt == Type::String)) {
    const Value& s = lt == Type::Status ? left : right;
    const Value& t = lt == Type::String ? left : right;
    return verdict(op, text::iequals(status_name(s.as_status()), t.as_string()) ? 0 : 1);
  }
  // A number against text holding a complete number (a $$ variable read from a parameter file).
  if ((left.is_number() && rt == Type::String) || (lt == Type::String && right.is_number())) {
    auto a = as_number(left), b = as_number(right);
    if (a && b) return verdict(op, compare_numbers(*a, *b));
  }
  return incomparable(op, left, right);
}

Result<Value> concat(const Value& left, const Value& right) {
  if (left.is_null() && right.is_null()) return Value();
  std::string joined = to_text(left) + to_text(right);
  if (joined.size() > kMaxStringBytes)
    return Error{"operator '||': the result would exceed " + std::to_string(kMaxStringBytes) +
                 " bytes"};
  return Value::string(std::move(joined));
}

std::optional<bool> truth(const Value& v) {
  switch (v.type()) {
    case Type::Null:
      return std::nullopt;
    case Type::Integer:
      return v.as_integer() != 0;
    case Type::Double:
      return v.as_double() != 0;
    case Type::String:
      return numeric::leading_double(v.as_string()) != 0;
    case Type::DateTime:
      return true;
    case Type::Status:
      return v.as_status() == Status::Succeeded;
  }
  return false;
}

bool decode_match(const Value& value, const Value& search) {
  if (value.is_null() || search.is_null()) return value.is_null() && search.is_null();
  auto r = compare(Op::Equal, value, search);
  return r.ok() && r->type() == Type::Integer && r->as_integer() == 1;
}

}  // namespace taskweave::expr::ops
