// `taskweave plugins`: the plugin search path, every plugin found with what it provides, every
// refused file with the reason, and which plugin serves each task type. Refused files are part
// of the listing, not a failure: the exit status is 0 unless the options are malformed.
#include <Poco/Util/Option.h>

#include <ostream>
#include <string>

#include "plugin_host/plugin_registry.h"
#include "plugin_options.h"
#include "subcommand.h"
#include "util/json_writer.h"

namespace taskweave::cli {
namespace {

namespace ph = taskweave::plugin_host;

std::string abi_of(const ph::LoadedPlugin& p) {
  return std::to_string(p.descriptor->abi_major) + "." + std::to_string(p.descriptor->abi_minor);
}

bool is_bound(const ph::PluginRegistry& registry, const std::string& type) {
  return registry.bindings().count(type) > 0;
}

void print_text(const ph::PluginRegistry& registry, std::ostream& out) {
  out << "Search path:\n";
  for (const auto& dir : registry.search_path())
    out << "  " << dir.path.string() << " (" << dir.origin << ")\n";

  out << "\nLoaded plugins:\n";
  if (registry.plugins().empty()) out << "  (none)\n";
  for (const auto& p : registry.plugins()) {
    out << "  " << p->name() << " " << p->version() << " (" << p->vendor() << ", ABI " << abi_of(*p)
        << ")\n    " << p->path.string() << "\n";
    for (const auto* t : p->task_types)
      out << "    " << t->name << (t->summary && *t->summary ? ": " : "")
          << (t->summary ? t->summary : "") << "\n";
  }

  size_t refused = 0;
  for (const auto& o : registry.outcomes()) {
    if (o.status == ph::LoadStatus::Loaded) continue;
    if (refused++ == 0) out << "\nRefused:\n";
    out << "  " << o.path.string() << "\n    " << ph::status_label(o.status) << ": " << o.message
        << "\n";
  }

  out << "\nTask types:\n";
  if (registry.task_types().empty()) out << "  (none)\n";
  for (const auto& type : registry.task_types()) {
    ph::TypeLookup found = registry.find(type);
    out << "  " << type << " -> "
        << (found ? std::string(found.plugin->name()) + (is_bound(registry, type) ? " (bound)" : "")
                  : "unresolved")
        << "\n";
  }
  for (const auto& error : registry.binding_errors()) out << "  error: " << error << "\n";

  out << "\n" << registry.plugins().size() << " plugin(s) loaded, " << refused << " refused.\n";
}

void print_json(const ph::PluginRegistry& registry, std::ostream& out) {
  util::JsonWriter w(out, 2);
  w.begin_object().key("search_path").begin_array();
  for (const auto& dir : registry.search_path())
    w.begin_object()
        .key("path")
        .value(dir.path.string())
        .key("origin")
        .value(dir.origin)
        .end_object();
  w.end_array().key("plugins").begin_array();
  for (const auto& p : registry.plugins()) {
    w.begin_object().key("name").value(p->name()).key("version").value(p->version());
    w.key("vendor").value(p->vendor()).key("path").value(p->path.string());
    w.key("abi").value(abi_of(*p)).key("task_types").begin_array();
    for (const auto* t : p->task_types)
      w.begin_object()
          .key("name")
          .value(t->name)
          .key("summary")
          .value(t->summary ? t->summary : "")
          .end_object();
    w.end_array().end_object();
  }
  w.end_array().key("refused").begin_array();
  for (const auto& o : registry.outcomes()) {
    if (o.status == ph::LoadStatus::Loaded) continue;
    w.begin_object()
        .key("path")
        .value(o.path.string())
        .key("status")
        .value(ph::status_name(o.status));
    w.key("message").value(o.message).key("plugin");
    o.plugin_name.empty() ? w.null() : w.value(o.plugin_name);
    w.end_object();
  }
  w.end_array().key("task_types").begin_array();
  for (const auto& type : registry.task_types()) {
    ph::TypeLookup found = registry.find(type);
    w.begin_object().key("name").value(type).key("plugin");
    found ? w.value(found.plugin->name()) : w.null();
    w.key("bound").value(is_bound(registry, type)).end_object();
  }
  w.end_array().key("binding_errors").begin_array();
  for (const auto& error : registry.binding_errors()) w.value(error);
  w.end_array().end_object();
  out << "\n";
}

void define_options(Poco::Util::OptionSet& options) {
  define_plugin_options(options);
  options.addOption(Poco::Util::Option("config", "",
                                       "Also use the plugin directories and bindings of the "
                                       "configuration FILE, as `run --config FILE` would.")
                        .argument("FILE"));
  options.addOption(Poco::Util::Option("json", "", "Print the listing as JSON."));
}

int run(const Invocation& invocation) {
  if (!invocation.positional.empty())
    return usage_error(invocation, "plugins",
                       "unexpected argument '" + invocation.positional.front() + "'");
  LoadedPlugins loaded = load_plugins(invocation);
  if (!loaded.registry) return usage_error(invocation, "plugins", loaded.usage_error);
  if (invocation.has("json"))
    print_json(*loaded.registry, invocation.out);
  else
    print_text(*loaded.registry, invocation.out);
  return kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"plugins",
               "[--plugins-dir DIR]... [--plugin TYPE=PLUGIN]... [--config FILE] [--json]",
               "List the plugins found, what they provide, and why any file was refused",
               define_options, run});

}  // namespace taskweave::cli
