// Text <-> number conversions with PowerCenter's rules: strict parsing for IS_NUMBER and typed
// coercion, the lenient "leading digits" conversion PowerCenter applies when text is used as a
// number (TO_INTEGER('123ab') = 123), and TO_CHAR's 15-significant-digit double format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "expr/value.h"

namespace taskweave::expr::numeric {

// The whole text (surrounding blanks allowed) is a decimal number: [+-]digits[.digits][e[+-]d].
std::optional<double> parse_double_strict(std::string_view text);
// Like parse_double_strict, but yields an Integer when the text has no fraction or exponent and
// fits in 64 bits, else a Double. nullopt when the text is not a number.
std::optional<Value> parse_number_strict(std::string_view text);
// PowerCenter's implicit conversion: the longest numeric prefix after leading blanks, 0 when
// there is none ('123ab' -> 123, 'abc' -> 0, ' 1.5e3x' -> 1500).
double leading_double(std::string_view text);

// TO_CHAR of a double: up to 15 significant digits, scientific notation with a three-digit
// exponent outside [1e-5, 1e15) (1.08427649682088e+019), no trailing zeros.
std::string format_double(double value);

// double -> int64 when representable (the value is first truncated toward zero).
std::optional<int64_t> to_int64(double value);

}  // namespace taskweave::expr::numeric
