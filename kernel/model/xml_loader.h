// Loading a PowerCenter export: parse the XML, build a Workflow per selected WORKFLOW, validate
// it. All problems come back as diagnostics with file positions; nothing throws.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/workflow.h"

namespace taskweave::model {

// Which workflows to load; empty means "any". Names compare case-insensitively.
struct Selection {
  std::string folder;
  std::string workflow;
};

struct LoadResult {
  // The selected workflows, in file order. A workflow with errors is still returned (so tools
  // can show it), but must not be run: check diagnostics.has_errors().
  std::vector<std::shared_ptr<const Workflow>> workflows;
  Diagnostics diagnostics;  // loading and validation, sorted by position, positions resolved
};

// Loads and validates every selected workflow of the file. A file without any WORKFLOW is an
// error, except a mapping-only export (it has MAPPING/SOURCE/... objects), which is a warning:
// it is a valid export with nothing to run.
LoadResult load_export(const std::string& path, const Selection& selection = {});
LoadResult load_export_bytes(std::string_view bytes, const std::string& display_path,
                             const Selection& selection = {});

struct SingleLoadResult {
  std::shared_ptr<const Workflow> workflow;  // null when the selection is not exactly one
  Diagnostics diagnostics;
};

// For `run`: exactly one workflow, the selected one or the file's only one. Several matching
// workflows is an error that lists their names.
SingleLoadResult load_workflow(const std::string& path, const Selection& selection = {});

}  // namespace taskweave::model
