// Argument helpers for built-in functions. Messages name the argument ("argument 2 ('x') ...");
// the evaluator prefixes the function name.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "expr/result.h"
#include "expr/value.h"

namespace taskweave::expr::args {

using Args = std::span<const Value>;

bool any_null(Args args);
// "argument N (<value>) <why>"
Error invalid(Args args, size_t index, std::string_view why);
// A number: Integer, Double, or a string holding a complete number.
Result<Value> number(Args args, size_t index);
Result<double> real(Args args, size_t index);
// A whole number; a fractional value is rounded to the nearest integer (PowerCenter's rule for
// positions, lengths and counts).
Result<int64_t> whole(Args args, size_t index);
Result<DateTime> date(Args args, size_t index);
// Text of any value (numbers and dates converted as || does).
std::string text(Args args, size_t index);

}  // namespace taskweave::expr::args
