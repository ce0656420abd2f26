#include "subcommand.h"

#include <algorithm>
#include <ostream>

namespace taskweave::cli {
namespace {
std::vector<Subcommand>& registry() {
  static std::vector<Subcommand> commands;
  return commands;
}
}  // namespace

detail::Registrar::Registrar(const Subcommand& command) {
  auto& commands = registry();
  auto at = std::lower_bound(
      commands.begin(), commands.end(), command,
      [](const Subcommand& a, const Subcommand& b) { return std::string_view(a.name) < b.name; });
  commands.insert(at, command);
}

const std::vector<Subcommand>& subcommands() { return registry(); }

std::optional<std::string> Invocation::value(const std::string& name) const {
  auto range = options.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;
}

std::vector<std::string> Invocation::values(const std::string& name) const {
  std::vector<std::string> found;
  auto range = options.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) found.push_back(it->second);
  return found;
}

int usage_error(const Invocation& invocation, const char* subcommand, const std::string& message) {
  invocation.err << "taskweave " << subcommand << ": " << message << " (see 'taskweave "
                 << subcommand << " --help')\n";
  return kExitUsage;
}

}  // namespace taskweave::cli
