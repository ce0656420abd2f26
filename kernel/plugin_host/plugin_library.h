// Opens one candidate file as a plugin: trust check, ELF export check (before any of its code
// runs), dlopen with RTLD_NOW | RTLD_LOCAL, entry point, descriptor check. Registry-wide rules
// (duplicate names and task types, init) are PluginRegistry's.
#pragma once

#include <taskweave/abi.h>

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "plugin_host/load_outcome.h"
#include "plugin_host/search_path.h"

namespace taskweave::plugin_host {

// A plugin library whose descriptor was accepted. The library is never unloaded: it is opened
// with RTLD_NODELETE and its handle is kept, so the descriptor and every function and string it
// points to stay valid for the life of the process.
struct LoadedPlugin {
  std::filesystem::path path;
  const tw_plugin_descriptor* descriptor = nullptr;
  std::vector<const tw_task_type*> task_types;
  std::shared_ptr<const void> library;  // keeps the Boost.DLL handle (kept out of this header)

  std::string_view name() const { return descriptor->name; }
  std::string_view version() const { return descriptor->version; }
  std::string_view vendor() const { return descriptor->vendor; }
  // The task type named `type`, or nullptr.
  const tw_task_type* task_type(std::string_view type) const;
};

struct OpenedPlugin {
  LoadOutcome outcome;  // status Loaded exactly when `plugin` is set
  std::unique_ptr<LoadedPlugin> plugin;
};

OpenedPlugin open_plugin(const Candidate& candidate);

}  // namespace taskweave::plugin_host
