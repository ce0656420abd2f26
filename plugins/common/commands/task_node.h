// Reading a TASK element that is not the running task itself, such as the Command TASK inside a
// session's pre/post-session command component or the Email TASK a session component names.
#pragma once

#include <taskweave/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/commands/command_list.h"

namespace taskweave::plugins::commands {

// VALUE of the first <ATTRIBUTE NAME="name"> child of `element`, or nullopt.
std::optional<std::string> child_attribute(const sdk::Node& element, std::string_view name);

struct NamedValue {
  std::string name;   // VALUEPAIR NAME: a command's label, an assignment's target variable
  std::string value;  // VALUEPAIR VALUE: shell text, an expression
};

// The <VALUEPAIR> children of `element`, by EXECORDER (document order on ties).
std::vector<NamedValue> value_pairs_of(const sdk::Node& element);

// The same, as commands.
std::vector<ShellCommand> commands_of(const sdk::Node& element);

}  // namespace taskweave::plugins::commands
