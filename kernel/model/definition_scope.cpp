#include "model/definition_scope.h"

#include "model/text.h"
#include "model/xml_read.h"

namespace taskweave::model {
namespace {

// Type and name folded so that "Event-wait"/"EventWait" and name case do not matter.
std::string definition_key(std::string_view type, std::string_view name) {
  std::string key;
  key.reserve(type.size() + name.size() + 1);
  for (char c : type)
    if (c != ' ' && c != '-' && c != '_') key.push_back(ascii_lower(c));
  key.push_back('\n');
  for (char c : name) key.push_back(ascii_lower(c));
  return key;
}

std::string_view definition_type(pugi::xml_node element) {
  if (is_element(element, "SESSION")) return "Session";
  if (is_element(element, "WORKLET")) return "Worklet";
  if (is_element(element, "TASK")) return attr(element, "TYPE");
  return {};
}

}  // namespace

DefinitionScope::DefinitionScope(pugi::xml_node container) {
  for (pugi::xml_node child : container.children()) {
    std::string_view type = definition_type(child);
    if (type.empty()) continue;
    // The first definition of a name wins, as the first instance of a name does.
    by_key_.emplace(definition_key(type, attr(child, "NAME")), child);
  }
}

pugi::xml_node DefinitionScope::find(std::string_view task_type, std::string_view task_name) const {
  auto it = by_key_.find(definition_key(task_type, task_name));
  return it == by_key_.end() ? pugi::xml_node() : it->second;
}

TaskDefinition read_definition(pugi::xml_node element) {
  TaskDefinition d;
  d.name = attr(element, "NAME");
  d.raw_type = definition_type(element);
  d.type = task_type_from_string(d.raw_type);
  d.element = is_element(element, "SESSION")   ? DefinitionElement::Session
              : is_element(element, "WORKLET") ? DefinitionElement::Worklet
                                               : DefinitionElement::Task;
  d.reusable = yes_no(element, "REUSABLE", false);
  d.description = attr(element, "DESCRIPTION");
  d.attributes = read_attributes(element);
  d.value_pairs = read_value_pairs(element);
  d.xml = element;
  return d;
}

}  // namespace taskweave::model
