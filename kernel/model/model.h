// The workflow model in one include: Workflow > Graph > TaskInstance / Link, TaskDefinition.
//
//   model::LoadResult r = model::load_export("wf.xml", {.workflow = "wf_daily"});
//   if (r.diagnostics.has_errors()) { model::print_diagnostics(std::cerr, r.diagnostics); ... }
//   const model::Graph& g = r.workflows.front()->root;
//   for (model::LinkIndex l : g.tasks[g.start].out_links) ... g.tasks[g.links[l].to].name ...
#pragma once

#include "model/diagnostic.h"
#include "model/graph.h"
#include "model/task.h"
#include "model/task_type.h"
#include "model/workflow.h"
#include "model/xml_loader.h"
