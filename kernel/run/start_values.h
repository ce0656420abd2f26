// Start values of user-defined $$ variables (semantics.md §5): the parameter file wins, then
// the saved value of a persistent variable, then DEFAULTVALUE, then the datatype's default.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "expr/result.h"
#include "expr/value.h"
#include "model/graph.h"
#include "run/run_inputs.h"

namespace taskweave::run {

// 0, 0.0, '' or 1/1/1753 00:00:00; NULL for status and null types.
expr::Value datatype_default(expr::Type type);

// `worklet_path` and `scope` say where the variable lives ({} and "" for the workflow). An error
// names the variable, the value and where the value came from.
expr::Result<expr::Value> start_value(const model::Variable& variable, expr::Type type,
                                      const RunInputs& inputs,
                                      std::span<const std::string> worklet_path,
                                      std::string_view scope);

}  // namespace taskweave::run
