// The stack machine that runs a Program against a Scope.
#include <array>
#include <vector>

#include "expr/calendar.h"
#include "expr/expr.h"
#include "expr/functions.h"
#include "expr/operators.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

// Values live in a small inline array for typical expressions (no allocation per
// evaluation) and in a heap vector for unusually deep ones.
class ValueStack {
 public:
  explicit ValueStack(size_t capacity) {
    if (capacity > kInline) {
      heap_.resize(capacity);
      data_ = heap_.data();
    }
  }
  void push(Value v) { data_[size_++] = std::move(v); }
  Value pop() { return std::move(data_[--size_]); }
  Value& top() { return data_[size_ - 1]; }
  Value* end() { return data_ + size_; }
  void drop(size_t n) {
    for (size_t i = 0; i < n; ++i) data_[--size_] = Value();
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInline = 16;
  std::array<Value, kInline> inline_{};
  std::vector<Value> heap_;
  Value* data_ = inline_.data();
  size_t size_ = 0;
};

std::string describe_ref(const VarRef& ref) {
  if (ref.kind == VarRef::Kind::TaskVar) return "$" + ref.task + "." + ref.name;
  return ref.name;
}

Value type_default(const Value& v) {
  switch (v.type()) {
    case Type::Integer:
      return Value::integer(0);
    case Type::Double:
      return Value::real(0);
    case Type::String:
      return Value::string("");
    default:
      return Value();
  }
}

EvalResult failure(std::string message) { return EvalResult{Value(), std::move(message)}; }

}  // namespace

bool is_true(const Value& value) { return ops::truth(value).value_or(false); }

EvalResult evaluate(const Expr& expr, const Scope& scope) {
  const Program& program = expr.program();
  const auto& code = program.code;
  const auto& refs = expr.references();
  ValueStack stack(program.max_stack);
  size_t pc = 0;
  while (pc < code.size()) {
    const Instr& in = code[pc++];
    switch (in.op) {
      case Op::Const:
        stack.push(program.constants[in.a]);
        break;
      case Op::Load: {
        auto v = scope.lookup(refs[in.a]);
        if (!v) return failure("unknown variable " + describe_ref(refs[in.a]));
        if (v->type() == Type::DateTime && !calendar::in_range(v->as_datetime()))
          return failure("variable " + describe_ref(refs[in.a]) +
                         " holds a date outside the years 1753-9999");
        stack.push(std::move(*v));
        break;
      }
      case Op::Negate: {
        auto r = ops::negate(stack.top());
        if (!r) return failure(r.error());
        stack.top() = std::move(r).value();
        break;
      }
      case Op::Not: {
        auto t = ops::truth(stack.top());
        stack.top() = t ? Value::boolean(!*t) : Value();
        break;
      }
      case Op::Add:
      case Op::Subtract:
      case Op::Multiply:
      case Op::Divide:
      case Op::Modulo: {
        Value right = stack.pop();
        auto r = ops::arithmetic(in.op, stack.top(), right);
        if (!r) return failure(r.error());
        stack.top() = std::move(r).value();
        break;
      }
      case Op::Concat: {
        Value right = stack.pop();
        auto r = ops::concat(stack.top(), right);
        if (!r) return failure(r.error());
        stack.top() = std::move(r).value();
        break;
      }
      case Op::Less:
      case Op::LessEq:
      case Op::Greater:
      case Op::GreaterEq:
      case Op::Equal:
      case Op::NotEqual: {
        Value right = stack.pop();
        auto r = ops::compare(in.op, stack.top(), right);
        if (!r) return failure(r.error());
        stack.top() = std::move(r).value();
        break;
      }
      case Op::AndTest:
        if (ops::truth(stack.top()) == false) {
          stack.top() = Value::integer(0);
          pc = in.a;
        }
        break;
      case Op::OrTest:
        if (ops::truth(stack.top()) == true) {
          stack.top() = Value::integer(1);
          pc = in.a;
        }
        break;
      case Op::And:
      case Op::Or: {
        // The left side was neither definitely FALSE (AND) nor TRUE (OR), or the test jumped.
        auto right = ops::truth(stack.pop());
        auto left = ops::truth(stack.top());
        const bool decisive = in.op == Op::Or;  // the value that settles the result
        if (left == decisive || right == decisive)
          stack.top() = Value::boolean(decisive);
        else if (!left || !right)
          stack.top() = Value();
        else
          stack.top() = Value::boolean(!decisive);
        break;
      }
      case Op::Call: {
        const FunctionSpec& fn = function_at(in.a);
        std::span<const Value> args(stack.end() - in.b, in.b);
        auto r = fn.impl(args, CallContext{scope.now()});
        if (!r) return failure(std::string(fn.name) + ": " + r.error());
        stack.drop(in.b);
        stack.push(std::move(r).value());
        break;
      }
      case Op::Jump:
        pc = in.a;
        break;
      case Op::JumpUnlessTrue:
        if (!is_true(stack.pop())) pc = in.a;
        break;
      case Op::DecodeTest: {
        Value search = stack.pop();
        if (ops::decode_match(stack.top(), search)) {
          stack.drop(1);
          pc = in.a;
        }
        break;
      }
      case Op::Pop:
        stack.drop(1);
        break;
      case Op::Nip: {
        Value top = stack.pop();
        stack.top() = std::move(top);
        break;
      }
      case Op::DefaultOf:
        stack.top() = type_default(stack.top());
        break;
    }
  }
  return EvalResult{stack.size() == 1 ? stack.pop() : Value(), std::nullopt};
}

}  // namespace taskweave::expr
