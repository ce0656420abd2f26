// Checks a loaded Workflow beyond what loading itself reports: cycles, unreachable tasks,
// worklets that contain themselves, variable references in expressions.
#pragma once

#include "model/diagnostic.h"
#include "model/workflow.h"

namespace taskweave::model {

// Nesting deeper than this is refused: no real export comes close, and the graph walks that
// follow worklets (plan, graph export, the kernel) may then rely on a bounded depth.
inline constexpr std::size_t kMaxWorkletNesting = 64;

void validate(const Workflow& workflow, Diagnostics& diagnostics);

// Diagnostics inside expressions carry an ExpressionSite until now: maps them to file positions
// using the original text (character references make the in-file text longer than the decoded
// value). Falls back to the attribute value's position plus the position inside the expression,
// said so in the message, when the original text is no longer available.
void resolve_expression_positions(const SourceDocument& source, Diagnostics& diagnostics);

}  // namespace taskweave::model
