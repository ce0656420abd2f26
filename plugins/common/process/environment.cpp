#include "common/process/environment.h"

#include <string_view>
#include <unordered_map>

namespace taskweave::plugins::process {

std::vector<std::string> merged_environment(
    const char* const* base, const std::vector<std::pair<std::string, std::string>>& overrides) {
  // Position of each overridden name in the result, so a repeated name replaces in place.
  std::unordered_map<std::string, size_t> position;
  std::vector<std::string> entries;
  for (const auto& [name, value] : overrides) {
    auto [it, inserted] = position.emplace(name, entries.size());
    if (inserted) {
      entries.push_back(name + "=" + value);
    } else {
      entries[it->second] = name + "=" + value;
    }
  }
  for (; base && *base; ++base) {
    std::string_view entry(*base);
    std::string_view name = entry.substr(0, entry.find('='));
    if (!position.contains(std::string(name))) entries.emplace_back(entry);
  }
  return entries;
}

}  // namespace taskweave::plugins::process
