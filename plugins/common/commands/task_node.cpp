#include "common/commands/task_node.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace taskweave::plugins::commands {

std::optional<std::string> child_attribute(const sdk::Node& element, std::string_view name) {
  std::optional<std::string> found;
  element.for_each("ATTRIBUTE", [&](const sdk::Node& attribute) {
    if (!found && attribute.attribute("NAME") == name)
      found = std::string(attribute.attribute("VALUE").value_or(""));
  });
  return found;
}

std::vector<NamedValue> value_pairs_of(const sdk::Node& element) {
  struct Ordered {
    int64_t order;
    NamedValue pair;
  };
  std::vector<Ordered> pairs;
  element.for_each("VALUEPAIR", [&](const sdk::Node& pair) {
    std::string_view text = pair.attribute("EXECORDER").value_or("");
    int64_t order = 0;
    std::from_chars(text.data(), text.data() + text.size(), order);
    pairs.push_back({order,
                     {std::string(pair.attribute("NAME").value_or("")),
                      std::string(pair.attribute("VALUE").value_or(""))}});
  });
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const Ordered& a, const Ordered& b) { return a.order < b.order; });
  std::vector<NamedValue> out;
  for (auto& pair : pairs) out.push_back(std::move(pair.pair));
  return out;
}

std::vector<ShellCommand> commands_of(const sdk::Node& element) {
  std::vector<ShellCommand> commands;
  for (auto& pair : value_pairs_of(element))
    commands.push_back({std::move(pair.name), std::move(pair.value)});
  return commands;
}

}  // namespace taskweave::plugins::commands
