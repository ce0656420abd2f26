#include "isolation/isolation_config.h"

#include <unistd.h>

#include "isolation/out_of_process_runner.h"
#include "model/text.h"

namespace taskweave::isolation {

std::vector<std::string> isolated_types(const run::RunConfig& config,
                                        const std::vector<std::string>& cli_types) {
  std::vector<std::string> types;
  auto add = [&](std::string_view type) {
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    if (type.empty()) return;
    for (const auto& known : types)
      if (model::iequals(known, type)) return;
    types.emplace_back(type);
  };
  std::string_view listed = "";
  const auto configured = config.get("isolation.types");
  if (configured) listed = *configured;
  for (std::size_t at; (at = listed.find(',')) != std::string_view::npos;) {
    add(listed.substr(0, at));
    listed.remove_prefix(at + 1);
  }
  add(listed);
  for (const auto& type : cli_types) add(type);
  return types;
}

expr::Result<run::RunnerFactory> runner_factory(const run::RunConfig& config,
                                                const std::vector<std::string>& cli_types,
                                                const std::filesystem::path& exe_dir,
                                                const plugin_host::PluginRegistry* plugins,
                                                std::chrono::milliseconds abort_timeout) {
  IsolationSettings settings;
  settings.types = isolated_types(config, cli_types);
  if (settings.types.empty()) return run::RunnerFactory();
  settings.worker = exe_dir / "taskweave-worker";
  if (::access(settings.worker.c_str(), X_OK) != 0) {
    std::string types;
    for (const auto& type : settings.types) types += (types.empty() ? "" : ", ") + type;
    return expr::Error{"cannot run " + types + " out of process: no executable " +
                       settings.worker.string() + " (it is installed beside taskweave)"};
  }
  // Killed before the executor's abort timeout runs out, so the task ends ABORTED and the run
  // does not have to abandon it.
  settings.kill_after_abort = abort_timeout * 3 / 4;
  PluginFileLookup plugin_file_of =
      [plugins](std::string_view type) -> std::optional<std::filesystem::path> {
    if (!plugins) return std::nullopt;
    auto found = plugins->find(type);
    if (!found) return std::nullopt;
    return found.plugin->path;
  };
  return run::RunnerFactory(
      [settings, plugin_file_of](run::RunServices& services, run::TaskRunner& in_process) {
        return std::make_unique<OutOfProcessRunner>(services, in_process, settings, plugin_file_of);
      });
}

}  // namespace taskweave::isolation
