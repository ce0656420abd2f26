// Converting values across the plugin ABI: expr::Value <-> tw_value.
#pragma once

#include <taskweave/abi.h>

#include <deque>
#include <string>

#include "expr/value.h"

namespace taskweave::run {

// Strings handed to a plugin live as long as the task object: they are kept in `arena`.
tw_value to_abi(const expr::Value& value, std::deque<std::string>& arena);
// The plugin's value, copied. An unknown type tag becomes NULL.
expr::Value from_abi(const tw_value& value);

}  // namespace taskweave::run
