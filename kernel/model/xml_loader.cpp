#include "model/xml_loader.h"

#include <string>

#include "model/definition_scope.h"
#include "model/text.h"
#include "model/validator.h"
#include "model/workflow_builder.h"
#include "model/xml_read.h"

namespace taskweave::model {
namespace {

bool matches(const std::string& wanted, std::string_view name) {
  return wanted.empty() || iequals(wanted, name);
}

// Design objects that make a file a valid export even without a WORKFLOW.
bool has_design_objects(pugi::xml_node folder) {
  for (const char* name : {"MAPPING", "MAPPLET", "SOURCE", "TARGET", "TRANSFORMATION", "SHORTCUT"})
    if (folder.child(name)) return true;
  return false;
}

struct FileContents {
  int workflows = 0;  // all WORKFLOW elements, selected or not
  bool design_objects = false;
  std::vector<std::string> names;  // "FOLDER/WORKFLOW" of every workflow, for messages
};

void report_empty_selection(const SourceDocument& source, const Selection& selection,
                            const FileContents& contents, Diagnostics& diagnostics) {
  const SourcePos root = source.position(source.document().document_element());
  if (contents.workflows == 0) {
    if (contents.design_objects) {
      diagnostics.warning("no-workflow", root,
                          "this export contains no WORKFLOW (it holds mappings or other design "
                          "objects only), so there is nothing to run; export the workflow too");
    } else {
      diagnostics.error("no-workflow", root,
                        "no WORKFLOW element in this file; expected POWERMART > REPOSITORY > "
                        "FOLDER > WORKFLOW (is this a PowerCenter workflow export?)");
    }
    return;
  }
  std::string available;
  for (const auto& n : contents.names) available += (available.empty() ? "" : ", ") + n;
  std::string wanted;
  if (!selection.folder.empty()) wanted += " in folder \"" + selection.folder + "\"";
  if (!selection.workflow.empty()) wanted = " named \"" + selection.workflow + "\"" + wanted;
  diagnostics.error("no-such-workflow", root,
                    "no workflow" + wanted + " in this file; it has: " + available);
}

LoadResult load(std::shared_ptr<const SourceDocument> source, Diagnostics diagnostics,
                const Selection& selection) {
  LoadResult result;
  result.diagnostics = std::move(diagnostics);
  if (!source) return result;

  pugi::xml_node root = source->document().document_element();
  if (!is_element(root, "POWERMART")) {
    result.diagnostics.error("not-powermart", source->position(root),
                             "the root element is <" + std::string(root.name()) +
                                 ">, not <POWERMART>; this is not a PowerCenter export");
    result.diagnostics.set_file(source->path());
    return result;
  }
  FileContents contents;
  for (pugi::xml_node repository : root.children("REPOSITORY")) {
    for (pugi::xml_node folder : repository.children("FOLDER")) {
      contents.design_objects = contents.design_objects || has_design_objects(folder);
      std::string_view folder_name = attr(folder, "NAME");
      DefinitionScope folder_scope;  // built only for folders with a selected workflow
      bool scope_ready = false;
      for (pugi::xml_node element : folder.children("WORKFLOW")) {
        ++contents.workflows;
        contents.names.push_back(std::string(folder_name) + "/" +
                                 std::string(attr(element, "NAME")));
        if (!matches(selection.folder, folder_name) ||
            !matches(selection.workflow, attr(element, "NAME")))
          continue;
        if (!scope_ready) {
          folder_scope = DefinitionScope(folder);
          scope_ready = true;
        }
        auto workflow = std::make_shared<Workflow>();
        workflow->source = source;
        workflow->repository = attr(repository, "NAME");
        workflow->folder = folder_name;
        WorkflowBuilder(*source, folder_scope, result.diagnostics).build(element, *workflow);
        validate(*workflow, result.diagnostics);
        result.workflows.push_back(std::move(workflow));
      }
    }
  }
  if (result.workflows.empty())
    report_empty_selection(*source, selection, contents, result.diagnostics);
  resolve_expression_positions(*source, result.diagnostics);
  result.diagnostics.set_file(source->path());
  result.diagnostics.sort();
  return result;
}

}  // namespace

LoadResult load_export(const std::string& path, const Selection& selection) {
  Diagnostics diagnostics;
  auto source = SourceDocument::load_file(path, diagnostics);
  return load(std::move(source), std::move(diagnostics), selection);
}

LoadResult load_export_bytes(std::string_view bytes, const std::string& display_path,
                             const Selection& selection) {
  Diagnostics diagnostics;
  auto source = SourceDocument::load_bytes(bytes, display_path, diagnostics);
  return load(std::move(source), std::move(diagnostics), selection);
}

SingleLoadResult load_workflow(const std::string& path, const Selection& selection) {
  LoadResult loaded = load_export(path, selection);
  SingleLoadResult result;
  result.diagnostics = std::move(loaded.diagnostics);
  if (loaded.workflows.size() == 1) {
    result.workflow = std::move(loaded.workflows.front());
  } else if (loaded.workflows.empty() && !result.diagnostics.has_errors()) {
    // A mapping-only export is only a warning for validate; here it leaves nothing to use.
    result.diagnostics.add({Severity::Error,
                            "no-workflow",
                            path,
                            {},
                            "no workflow to use in this file",
                            std::nullopt});
  } else if (loaded.workflows.size() > 1) {
    std::string names;
    for (const auto& w : loaded.workflows)
      names += (names.empty() ? "" : ", ") + std::string(w->folder) + "/" + std::string(w->name);
    result.diagnostics.add({Severity::Error,
                            "several-workflows",
                            path,
                            {},
                            "the file holds several workflows (" + names +
                                "); choose one with --workflow NAME (and --folder NAME)",
                            std::nullopt});
  }
  return result;
}

}  // namespace taskweave::model
