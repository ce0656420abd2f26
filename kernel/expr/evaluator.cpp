// The stack machine that runs a Program against a Scope.
#include <cstddef>
#include <new>
#include <span>
#include <vector>

#include "expr/calendar.h"
#include "expr/expr.h"
#include "expr/functions.h"
#include "expr/operators.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

// Values live in a small inline buffer for typical expressions (no allocation, and only the
// slots in use are ever constructed) and in a heap vector for unusually deep ones.
class ValueStack {
 public:
  explicit ValueStack(size_t capacity) {
    if (capacity > kInline) {
      heap_.reserve(capacity);
      on_heap_ = true;
    }
  }
  ~ValueStack() {
    if (!on_heap_)
      while (size_ > 0) inline_at(--size_)->~Value();
  }
  ValueStack(const ValueStack&) = delete;
  ValueStack& operator=(const ValueStack&) = delete;

  void push(Value v) {
    if (on_heap_)
      heap_.push_back(std::move(v));
    else
      new (inline_at(size_)) Value(std::move(v));
    ++size_;
  }
  Value pop() {
    --size_;
    if (on_heap_) {
      Value v = std::move(heap_.back());
      heap_.pop_back();
      return v;
    }
    Value v = std::move(*inline_at(size_));
    inline_at(size_)->~Value();
    return v;
  }
  Value& top() { return at(size_ - 1); }
  Value& below_top() { return at(size_ - 2); }
  // The top n values, oldest first.
  std::span<const Value> last(size_t n) {
    if (n == 0) return {};
    return {&at(size_ - n), n};
  }
  void drop(size_t n) {
    for (size_t i = 0; i < n; ++i) pop();
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInline = 16;
  Value* inline_at(size_t i) { return std::launder(reinterpret_cast<Value*>(inline_) + i); }
  Value& at(size_t i) { return on_heap_ ? heap_[i] : *inline_at(i); }

  alignas(Value) std::byte inline_[kInline * sizeof(Value)];
  std::vector<Value> heap_;
  size_t size_ = 0;
  bool on_heap_ = false;
};

// The common comparisons (integer with integer, status with status) without the general
// path's conversions; nullopt when the general path is needed.
std::optional<Value> fast_compare(Op op, const Value& left, const Value& right) {
  if (left.type() == Type::Integer && right.type() == Type::Integer) {
    const int64_t a = left.as_integer(), b = right.as_integer();
    switch (op) {
      case Op::Less:
        return Value::boolean(a < b);
      case Op::LessEq:
        return Value::boolean(a <= b);
      case Op::Greater:
        return Value::boolean(a > b);
      case Op::GreaterEq:
        return Value::boolean(a >= b);
      case Op::Equal:
        return Value::boolean(a == b);
      default:
        return Value::boolean(a != b);
    }
  }
  if (left.type() == Type::Status && right.type() == Type::Status) {
    if (op == Op::Equal) return Value::boolean(left.as_status() == right.as_status());
    if (op == Op::NotEqual) return Value::boolean(left.as_status() != right.as_status());
  }
  return std::nullopt;
}

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

DateTime CallContext::now() const {
  if (!now_) now_ = scope_.now();
  return *now_;
}

bool is_true(const Value& value) { return ops::truth(value).value_or(false); }

EvalResult evaluate(const Expr& expr, const Scope& scope) {
  const Program& program = expr.program();
  const auto& code = program.code;
  const auto& refs = expr.references();
  ValueStack stack(program.max_stack);
  const CallContext context(scope);
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
        if (auto fast = fast_compare(in.op, stack.below_top(), stack.top())) {
          stack.drop(1);
          stack.top() = *fast;
          break;
        }
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
        auto r = fn.impl(stack.last(in.b), context);
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
