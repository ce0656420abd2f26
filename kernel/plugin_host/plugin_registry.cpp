#include "plugin_host/plugin_registry.h"

#include <mutex>

#include "plugin_host/crash_notice.h"

namespace taskweave::plugin_host {
namespace {

// What init() may use when the caller gives no host table (abi.h: contexts are NULL at init,
// so only the context-free members are meaningful).
const tw_host_api* versions_only_host() {
  static const tw_host_api host = [] {
    tw_host_api h{};
    h.struct_size = sizeof(tw_host_api);
    h.abi_major = TW_ABI_MAJOR;
    h.abi_minor = TW_ABI_MINOR;
    return h;
  }();
  return &host;
}

// abi.h promises init() runs once per plugin, but a process may build several registries
// (tests, a reload of the list): remember each library's verdict for the life of the process.
std::string init_once(const LoadedPlugin& plugin, const tw_host_api* host) {
  const tw_plugin_descriptor* descriptor = plugin.descriptor;
  static std::mutex mutex;
  static std::map<const tw_plugin_descriptor*, std::string> verdicts;
  std::lock_guard lock(mutex);
  if (auto it = verdicts.find(descriptor); it != verdicts.end()) return it->second;
  std::string error;
  if (descriptor->init) {
    char buffer[1024] = {};
    tw_error_buf err{buffer, sizeof buffer};
    int rc = 0;
    {
      CrashNotice notice(plugin.path, "init()");
      rc = descriptor->init(host, &err);
    }
    buffer[sizeof buffer - 1] = '\0';
    if (rc != 0)
      error = "init() returned " + std::to_string(rc) + ": " +
              (buffer[0] ? std::string(buffer) : std::string("(the plugin gave no message)"));
  }
  return verdicts[descriptor] = error;
}

std::string describe(const LoadedPlugin& p) {
  return "plugin '" + std::string(p.name()) + "' (" + p.path.string() + ")";
}

}  // namespace

PluginRegistry PluginRegistry::load(const RegistryOptions& options) {
  PluginRegistry registry;
  registry.search_path_ = options.search_path;
  for (const auto& b : options.bindings) registry.bindings_[b.type] = b.plugin;
  const tw_host_api* host = options.host ? options.host : versions_only_host();
  Candidates candidates = find_candidates(options.search_path);
  registry.outcomes_ = std::move(candidates.problems);
  for (const auto& candidate : candidates.files) registry.add(open_plugin(candidate), host);
  registry.check_bindings();
  return registry;
}

// Why `plugin` clashes with one already loaded, or "".
std::string PluginRegistry::duplicate_of(const LoadedPlugin& plugin) const {
  for (const auto& other : plugins_)
    if (other->name() == plugin.name())
      return "a plugin named '" + std::string(plugin.name()) + "' is already loaded from '" +
             other->path.string() + "'; only the first one in the search path is used";
  for (const auto* type : plugin.task_types) {
    if (bindings_.count(type->name)) continue;  // both may load; the binding decides
    auto it = providers_.find(type->name);
    if (it == providers_.end()) continue;
    const LoadedPlugin& first = *it->second.front();
    return "task type '" + std::string(type->name) + "' is already served by " + describe(first) +
           "; this file (plugin '" + std::string(plugin.name()) + "', " + plugin.path.string() +
           ") serves it too. The first in the search path wins; to choose, pass --plugin " +
           type->name + "=<plugin name>";
  }
  return "";
}

void PluginRegistry::add(OpenedPlugin opened, const tw_host_api* host) {
  if (!opened.plugin) {
    outcomes_.push_back(std::move(opened.outcome));
    return;
  }
  LoadOutcome outcome = std::move(opened.outcome);
  const LoadedPlugin& plugin = *opened.plugin;
  if (std::string clash = duplicate_of(plugin); !clash.empty()) {
    const bool same_name = clash.starts_with("a plugin named");
    outcome.status = same_name ? LoadStatus::DuplicatePlugin : LoadStatus::DuplicateTaskType;
    outcome.message = std::move(clash);
  } else if (std::string error = init_once(plugin, host); !error.empty()) {
    outcome.status = LoadStatus::InitFailed;
    outcome.message = std::move(error);
  } else {
    for (const auto* type : plugin.task_types) providers_[type->name].push_back(&plugin);
    plugins_.push_back(std::move(opened.plugin));
  }
  outcomes_.push_back(std::move(outcome));
}

void PluginRegistry::check_bindings() {
  for (const auto& [type, name] : bindings_) {
    const LoadedPlugin* bound = nullptr;
    for (const auto& p : plugins_)
      if (p->name() == name) bound = p.get();
    std::string error;
    if (!bound) {
      error = "no loaded plugin is named '" + name + "'";
      for (const auto& o : outcomes_)
        if (o.plugin_name == name && o.status != LoadStatus::Loaded)
          error = "plugin '" + name + "' (" + o.path.string() + ") was refused: " + o.message;
    } else if (!bound->task_type(type)) {
      error = describe(*bound) + " does not provide task type '" + type + "'";
    }
    if (error.empty()) continue;
    error = "--plugin " + type + "=" + name + ": " + error;
    broken_bindings_[type] = error;
    binding_errors_.push_back(std::move(error));
  }
}

TypeLookup PluginRegistry::find(std::string_view type) const {
  if (auto broken = broken_bindings_.find(type); broken != broken_bindings_.end())
    return {nullptr, nullptr, broken->second};
  auto it = providers_.find(type);
  if (it == providers_.end())
    return {nullptr, nullptr,
            "no loaded plugin provides task type '" + std::string(type) +
                "' (see 'taskweave plugins' for what was found and refused)"};
  const LoadedPlugin* chosen = it->second.front();
  if (auto bound = bindings_.find(type); bound != bindings_.end())
    for (const auto* p : it->second)
      if (p->name() == bound->second) chosen = p;
  return {chosen, chosen->task_type(type), ""};
}

std::vector<std::string> PluginRegistry::task_types() const {
  std::vector<std::string> out;
  for (const auto& [type, providers] : providers_) out.push_back(type);
  return out;
}

}  // namespace taskweave::plugin_host
