// The plugin options every subcommand that loads plugins shares (`plugins`, `run`, ...):
// --plugins-dir DIR (repeatable) and --plugin TYPE=PLUGIN (repeatable), turned into a loaded
// plugin_host::PluginRegistry with the documented search order.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <optional>
#include <string>

#include "plugin_host/plugin_registry.h"
#include "subcommand.h"

namespace taskweave::cli {

void define_plugin_options(Poco::Util::OptionSet& options);

struct LoadedPlugins {
  std::optional<plugin_host::PluginRegistry> registry;
  std::string usage_error;  // set (and registry empty) for a malformed option or config file
};

// Loads the plugins for `invocation`: --plugins-dir, --plugin, and, when the subcommand defines
// it and it is given, the plugin directories and bindings of --config FILE. `host` is passed to
// each plugin's init() and must live for the rest of the process (NULL: versions only, see
// RegistryOptions).
LoadedPlugins load_plugins(const Invocation& invocation, const tw_host_api* host = nullptr);

}  // namespace taskweave::cli
