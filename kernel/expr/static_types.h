// What the parser knows about a sub-expression's type before running it, and the type errors
// that are certain from that knowledge alone (Expr::type_errors()).
#pragma once

#include <optional>
#include <string>

#include "expr/functions.h"
#include "expr/program.h"
#include "expr/value.h"

namespace taskweave::expr::static_types {

struct Shape {
  std::optional<Type> type;      // nullopt: unknown until run time (variables, NULL-able)
  std::optional<Value> literal;  // set when the sub-expression is a literal
};

// Result shape of a binary/unary operator; `problem` gets a message when the operation can
// never succeed (e.g. a status in arithmetic).
Shape binary(Op op, const Shape& left, const Shape& right, std::optional<std::string>& problem);
Shape unary(Op op, const Shape& operand, std::optional<std::string>& problem);
// Checks argument `index` (0-based) of `spec` against its declared parameter kind.
std::optional<std::string> check_argument(const FunctionSpec& spec, size_t index, const Shape& arg);

}  // namespace taskweave::expr::static_types
