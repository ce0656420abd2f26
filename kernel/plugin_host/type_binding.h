// `--plugin TYPE=PLUGIN`: which loaded plugin serves a task type when more than one could
// (a vendor's replacement `Session` beside the built-in one).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace taskweave::plugin_host {

struct TypeBinding {
  std::string type;    // task type name, e.g. "Session"
  std::string plugin;  // plugin name from its descriptor, e.g. "acme-session"
};

struct ParsedBinding {
  std::optional<TypeBinding> binding;
  std::string error;  // set when `binding` is empty
};

// Parses "TYPE=PLUGIN" (both valid names, see is_valid_name).
ParsedBinding parse_type_binding(std::string_view text);

}  // namespace taskweave::plugin_host
