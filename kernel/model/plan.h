// The plan of a workflow as the `plan` command prints it: per graph its tasks, links, levels,
// critical path and analysis (cli-contract.md), worklet graphs nested in their instances.
#pragma once

#include <iosfwd>
#include <memory>
#include <span>
#include <string>

#include "model/workflow.h"

namespace taskweave::model {

// `plan --json`, exactly the contract's shape:
// {"file": ..., "workflows": [GRAPH, ...]} with GRAPH = {name, kind, folder, start, tasks,
// links, levels, critical_path, analysis} (+ "definition_hash" on workflows). A graph with a
// cycle has no levels to show: its "levels" and "critical_path" are empty and "analysis" is
// null; validation reports the cycle.
void write_plan_json(std::ostream& out, const std::string& file,
                     std::span<const std::shared_ptr<const Workflow>> workflows);

// The human-readable plan: levels, critical path and analysis of each graph, worklets after
// their parent, named by their instance path.
void write_plan_text(std::ostream& out, std::span<const std::shared_ptr<const Workflow>> workflows);

}  // namespace taskweave::model
