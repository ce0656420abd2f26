// Task definitions (TASK, SESSION, WORKLET elements) and task instances (TASKINSTANCE, the graph
// nodes). Strings are views into the SourceDocument's text and stay valid as long as the
// Workflow that holds them; pugi::xml_node handles give plugins the raw XML (SESSIONCOMPONENT,
// TIMER, vendor elements) without copying it.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "model/expression.h"
#include "model/task_type.h"

namespace taskweave::model {

struct Graph;

using TaskIndex = std::uint32_t;
using LinkIndex = std::uint32_t;
inline constexpr TaskIndex kNoTask = 0xFFFFFFFFu;

// <ATTRIBUTE NAME="..." VALUE="..."/>. Only the element is kept (sessions carry dozens of
// attributes, and the model's size counts against the 3x-the-file memory budget); NAME and VALUE
// are read from it on access.
struct Attribute {
  pugi::xml_node xml;

  std::string_view name() const { return xml.attribute("NAME").value(); }
  // Character references decoded (CR LF kept). xml.attribute("VALUE").value() is the same text,
  // NUL-terminated.
  std::string_view value() const { return xml.attribute("VALUE").value(); }
};

// <VALUEPAIR EXECORDER="1" NAME="..." REVERSEASSIGNMENT="NO" VALUE="..."/>: a command of a
// Command task, an assignment of an Assignment task, or an input of a Worklet instance.
struct ValuePair {
  std::string_view name;
  std::string_view value;
  std::int64_t exec_order = 0;
  bool reverse_assignment = false;
  // VALUE parsed as an expression for Assignment tasks and Worklet instances (null otherwise,
  // and when it did not parse; the loader reported that).
  ParsedExpression expression;
  pugi::xml_node xml;
};

// Finds an attribute by name, case-insensitively; null when absent.
const Attribute* find_attribute(std::span<const Attribute> attributes, std::string_view name);

// Which element defines a task.
enum class DefinitionElement : std::uint8_t { Task, Session, Worklet };

struct TaskDefinition {
  std::string_view name;
  std::string_view raw_type;  // TASK@TYPE; "Session" / "Worklet" for those elements
  TaskType type = TaskType::Other;
  DefinitionElement element = DefinitionElement::Task;
  bool reusable = false;
  std::string_view description;
  std::vector<Attribute> attributes;   // direct ATTRIBUTE children, in file order
  std::vector<ValuePair> value_pairs;  // direct VALUEPAIR children, sorted by EXECORDER
  // For a Decision: its "Decision Name" attribute (the condition) parsed; null if empty/absent.
  ParsedExpression decision_condition;
  pugi::xml_node xml;  // the TASK / SESSION / WORKLET element

  const Attribute* attribute(std::string_view attribute_name) const {
    return find_attribute(attributes, attribute_name);
  }
};

enum class JoinKind : std::uint8_t { And, Or };

struct TaskInstance {
  std::string_view name;       // NAME: the node's key within its graph
  std::string_view task_name;  // TASKNAME: the definition it refers to
  std::string_view raw_type;   // TASKTYPE as written
  TaskType type = TaskType::Other;
  std::string_view description;
  bool enabled = true;                      // ISENABLED
  bool reusable = false;                    // REUSABLE
  JoinKind join = JoinKind::And;            // TREAT_INPUTLINK_AS_AND
  bool fail_parent_if_fails = false;        // FAIL_PARENT_IF_INSTANCE_FAILS
  bool fail_parent_if_did_not_run = false;  // FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN
  // The resolved definition, or null when the export does not contain it (an opaque node).
  const TaskDefinition* definition = nullptr;
  // For Worklet instances whose definition was found: the worklet's graph.
  const Graph* worklet = nullptr;
  std::vector<ValuePair> value_pairs;  // instance-level overrides, sorted by EXECORDER
  std::vector<Attribute> attributes;   // instance-level overrides
  std::vector<LinkIndex> in_links;     // indices into Graph::links, in file order
  std::vector<LinkIndex> out_links;
  pugi::xml_node xml;  // the TASKINSTANCE element

  // TASKTYPE normalised (task_type_name), or the raw string for vendor types.
  std::string_view type_name() const;
  // The instance's VALUEPAIRs when it has any (they replace the definition's as a whole, as a
  // reusable Command instance's commands do), else the definition's.
  std::span<const ValuePair> effective_value_pairs() const;
  // An instance ATTRIBUTE overrides the definition's attribute of the same name.
  const Attribute* effective_attribute(std::string_view attribute_name) const;
  // The definition's attributes with instance overrides applied, definition order first.
  std::vector<Attribute> effective_attributes() const;
};

}  // namespace taskweave::model
