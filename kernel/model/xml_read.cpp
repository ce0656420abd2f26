#include "model/xml_read.h"

#include <algorithm>
#include <charconv>

#include "model/text.h"

namespace taskweave::model {

bool yes_no(pugi::xml_node node, const char* name, bool fallback) {
  pugi::xml_attribute a = node.attribute(name);
  if (!a) return fallback;
  std::string_view v = a.value();
  if (iequals(v, "YES")) return true;
  if (iequals(v, "NO")) return false;
  return fallback;
}

std::vector<Attribute> read_attributes(pugi::xml_node node) {
  std::vector<Attribute> out;
  for (pugi::xml_node child : node.children())
    if (is_element(child, "ATTRIBUTE")) out.push_back({child});
  return out;
}

std::vector<ValuePair> read_value_pairs(pugi::xml_node node) {
  std::vector<ValuePair> out;
  for (pugi::xml_node child : node.children()) {
    if (!is_element(child, "VALUEPAIR")) continue;
    ValuePair vp;
    vp.name = attr(child, "NAME");
    vp.value = attr(child, "VALUE");
    std::string_view order = attr(child, "EXECORDER");
    std::from_chars(order.data(), order.data() + order.size(), vp.exec_order);
    vp.reverse_assignment = yes_no(child, "REVERSEASSIGNMENT", false);
    vp.xml = child;
    out.push_back(std::move(vp));
  }
  std::stable_sort(out.begin(), out.end(), [](const ValuePair& a, const ValuePair& b) {
    return a.exec_order < b.exec_order;
  });
  return out;
}

}  // namespace taskweave::model
