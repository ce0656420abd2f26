#include "plugin_host/plugin_library.h"

#include <dlfcn.h>

// Boost 1.74's DLL headers use std::vector and std::string without including them.
#include <string>
#include <vector>

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "plugin_host/crash_notice.h"
#include "plugin_host/descriptor_check.h"
#include "plugin_host/elf_exports.h"
#include "plugin_host/file_trust.h"

namespace taskweave::plugin_host {
namespace {

namespace dll = boost::dll;
using EntryFn = const tw_plugin_descriptor*(uint32_t, uint32_t);

constexpr std::string_view kEntryPrefix = "tw_plugin_entry_v";

OpenedPlugin refuse(const Candidate& c, LoadStatus status, std::string message,
                    std::string plugin_name = "") {
  return {LoadOutcome{c.file, status, std::move(message), std::move(plugin_name)}, nullptr};
}

// Without our entry symbol, a plugin for another ABI major still exports its own
// tw_plugin_entry_v<N>: name that version instead of calling the file "not a plugin".
OpenedPlugin refuse_without_entry(const Candidate& c, const std::vector<std::string>& symbols) {
  for (const auto& s : symbols) {
    if (!s.starts_with(kEntryPrefix)) continue;
    const std::string major = s.substr(kEntryPrefix.size());
    if (major.empty() ||
        !std::all_of(major.begin(), major.end(), [](unsigned char ch) { return std::isdigit(ch); }))
      continue;
    const bool older = major.size() < 2 && std::stoi(major) < TW_ABI_MAJOR;
    return refuse(
        c, older ? LoadStatus::AbiTooOld : LoadStatus::AbiTooNew,
        "exports " + s + " instead of " TW_PLUGIN_ENTRY_SYMBOL ": built for plugin ABI " + major +
            ".x, but this host supports ABI " + std::to_string(TW_ABI_MAJOR) + "." +
            std::to_string(TW_ABI_MINOR) +
            (older ? ": rebuild the plugin against this taskweave's SDK" : ": upgrade taskweave"));
  }
  return refuse(c, LoadStatus::NotAPlugin,
                "does not export " TW_PLUGIN_ENTRY_SYMBOL
                ", so it is not a taskweave plugin (plugins define it with TASKWEAVE_PLUGIN(...) "
                "from <taskweave/sdk.hpp>)");
}

// The plugin's name, when the descriptor was refused for a reason that still lets us trust
// where the name is (same ABI major, large enough struct); "" otherwise.
std::string name_if_readable(const tw_plugin_descriptor* d, LoadStatus status) {
  const bool same_layout = status == LoadStatus::AbiHashMismatch ||
                           (status == LoadStatus::AbiTooNew && d->abi_major == TW_ABI_MAJOR);
  const size_t name_end = offsetof(tw_plugin_descriptor, name) + sizeof(d->name);
  if (!same_layout || d->struct_size < name_end || !d->name || !is_valid_name(d->name)) return "";
  return d->name;
}

}  // namespace

const tw_task_type* LoadedPlugin::task_type(std::string_view type) const {
  for (const auto* t : task_types)
    if (type == t->name) return t;
  return nullptr;
}

OpenedPlugin open_plugin(const Candidate& c) {
  if (std::string reason = untrusted_reason(c.file, c.dir); !reason.empty())
    return refuse(c, LoadStatus::Insecure, reason);

  ElfExports exports = read_elf_exports(c.file);
  if (!exports.error.empty()) return refuse(c, LoadStatus::NotAPlugin, exports.error);
  if (std::find(exports.symbols.begin(), exports.symbols.end(), TW_PLUGIN_ENTRY_SYMBOL) ==
      exports.symbols.end())
    return refuse_without_entry(c, exports.symbols);

  // RTLD_NODELETE: even if every handle is dropped, the code stays mapped, because task objects
  // and strings the plugin handed out may outlive any one registry.
  const auto mode = dll::load_mode::rtld_now | dll::load_mode::rtld_local |
                    static_cast<dll::load_mode::type>(RTLD_NODELETE);
  auto library = std::make_shared<dll::shared_library>();
  std::error_code ec;
  ::dlerror();  // clear a stale message so the one read below is about this file
  {
    CrashNotice notice(c.file, "its static constructors (dlopen)");
    library->load(c.file, mode, ec);
  }
  if (ec || !library->is_loaded()) {
    const char* why = ::dlerror();
    return refuse(c, LoadStatus::CannotOpen,
                  std::string("dlopen failed: ") + (why ? why : ec.message().c_str()));
  }
  if (!library->has(TW_PLUGIN_ENTRY_SYMBOL))
    return refuse(c, LoadStatus::NotAPlugin, "dlsym cannot find " TW_PLUGIN_ENTRY_SYMBOL);

  auto& entry = library->get<EntryFn>(TW_PLUGIN_ENTRY_SYMBOL);
  const tw_plugin_descriptor* descriptor = nullptr;
  {
    CrashNotice notice(c.file, "its entry point");
    descriptor = entry(TW_ABI_MAJOR, TW_ABI_MINOR);
  }
  DescriptorVerdict verdict = check_descriptor(descriptor);
  if (verdict.status != LoadStatus::Loaded)
    return refuse(c, verdict.status, verdict.message, name_if_readable(descriptor, verdict.status));

  auto plugin = std::make_unique<LoadedPlugin>();
  plugin->path = c.file;
  plugin->descriptor = descriptor;
  plugin->task_types = task_types_of(*descriptor);
  plugin->library = std::move(library);
  return {LoadOutcome{c.file, LoadStatus::Loaded, "", descriptor->name}, std::move(plugin)};
}

}  // namespace taskweave::plugin_host
