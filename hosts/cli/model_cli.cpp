#include "model_cli.h"

#include <Poco/Util/Option.h>

namespace taskweave::cli {

void define_selection_options(Poco::Util::OptionSet& options) {
  options.addOption(Poco::Util::Option("workflow", "", "Use the workflow named NAME.")
                        .argument("NAME")
                        .repeatable(false));
  options.addOption(Poco::Util::Option("folder", "", "Use workflows of the folder named NAME.")
                        .argument("NAME")
                        .repeatable(false));
}

model::Selection selection_from(const Invocation& invocation) {
  return {invocation.value("folder").value_or(""), invocation.value("workflow").value_or("")};
}

std::optional<std::string> file_argument(const Invocation& invocation, const char* command,
                                         int& exit_code) {
  if (invocation.positional.size() == 1) return invocation.positional.front();
  exit_code = usage_error(invocation, command,
                          invocation.positional.empty()
                              ? "missing FILE (the PowerCenter export to read)"
                              : "expected one FILE, got " +
                                    std::to_string(invocation.positional.size()) + " arguments");
  return std::nullopt;
}

}  // namespace taskweave::cli
