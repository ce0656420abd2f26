// The PowerCenter workflow expression language: parse once, evaluate many times against a
// caller-supplied Scope. Used for link conditions, Decision conditions, Assignment values,
// worklet inputs and Timer variables.
//
//   auto parsed = expr::parse("$s_load.Status = SUCCEEDED AND $$MODE = 'full'");
//   if (parsed.error) report(parsed.error->line, parsed.error->column, parsed.error->message);
//   expr::EvalResult r = expr::evaluate(*parsed.expr, my_scope);
//   bool fires = !r.error && expr::is_true(r.value);
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/program.h"
#include "expr/value.h"

namespace taskweave::expr {

// Where and why parsing failed. line and column are 1-based within the expression text;
// CR LF, CR and LF each count as one line break; columns count characters (UTF-8 aware).
struct ParseError {
  size_t offset = 0;
  size_t line = 1;
  size_t column = 1;
  std::string message;  // says what was expected, e.g. "expected ')' but found end of expression"
};

// A variable the expression reads, in order of appearance (one entry per occurrence).
//   "$s_load.Status"   -> {TaskVar, "s_load", "Status"}
//   "$$X"              -> {UserVar, "", "$$X"}
//   "$PMWorkflowName"  -> {Builtin, "", "$PMWorkflowName"}   (any "$Name" without a dot)
//   "SYSDATE"          -> {Builtin, "", "SYSDATE"}  (also SYSTIMESTAMP, WORKFLOWSTARTTIME,
//                                                    SESSSTARTTIME; keyword names upper-cased)
// Names keep the spelling of the text; compare them case-insensitively (see reference_key).
struct VarRef {
  enum class Kind { TaskVar, UserVar, Builtin };
  Kind kind = Kind::UserVar;
  std::string task;
  std::string name;
  size_t offset = 0;  // byte offset and length of the reference in the text
  size_t length = 0;
  // Occurrences of the same name (case-insensitively) share a slot, numbered from 0 in order
  // of first appearance: a Scope may cache resolved values per slot.
  size_t slot = 0;
};

// The canonical, upper-case spelling of a reference for map lookups: "$S_LOAD.STATUS", "$$X",
// "$PMWORKFLOWNAME", "SYSDATE".
std::string reference_key(const VarRef& ref);

class Expr {
 public:
  const std::string& text() const { return text_; }
  const std::vector<VarRef>& references() const { return references_; }
  size_t slot_count() const { return slot_count_; }
  // Type errors that are certain before running (e.g. 'abc' * 2, a status compared with a
  // number, a string literal where a function needs a date). A validator reports them; the
  // expression still evaluates (and fails at run time if it reaches the bad operation).
  const std::vector<ParseError>& type_errors() const { return type_errors_; }
  // The result type when it is known without running (comparisons, literals, most functions).
  std::optional<Type> result_type() const { return result_type_; }
  // True when the text is empty or only blanks/comments: an empty condition is TRUE.
  bool empty() const { return empty_; }

  const Program& program() const { return program_; }

 private:
  friend class Compiler;
  std::string text_;
  std::vector<VarRef> references_;
  size_t slot_count_ = 0;
  std::vector<ParseError> type_errors_;
  std::optional<Type> result_type_;
  bool empty_ = false;
  Program program_;
};

struct ParseResult {
  std::shared_ptr<const Expr> expr;  // null when error is set
  std::optional<ParseError> error;
};

// Parses an expression. Unknown functions and wrong argument counts are parse errors. Empty
// text parses to an expression whose value is TRUE (1). Never throws; nesting deeper than
// kMaxNesting is an error rather than a stack overflow.
ParseResult parse(std::string_view text);
inline constexpr size_t kMaxNesting = 256;

// Supplies variable values and the current time to evaluate().
class Scope {
 public:
  virtual ~Scope();
  // The value of a referenced variable; nullopt means "no such variable" (a run-time error).
  virtual std::optional<Value> lookup(const VarRef& ref) const = 0;
  // The current local time, for SYSDATE/SYSTIMESTAMP and for the century of 2-digit years.
  virtual DateTime now() const = 0;
};

struct EvalResult {
  Value value;
  std::optional<std::string> error;  // a run-time error names the function and the argument
  bool ok() const { return !error.has_value(); }
};

EvalResult evaluate(const Expr& expr, const Scope& scope);

// Truthiness of a condition: NULL is FALSE; a status is TRUE iff SUCCEEDED; numbers are TRUE
// when non-zero; a string is converted as PowerCenter converts text to a number ('1' TRUE,
// '0'/'abc'/'' FALSE); a date/time is TRUE.
bool is_true(const Value& value);

}  // namespace taskweave::expr
