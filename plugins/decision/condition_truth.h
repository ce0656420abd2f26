// How a Decision turns the value of its condition into TRUE or FALSE: the same rule the
// expression language applies to a link condition (semantics.md §2, §3; kernel/expr's
// is_true), so a Decision and a link given the same expression always agree.
#pragma once

#include <taskweave/abi.h>

namespace taskweave::plugins::decision {

// NULL is FALSE; a number is TRUE when it is not zero; a status is TRUE when it is SUCCEEDED;
// a date/time is TRUE; a string counts as the number its leading numeric text spells, as
// PowerCenter converts text to a number ('1' and ' 2abc' TRUE; '0', 'abc' and '' FALSE).
bool truth_of(const tw_value& value);

}  // namespace taskweave::plugins::decision
