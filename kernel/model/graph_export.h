// Drawings of a workflow for Graphviz (DOT) and Mermaid: worklets as clusters (subgraphs)
// holding their own graph, link conditions as edge labels, disabled tasks greyed, OR-joins
// marked with a double border and "(OR join)", tasks whose definition is missing dotted.
#pragma once

#include <iosfwd>

#include "model/workflow.h"

namespace taskweave::model {

enum class GraphFormat { Dot, Mermaid };

void write_graph(std::ostream& out, const Workflow& workflow, GraphFormat format);

}  // namespace taskweave::model
