// A loaded WORKFLOW: the immutable definition the execution kernel runs from. Shared between
// threads as std::shared_ptr<const Workflow>; nothing in it changes after loading, and it keeps
// its SourceDocument (the parsed XML) alive, so every string_view and xml_node in it stays valid.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/graph.h"
#include "model/source_document.h"

namespace taskweave::model {

// SCHEDULER > SCHEDULEINFO. Every real export seen is ONDEMAND; the XML is kept for the rest
// (STARTOPTIONS, SCHEDULEOPTIONS, ENDOPTIONS).
struct SchedulerInfo {
  std::string_view name;
  bool reusable = false;
  std::string_view
      schedule_type;   // SCHEDULEINFO@SCHEDULETYPE: ONDEMAND, CONTINUOUS, ...; "" if none
  pugi::xml_node xml;  // the SCHEDULER element (null if absent)
};

struct Workflow {
  std::shared_ptr<const SourceDocument> source;
  std::string_view repository;  // REPOSITORY@NAME
  std::string_view folder;      // FOLDER@NAME
  std::string_view name;
  std::string_view description;
  bool enabled = true;                  // ISENABLED
  bool suspend_on_error = false;        // SUSPEND_ON_ERROR
  std::string_view parameter_filename;  // the "Parameter Filename" attribute; "" if none
  SchedulerInfo scheduler;
  // A 64-bit hash of the workflow element's text and of the folder-level definitions it uses:
  // recovery refuses to continue a run when it changed. Any edit inside the WORKFLOW element
  // changes it (layout included); re-encoding the file (Latin-1 to UTF-8) does not.
  std::uint64_t definition_hash = 0;

  Graph root;  // kind Workflow; its attributes are the workflow properties
  // Every worklet graph reachable from root, each built once even when several instances use it.
  std::vector<std::unique_ptr<Graph>> worklet_graphs;
  // Every definition an instance refers to (local or folder-level), owned here.
  std::vector<std::unique_ptr<TaskDefinition>> definitions;

  const std::string& file_path() const { return source->path(); }
  SourcePos position(pugi::xml_node node) const { return source->position(node); }
  SourcePos position(pugi::xml_attribute attribute) const { return source->position(attribute); }
  // 16 lower-case hex digits.
  std::string definition_hash_hex() const;

  Workflow() = default;
  Workflow(const Workflow&) = delete;  // graphs point into each other
  Workflow& operator=(const Workflow&) = delete;
};

}  // namespace taskweave::model
