// Recursive-descent (precedence-climbing) parser that emits the postfix Program directly.
#include <algorithm>
#include <limits>

#include "expr/expr.h"
#include "expr/functions.h"
#include "expr/lexer.h"
#include "expr/numeric.h"
#include "expr/static_types.h"
#include "expr/text.h"

namespace taskweave::expr {

using static_types::Shape;

namespace {

// Binary operators by PowerCenter precedence (higher binds tighter).
struct BinaryOp {
  Op op;
  int precedence;
};

std::optional<BinaryOp> binary_op(const Token& t) {
  switch (t.kind) {
    case TokenKind::Star:
      return BinaryOp{Op::Multiply, 7};
    case TokenKind::Slash:
      return BinaryOp{Op::Divide, 7};
    case TokenKind::Percent:
      return BinaryOp{Op::Modulo, 7};
    case TokenKind::Plus:
      return BinaryOp{Op::Add, 6};
    case TokenKind::Minus:
      return BinaryOp{Op::Subtract, 6};
    case TokenKind::Concat:
      return BinaryOp{Op::Concat, 5};
    case TokenKind::Less:
      return BinaryOp{Op::Less, 4};
    case TokenKind::LessEq:
      return BinaryOp{Op::LessEq, 4};
    case TokenKind::Greater:
      return BinaryOp{Op::Greater, 4};
    case TokenKind::GreaterEq:
      return BinaryOp{Op::GreaterEq, 4};
    case TokenKind::Equal:
      return BinaryOp{Op::Equal, 3};
    case TokenKind::NotEqual:
      return BinaryOp{Op::NotEqual, 3};
    case TokenKind::Identifier:
      if (text::iequals(t.value, "AND")) return BinaryOp{Op::And, 2};
      if (text::iequals(t.value, "OR")) return BinaryOp{Op::Or, 1};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

bool is_jump(Op op) {
  return op == Op::Jump || op == Op::JumpUnlessTrue || op == Op::AndTest || op == Op::OrTest ||
         op == Op::DecodeTest;
}

}  // namespace

std::string reference_key(const VarRef& ref) {
  if (ref.kind == VarRef::Kind::TaskVar)
    return "$" + text::to_upper(ref.task) + "." + text::to_upper(ref.name);
  return text::to_upper(ref.name);
}

Scope::~Scope() = default;

class Compiler {
 public:
  explicit Compiler(std::string_view text) : text_(text), lexer_(text) {
    expr_ = std::make_shared<Expr>();
    expr_->text_ = std::string(text);
  }

  ParseResult run() {
    advance();
    if (tok_.kind == TokenKind::End) {  // an empty condition is TRUE
      expr_->empty_ = true;
      push_const(Value::integer(1));
      expr_->result_type_ = Type::Integer;
      return finish();
    }
    Shape shape;
    if (parse_expression(1, shape)) {
      if (tok_.kind != TokenKind::End)
        fail_at(tok_,
                "expected an operator or the end of the expression but found " + describe(tok_));
    }
    if (error_) return ParseResult{nullptr, error_};
    expr_->result_type_ = shape.type;
    return finish();
  }

 private:
  ParseResult finish() {
    expr_->program_.max_stack = static_cast<uint32_t>(max_depth_);
    return ParseResult{std::move(expr_), std::nullopt};
  }

  // ---- tokens and errors ----
  void advance() {
    tok_ = lexer_.next();
    if (tok_.kind == TokenKind::Error) fail_at(tok_, tok_.value);
  }

  bool fail_at(const Token& t, std::string message) { return fail(t.offset, std::move(message)); }
  bool fail(size_t offset, std::string message) {
    if (!error_) error_ = make_error(offset, std::move(message));
    return false;
  }

  ParseError make_error(size_t offset, std::string message) const {
    ParseError e;
    e.offset = offset;
    e.message = std::move(message);
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n' || text_[i] == '\r') {
        if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
        ++e.line;
        line_start = i + 1;
      }
    }
    e.column = 1;
    for (size_t i = line_start; i < offset && i < text_.size(); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++e.column;  // UTF-8 aware
    return e;
  }

  void type_problem(size_t offset, const std::optional<std::string>& problem) {
    if (problem) expr_->type_errors_.push_back(make_error(offset, *problem));
  }

  bool expect(TokenKind kind, const std::string& what) {
    if (error_) return false;
    if (tok_.kind != kind)
      return fail_at(tok_, "expected " + what + " but found " + describe(tok_));
    advance();
    return !error_;
  }

  // ---- code emission ----
  size_t emit(Op op, uint32_t a = 0, uint32_t b = 0) {
    expr_->program_.code.push_back(Instr{op, a, b});
    return expr_->program_.code.size() - 1;
  }
  void patch(size_t at) { expr_->program_.code[at].a = here(); }
  uint32_t here() const { return static_cast<uint32_t>(expr_->program_.code.size()); }
  void grow(int delta) {
    depth_ += delta;
    max_depth_ = std::max(max_depth_, depth_);
  }
  void push_const(Value v) {
    auto& constants = expr_->program_.constants;
    emit(Op::Const, static_cast<uint32_t>(constants.size()));
    constants.push_back(std::move(v));
    grow(1);
  }
  // Re-emits code[from, to) at the end (jump targets inside the range move with it).
  void copy_code(uint32_t from, uint32_t to) {
    auto& code = expr_->program_.code;
    const uint32_t delta = here() - from;
    for (uint32_t i = from; i < to; ++i) {
      Instr copy = code[i];
      if (is_jump(copy.op) && copy.a >= from && copy.a <= to) copy.a += delta;
      code.push_back(copy);
    }
  }

  // Records a reference (sharing the slot of an earlier one with the same name) and returns
  // its index in references().
  uint32_t record_reference(VarRef::Kind kind, std::string task, std::string name, const Token& t) {
    VarRef ref;
    ref.kind = kind;
    ref.task = std::move(task);
    ref.name = std::move(name);
    ref.offset = t.offset;
    ref.length = t.length;
    ref.slot = expr_->slot_count_;
    const std::string key = reference_key(ref);
    for (const VarRef& r : expr_->references_)
      if (reference_key(r) == key) ref.slot = r.slot;
    if (ref.slot == expr_->slot_count_) ++expr_->slot_count_;
    expr_->references_.push_back(std::move(ref));
    return static_cast<uint32_t>(expr_->references_.size() - 1);
  }

  void add_reference(VarRef::Kind kind, std::string task, std::string name, const Token& t) {
    emit(Op::Load, record_reference(kind, std::move(task), std::move(name), t));
    grow(1);
  }

  // ---- grammar ----
  bool parse_expression(int min_precedence, Shape& out) {
    if (!parse_unary(out)) return false;
    while (!error_) {
      auto bin = binary_op(tok_);
      if (!bin || bin->precedence < min_precedence) break;
      const Token op_token = tok_;
      advance();
      if (error_) return false;
      std::optional<size_t> test;
      if (bin->op == Op::And) test = emit(Op::AndTest);
      if (bin->op == Op::Or) test = emit(Op::OrTest);
      Shape rhs;
      if (!parse_expression(bin->precedence + 1, rhs)) return false;
      emit(bin->op);
      grow(-1);
      if (test) patch(*test);
      std::optional<std::string> problem;
      out = static_types::binary(bin->op, out, rhs, problem);
      type_problem(op_token.offset, problem);
    }
    return !error_;
  }

  bool parse_unary(Shape& out) {
    if (++nesting_ > kMaxNesting) {
      return fail_at(tok_, "expression is nested too deeply (more than " +
                               std::to_string(kMaxNesting) + " levels)");
    }
    const Token t = tok_;
    bool ok = false;
    if (t.kind == TokenKind::Minus || t.kind == TokenKind::Plus ||
        (t.kind == TokenKind::Identifier && text::iequals(t.value, "NOT"))) {
      advance();
      Shape operand;
      ok = !error_ && parse_unary(operand);
      if (ok && t.kind != TokenKind::Plus) {
        const Op op = t.kind == TokenKind::Minus ? Op::Negate : Op::Not;
        emit(op);
        std::optional<std::string> problem;
        out = static_types::unary(op, operand, problem);
        type_problem(t.offset, problem);
      } else if (ok) {
        std::optional<std::string> problem;
        out = static_types::unary(Op::Negate, operand, problem);  // unary + checks like -
        type_problem(t.offset, problem);
      }
    } else {
      ok = parse_primary(out);
    }
    --nesting_;
    return ok;
  }

  bool parse_primary(Shape& out) {
    const Token t = tok_;
    switch (t.kind) {
      case TokenKind::Integer:
      case TokenKind::Decimal: {
        auto v = numeric::parse_number_strict(t.value);
        if (!v) return fail_at(t, "number " + t.value + " is out of range");
        if (t.kind == TokenKind::Decimal && v->type() == Type::Integer)
          v = Value::real(v->as_number());
        out = Shape{v->type(), *v};
        push_const(*v);
        advance();
        return !error_;
      }
      case TokenKind::String:
        out = Shape{Type::String, Value::string(t.value)};
        push_const(Value::string(t.value));
        advance();
        return !error_;
      case TokenKind::TaskVar:
        add_reference(VarRef::Kind::TaskVar, t.task, t.value, t);
        out = {};
        if (text::iequals(t.value, "Status") || text::iequals(t.value, "PrevTaskStatus"))
          out.type = Type::Status;
        advance();
        return !error_;
      case TokenKind::UserVar:
      case TokenKind::Builtin:
        add_reference(t.kind == TokenKind::UserVar ? VarRef::Kind::UserVar : VarRef::Kind::Builtin,
                      "", t.value, t);
        out = {};
        advance();
        return !error_;
      case TokenKind::LParen: {
        advance();
        if (error_ || !parse_expression(1, out)) return false;
        if (tok_.kind != TokenKind::RParen) {
          const auto open = make_error(t.offset, "");
          return fail_at(tok_, "expected ')' to close the '(' at line " +
                                   std::to_string(open.line) + " column " +
                                   std::to_string(open.column) + " but found " + describe(tok_));
        }
        advance();
        return !error_;
      }
      case TokenKind::Identifier:
        return parse_name(out);
      default:
        return fail_at(
            t, "expected a value, a variable, a function call or '(' but found " + describe(t));
    }
  }

  bool parse_name(Shape& out) {
    const Token t = tok_;
    const std::string upper = text::to_upper(t.value);
    advance();
    if (error_) return false;
    if (tok_.kind == TokenKind::LParen) return parse_call(t, out);
    if (upper == "TRUE" || upper == "FALSE") {
      out = Shape{Type::Integer, Value::integer(upper == "TRUE")};
      push_const(*out.literal);
      return true;
    }
    if (upper == "NULL") {
      out = Shape{Type::Null, Value()};
      push_const(Value());
      return true;
    }
    if (auto status = parse_status(upper)) {
      out = Shape{Type::Status, Value::status(*status)};
      push_const(*out.literal);
      return true;
    }
    if (upper == "SYSDATE" || upper == "SYSTIMESTAMP") {
      // Listed as a built-in reference for validators; evaluated from Scope::now().
      record_reference(VarRef::Kind::Builtin, "", upper, t);
      emit(Op::Call, function_index(*find_function(upper)), 0);
      grow(1);
      out = Shape{Type::DateTime, std::nullopt};
      return true;
    }
    if (upper == "WORKFLOWSTARTTIME" || upper == "SESSSTARTTIME") {
      add_reference(VarRef::Kind::Builtin, "", upper, t);
      out = Shape{Type::DateTime, std::nullopt};
      return true;
    }
    if (upper == "AND" || upper == "OR")
      return fail_at(t, "expected a value before '" + t.value + "'");
    if (find_function(upper)) return fail_at(tok_, "expected '(' after function name " + upper);
    return fail_at(t,
                   "unknown name '" + t.value +
                       "' (variables are written $task.Var, $$Var or $PMVar; strings in 'quotes')");
  }

  bool parse_call(const Token& name, Shape& out) {
    const FunctionSpec* spec = find_function(name.value);
    if (!spec) return fail_at(name, "unknown function '" + name.value + "'");
    advance();  // '('
    if (error_) return false;
    if (spec->name == "IIF") return parse_iif(name, out);
    if (spec->name == "DECODE") return parse_decode(name, out);
    size_t argc = 0;
    if (tok_.kind != TokenKind::RParen) {
      while (true) {
        Shape arg;
        const Token arg_token = tok_;
        if (!parse_expression(1, arg)) return false;
        if (auto problem = static_types::check_argument(*spec, argc, arg))
          expr_->type_errors_.push_back(make_error(arg_token.offset, *problem));
        ++argc;
        if (tok_.kind == TokenKind::Comma) {
          advance();
          continue;
        }
        if (!expect(TokenKind::RParen, "',' or ')' in the arguments of " + std::string(spec->name)))
          return false;
        break;
      }
    } else {
      advance();
    }
    if (!check_arity(name, *spec, argc)) return false;
    emit(Op::Call, function_index(*spec), static_cast<uint32_t>(argc));
    grow(1 - static_cast<int>(argc));
    out = Shape{spec->result, std::nullopt};
    return !error_;
  }

  bool check_arity(const Token& name, const FunctionSpec& spec, size_t argc) {
    if (argc >= spec.min_args && (spec.max_args == kVariadic || argc <= spec.max_args)) return true;
    std::string range = std::to_string(spec.min_args);
    if (spec.max_args == kVariadic)
      range += " or more";
    else if (spec.max_args != spec.min_args)
      range += " to " + std::to_string(spec.max_args);
    return fail_at(name, std::string(spec.name) + " takes " + range + " argument" +
                             (spec.max_args == 1 && spec.min_args == 1 ? "" : "s") +
                             " but was given " + std::to_string(argc));
  }

  // IIF(cond, a [, b]): only the chosen branch runs. Without b, the FALSE result is a's type
  // default (0, '' or NULL), found from a's static type or, when unknown, by evaluating a.
  bool parse_iif(const Token& name, Shape& out) {
    const FunctionSpec& spec = *find_function("IIF");
    Shape cond;
    if (!parse_expression(1, cond)) return false;
    if (tok_.kind == TokenKind::RParen) return check_arity(name, spec, 1);
    if (!expect(TokenKind::Comma, "',' after the condition of IIF")) return false;
    const size_t to_else = emit(Op::JumpUnlessTrue);
    grow(-1);
    const uint32_t then_start = here();
    Shape then_shape;
    if (!parse_expression(1, then_shape)) return false;
    const uint32_t then_end = here();
    const size_t to_end = emit(Op::Jump);
    grow(-1);
    patch(to_else);
    if (tok_.kind == TokenKind::Comma) {
      advance();
      Shape else_shape;
      if (error_ || !parse_expression(1, else_shape)) return false;
      out = then_shape.type == else_shape.type ? Shape{then_shape.type, std::nullopt} : Shape{};
      if (tok_.kind == TokenKind::Comma) return check_arity(name, spec, 4);
    } else {
      out = Shape{then_shape.type, std::nullopt};
      if (then_shape.type == Type::Integer)
        push_const(Value::integer(0));
      else if (then_shape.type == Type::Double)
        push_const(Value::real(0));
      else if (then_shape.type == Type::String)
        push_const(Value::string(""));
      else if (then_shape.type)
        push_const(Value());
      else {
        copy_code(then_start, then_end);
        emit(Op::DefaultOf);
        grow(1);
      }
    }
    patch(to_end);
    return expect(TokenKind::RParen, "')' to close IIF");
  }

  // DECODE(value, search1, result1, ..., [default]): stops at the first matching search.
  bool parse_decode(const Token& name, Shape& out) {
    const FunctionSpec& spec = *find_function("DECODE");
    Shape value;
    if (!parse_expression(1, value)) return false;
    std::vector<size_t> to_end;
    size_t argc = 1;
    bool have_result_shape = false;
    bool after_result = false;
    while (tok_.kind == TokenKind::Comma) {
      advance();
      Shape arg;
      if (error_ || !parse_expression(1, arg)) return false;
      ++argc;
      if (tok_.kind != TokenKind::Comma) {  // the last argument: the default
        if (argc < 3) break;
        emit(Op::Nip);
        grow(-1);
        after_result = false;
        merge(out, arg, have_result_shape);
        break;
      }
      advance();
      const size_t on_match = emit(Op::DecodeTest);
      const size_t to_next = emit(Op::Jump);
      patch(on_match);
      grow(-2);  // the match path has dropped value and search
      Shape result;
      if (error_ || !parse_expression(1, result)) return false;
      ++argc;
      merge(out, result, have_result_shape);
      to_end.push_back(emit(Op::Jump));
      patch(to_next);  // the no-match path holds the value alone: the same depth as here
      after_result = true;
    }
    if (!check_arity(name, spec, argc)) return false;
    if (after_result) {  // no default: NULL
      emit(Op::Pop);
      grow(-1);
      push_const(Value());
    }
    for (size_t at : to_end) patch(at);
    return expect(TokenKind::RParen, "',' or ')' in the arguments of DECODE");
  }

  static void merge(Shape& out, const Shape& result, bool& have) {
    if (!have) {
      out = Shape{result.type, std::nullopt};
      have = true;
    } else if (out.type != result.type) {
      out = Shape{};
    }
  }

  std::string_view text_;
  Lexer lexer_;
  Token tok_;
  std::shared_ptr<Expr> expr_;
  std::optional<ParseError> error_;
  size_t nesting_ = 0;
  int depth_ = 0;
  int max_depth_ = 0;
};

ParseResult parse(std::string_view text) { return Compiler(text).run(); }

}  // namespace taskweave::expr
