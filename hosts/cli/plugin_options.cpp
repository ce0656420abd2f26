#include "plugin_options.h"

#include <Poco/Util/Option.h>

#include "run/run_config.h"

namespace taskweave::cli {

namespace ph = taskweave::plugin_host;

void define_plugin_options(Poco::Util::OptionSet& options) {
  options.addOption(
      Poco::Util::Option("plugins-dir", "",
                         "Search DIR for plugins first, before TASKWEAVE_PLUGIN_PATH and the "
                         "built-in plugin directory (repeatable).")
          .argument("DIR")
          .repeatable(true));
  options.addOption(Poco::Util::Option("plugin", "",
                                       "Serve task type TYPE with the plugin named PLUGIN when "
                                       "several plugins provide it, e.g. Session=acme-session "
                                       "(repeatable).")
                        .argument("TYPE=PLUGIN")
                        .repeatable(true));
}

LoadedPlugins load_plugins(const Invocation& invocation, const tw_host_api* host) {
  ph::RegistryOptions options;
  ph::SearchInputs inputs;
  // The configuration's [plugins] dirs and [bindings] come before the command line's, which
  // win (a later binding of the same type overrides an earlier one), as for `run`.
  if (auto file = invocation.value("config")) {
    auto config = run::RunConfig::load(*file);
    if (!config) return {std::nullopt, config.error()};
    inputs.config_dirs = config->plugin_dirs();
    for (const auto& [type, plugin] : config->bindings())
      options.bindings.push_back({type, plugin});
  }
  for (const auto& text : invocation.values("plugin")) {
    ph::ParsedBinding parsed = ph::parse_type_binding(text);
    if (!parsed.binding) return {std::nullopt, "--plugin: " + parsed.error};
    options.bindings.push_back(std::move(*parsed.binding));
  }
  inputs.cli_dirs = invocation.values("plugins-dir");
  inputs.env_path = ph::plugin_path_from_environment();
  inputs.exe_dir = invocation.exe_dir;
  options.search_path = ph::plugin_search_path(inputs);
  options.host = host;
  return {ph::PluginRegistry::load(options), ""};
}

}  // namespace taskweave::cli
