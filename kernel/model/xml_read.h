// Small readers for the attribute conventions of PowerCenter exports (internal to the loader).
#pragma once

#include <pugixml.hpp>

#include <cstring>
#include <string_view>
#include <vector>

#include "model/task.h"

namespace taskweave::model {

inline std::string_view text_of(pugi::xml_attribute attribute) { return attribute.value(); }
inline std::string_view attr(pugi::xml_node node, const char* name) {
  return node.attribute(name).value();
}
// "YES"/"NO" flags (case-insensitive); `fallback` when the attribute is absent or unrecognised.
bool yes_no(pugi::xml_node node, const char* name, bool fallback);
inline bool is_element(pugi::xml_node node, const char* name) {
  return node.type() == pugi::node_element && std::strcmp(node.name(), name) == 0;
}

// The direct ATTRIBUTE children of `node`, in file order.
std::vector<Attribute> read_attributes(pugi::xml_node node);
// The direct VALUEPAIR children of `node`, sorted by EXECORDER (file order among equals).
std::vector<ValuePair> read_value_pairs(pugi::xml_node node);

}  // namespace taskweave::model
