// The table of built-in functions. Each function is a plain C++ function over already
// evaluated arguments; IIF and DECODE are compiled to jumps by the parser instead (they only
// evaluate the branch they pick), so their entries carry no implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "expr/result.h"
#include "expr/value.h"

namespace taskweave::expr {

class Scope;

// What a function may ask of the evaluation around it. The clock is read at most once per
// evaluation, so SYSDATE = SYSDATE holds.
class CallContext {
 public:
  explicit CallContext(const Scope& scope) : scope_(scope) {}
  DateTime now() const;  // for SYSDATE, SYSTIMESTAMP and the century of 2-digit years

 private:
  const Scope& scope_;
  mutable std::optional<DateTime> now_;
};

using FunctionImpl = Result<Value> (*)(std::span<const Value> args, const CallContext& context);

inline constexpr uint16_t kVariadic = 0xffff;

struct FunctionSpec {
  std::string_view name;  // upper case
  uint16_t min_args;
  uint16_t max_args;  // kVariadic: no limit
  FunctionImpl impl;  // null for IIF and DECODE
  // One letter per argument for static type checks: a any, n number, s string, d date/time;
  // the last letter repeats for further arguments.
  std::string_view params;
  std::optional<Type> result;  // when always the same
};

// Case-insensitive lookup; nullptr when there is no such function.
const FunctionSpec* find_function(std::string_view name);
const FunctionSpec& function_at(uint32_t index);
uint32_t function_index(const FunctionSpec& spec);

// The per-family tables, concatenated by find_function.
std::span<const FunctionSpec> conditional_functions();
std::span<const FunctionSpec> conversion_functions();
std::span<const FunctionSpec> date_functions();
std::span<const FunctionSpec> rounding_functions();
std::span<const FunctionSpec> string_functions();
std::span<const FunctionSpec> math_functions();

}  // namespace taskweave::expr
