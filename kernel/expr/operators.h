// The operators of the expression language over Values, with PowerCenter's NULL rules:
// arithmetic and comparison with NULL give NULL, || treats NULL as an empty string.
#pragma once

#include <optional>

#include "expr/program.h"
#include "expr/result.h"
#include "expr/value.h"

namespace taskweave::expr::ops {

// + - * / % on numbers. Integer op Integer stays Integer (overflow is an error) except '/',
// which gives a Double. Division or modulo by zero is an error, as in PowerCenter. A string
// operand holding a complete number is used as that number (values from parameter files).
Result<Value> arithmetic(Op op, const Value& left, const Value& right);
Result<Value> negate(const Value& operand);
// < <= > >= = <> on two numbers, two strings (binary), two dates or, for = and <> only, two
// statuses or a status and its name. Returns 1/0, or NULL when either side is NULL.
Result<Value> compare(Op op, const Value& left, const Value& right);
// a || b; NULL || NULL is NULL; an error past kMaxStringBytes.
Result<Value> concat(const Value& left, const Value& right);
// The truth of a non-NULL value (see is_true); nullopt for NULL.
std::optional<bool> truth(const Value& value);
// DECODE's match: equal values of comparable types, and NULL matches NULL.
bool decode_match(const Value& value, const Value& search);
// A number from an Integer, a Double or a string holding a complete number.
std::optional<Value> as_number(const Value& value);

}  // namespace taskweave::expr::ops
