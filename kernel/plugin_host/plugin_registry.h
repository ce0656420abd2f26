// The plugins of one process and which of them serves each task type.
//
//   auto registry = PluginRegistry::load({plugin_search_path(inputs), bindings, &host_api});
//   for (const auto& o : registry.outcomes()) report(o);      // one per file, loaded or not
//   auto found = registry.find("Command");
//   if (!found) fail(found.error);  else found.type->create(...);
//
// Files are loaded serially in search-path order and one bad file never stops the others.
// Duplicate rules: a second plugin with an already loaded plugin *name* is refused; a plugin
// serving a task type that an earlier plugin already serves is refused as a whole
// (DuplicateTaskType, naming both files) -- unless a binding (`--plugin TYPE=PLUGIN`) names
// that type, in which case both load and the binding decides which one serves it. So the
// earlier directory in the search path wins by default, and a binding can pick any plugin.
#pragma once

#include <taskweave/abi.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugin_host/load_outcome.h"
#include "plugin_host/plugin_library.h"
#include "plugin_host/search_path.h"
#include "plugin_host/type_binding.h"

namespace taskweave::plugin_host {

struct RegistryOptions {
  std::vector<SearchDir> search_path;
  std::vector<TypeBinding> bindings;  // a later binding of the same type overrides an earlier one
  // Passed to each plugin's init(); must stay valid for the rest of the process. NULL means a
  // table with only struct_size and the ABI version set, which is all init() may use.
  const tw_host_api* host = nullptr;
};

struct TypeLookup {
  const LoadedPlugin* plugin = nullptr;
  const tw_task_type* type = nullptr;
  std::string error;  // set when nothing serves the type (or its binding is broken)
  explicit operator bool() const { return type != nullptr; }
};

class PluginRegistry {
 public:
  static PluginRegistry load(const RegistryOptions& options);

  // The directories searched, in order.
  const std::vector<SearchDir>& search_path() const { return search_path_; }
  // One outcome per candidate file (and per search directory that could not be read), in
  // search order.
  const std::vector<LoadOutcome>& outcomes() const { return outcomes_; }
  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const { return plugins_; }
  // Bindings that cannot be honoured: unknown plugin, plugin not loaded, type not provided.
  const std::vector<std::string>& binding_errors() const { return binding_errors_; }
  const std::map<std::string, std::string, std::less<>>& bindings() const { return bindings_; }

  TypeLookup find(std::string_view type) const;
  // Every task type some loaded plugin serves, sorted.
  std::vector<std::string> task_types() const;

 private:
  void add(OpenedPlugin opened, const tw_host_api* host);
  std::string duplicate_of(const LoadedPlugin& plugin) const;
  void check_bindings();

  std::vector<SearchDir> search_path_;
  std::vector<LoadOutcome> outcomes_;
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::map<std::string, std::string, std::less<>> bindings_;         // type -> plugin name
  std::map<std::string, std::string, std::less<>> broken_bindings_;  // type -> error
  std::vector<std::string> binding_errors_;
  std::map<std::string, std::vector<const LoadedPlugin*>, std::less<>> providers_;
};

}  // namespace taskweave::plugin_host
