// IIF, DECODE (compiled by the parser), ISNULL, IS_NUMBER, IS_DATE, IS_SPACES, IN, CHOOSE.
#include <cmath>

#include "expr/date_format.h"
#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/numeric.h"
#include "expr/operators.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

using args::Args;

Result<Value> isnull(Args a, const CallContext&) { return Value::boolean(a[0].is_null()); }

// TRUE when the text is a valid number; surrounding blanks are allowed ('  45 ' is a number).
Result<Value> is_number(Args a, const CallContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_number()) return Value::boolean(true);
  return Value::boolean(numeric::parse_number_strict(args::text(a, 0)).has_value());
}

Result<Value> is_date(Args a, const CallContext& ctx) {
  if (args::any_null(a)) return Value();
  if (a[0].type() == Type::DateTime) return Value::boolean(true);
  const std::string format = a.size() > 1 ? args::text(a, 1) : std::string(date_format::kDefault);
  if (auto compiled = date_format::compile(format); !compiled)
    return args::invalid(a, 1, "is not a valid date format: " + compiled.error());
  return Value::boolean(date_format::parse(args::text(a, 0), format, ctx.now()).ok());
}

// TRUE when the text is only blanks, tabs, CR, LF, FF or VT. The empty string is FALSE.
Result<Value> is_spaces(Args a, const CallContext&) {
  if (a[0].is_null()) return Value();
  const std::string s = args::text(a, 0);
  if (s.empty()) return Value::boolean(false);
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
      return Value::boolean(false);
  return Value::boolean(true);
}

// IN(value, v1, ..., [CaseFlag]). A trailing integer after string values is the CaseFlag:
// 0 compares case-insensitively; the default (and non-zero) is case-sensitive.
Result<Value> in(Args a, const CallContext&) {
  if (a[0].is_null()) return Value();
  size_t count = a.size();
  bool case_sensitive = true;
  if (a.size() >= 3 && a[0].type() == Type::String && a.back().type() == Type::Integer) {
    case_sensitive = a.back().as_integer() != 0;
    --count;
  }
  for (size_t i = 1; i < count; ++i) {
    if (a[i].is_null()) continue;
    if (!case_sensitive && a[i].type() == Type::String) {
      if (text::iequals(a[0].as_string(), a[i].as_string())) return Value::boolean(true);
      continue;
    }
    if (ops::decode_match(a[0], a[i])) return Value::boolean(true);
  }
  return Value::boolean(false);
}

// CHOOSE(index, s1, s2, ...): the index-th value (1-based); NULL when out of range.
Result<Value> choose(Args a, const CallContext&) {
  if (a[0].is_null()) return Value();
  auto index = args::whole(a, 0);
  if (!index) return Error{index.error()};
  if (*index < 1 || *index >= static_cast<int64_t>(a.size())) return Value();
  return a[static_cast<size_t>(*index)];
}

constexpr FunctionSpec kFunctions[] = {
    {"IIF", 2, 3, nullptr, "a", std::nullopt},
    {"DECODE", 3, kVariadic, nullptr, "a", std::nullopt},
    {"ISNULL", 1, 1, isnull, "a", Type::Integer},
    {"IS_NUMBER", 1, 1, is_number, "a", Type::Integer},
    {"IS_DATE", 1, 2, is_date, "as", Type::Integer},
    {"IS_SPACES", 1, 1, is_spaces, "a", Type::Integer},
    {"IN", 2, kVariadic, in, "a", Type::Integer},
    {"CHOOSE", 2, kVariadic, choose, "na", std::nullopt},
};

}  // namespace

std::span<const FunctionSpec> conditional_functions() { return kFunctions; }

}  // namespace taskweave::expr
