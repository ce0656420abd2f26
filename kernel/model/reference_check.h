// Checks the variables the expressions of one graph use: $Task.Var must name a task instance of
// the same graph and one of its type's variables; $$Var should be declared in the graph's scope
// (a workflow sees its own variables, a worklet only its own: values reach a worklet through its
// instance's VALUEPAIRs). Also reports the type errors the expression compiler is sure of.
#pragma once

#include "model/diagnostic.h"
#include "model/workflow.h"

namespace taskweave::model {

void check_references(const Workflow& workflow, const Graph& graph, Diagnostics& diagnostics);

}  // namespace taskweave::model
