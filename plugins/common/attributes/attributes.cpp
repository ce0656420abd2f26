#include "attributes.h"

#include <cctype>

namespace taskweave::plugins {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  auto next = [](std::string_view s, size_t& i) {
    while (i < s.size() && s[i] == ' ') ++i;
    return i < s.size() ? std::tolower(static_cast<unsigned char>(s[i++])) : -1;
  };
  size_t i = 0, j = 0;
  for (;;) {
    int x = next(a, i), y = next(b, j);
    if (x != y) return false;
    if (x < 0) return true;
  }
}

std::optional<std::string> scan(const sdk::Node& node, std::string_view name) {
  std::optional<std::string> found;
  node.for_each("ATTRIBUTE", [&](const sdk::Node& attribute) {
    if (found || !same_name(attribute.attribute("NAME").value_or(""), name)) return;
    found = std::string(attribute.attribute("VALUE").value_or(""));
  });
  return found;
}

}  // namespace

std::optional<std::string> find_attribute(const sdk::Context& ctx, std::string_view name) {
  if (auto exact = ctx.attribute(std::string(name).c_str())) return std::string(*exact);
  if (auto from_instance = scan(ctx.instance(), name)) return from_instance;
  return scan(ctx.definition(), name);
}

}  // namespace taskweave::plugins
