// One graph per WORKFLOW and per WORKLET: task instances (nodes, index-addressed, keyed by
// instance NAME) and WORKFLOWLINKs (edges).
#pragma once

#include <pugixml.hpp>

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/task.h"
#include "model/text.h"

namespace taskweave::model {

enum class GraphKind : std::uint8_t { Workflow, Worklet };

struct Link {
  TaskIndex from = kNoTask;
  TaskIndex to = kNoTask;
  std::string_view condition;  // "" when unconditional; character references decoded, CR LF kept
  ParsedExpression parsed_condition;  // null when the condition is empty or did not parse
  pugi::xml_node xml;                 // the WORKFLOWLINK element
};

// A user-defined workflow or worklet variable (WORKFLOWVARIABLE USERDEFINED="YES", "$$Name").
// The per-task built-ins the export also lists are implied by the task types and not kept.
struct Variable {
  std::string_view name;      // with the "$$"
  std::string_view datatype;  // as written: nstring, string, integer, bigint, double, date/time...
  std::string_view default_value;
  std::string_view description;
  bool is_null = false;  // ISNULL
  bool persistent = false;
  pugi::xml_node xml;
};

struct Event {
  std::string_view name;
  std::string_view description;
  pugi::xml_node xml;
};

struct Graph {
  GraphKind kind = GraphKind::Workflow;
  std::string_view name;
  std::vector<TaskInstance> tasks;  // file order
  std::vector<Link> links;          // file order; links to unknown instances are dropped
  TaskIndex start = kNoTask;        // the TASKTYPE="Start" instance
  std::vector<Variable> variables;
  std::vector<Event> events;          // WORKFLOWEVENT
  std::vector<Attribute> attributes;  // properties (ATTRIBUTE children)
  pugi::xml_node xml;                 // the WORKFLOW / WORKLET element

  // Instance by name, case-insensitively (PowerCenter names are).
  std::optional<TaskIndex> find_task(std::string_view task_name) const;
  const Variable* find_variable(std::string_view variable_name) const;  // case-insensitive
  const Attribute* attribute(std::string_view attribute_name) const {
    return find_attribute(attributes, attribute_name);
  }

  // Filled by the loader.
  std::unordered_map<std::string_view, TaskIndex, IHash, IEqual> task_index;
};

}  // namespace taskweave::model
