#include "session/connections.h"

#include <algorithm>

#include "common/commands/command_settings.h"
#include "common/text.h"

namespace taskweave::plugins::session {
namespace {

namespace fs = std::filesystem;

void add_unique(std::vector<std::string>& names, std::string name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(std::move(name));
}

std::string name_of_reference(const sdk::Context& ctx, const sdk::Node& reference) {
  std::string_view name = trim(reference.attribute("CONNECTIONNAME").value_or(""));
  if (!name.empty()) return std::string(name);
  std::string_view variable = trim(reference.attribute("VARIABLE").value_or(""));
  if (variable.empty()) return "";
  auto resolved = ctx.expand(variable);
  // Still a `$` reference: the parameter file does not set it.
  if (!resolved || trim(*resolved).empty() || trim(*resolved).starts_with('$')) return "";
  return std::string(trim(*resolved));
}

// Adds the connection names of `element`'s SESSIONEXTENSIONs whose TYPE is (or, with
// `writers` false, is not) WRITER.
void collect(const sdk::Context& ctx, const sdk::Node& element, bool writers,
             std::vector<std::string>& names) {
  element.for_each("SESSIONEXTENSION", [&](const sdk::Node& extension) {
    if ((extension.attribute("TYPE") == "WRITER") != writers) return;
    extension.for_each("CONNECTIONREFERENCE", [&](const sdk::Node& reference) {
      add_unique(names, name_of_reference(ctx, reference));
    });
  });
}

}  // namespace

std::vector<std::string> connection_names(const sdk::Context& ctx) {
  std::vector<std::string> names;
  for (bool writers : {true, false}) {
    collect(ctx, ctx.instance(), writers, names);
    collect(ctx, ctx.definition(), writers, names);
  }
  return names;
}

sdk::Expected<DatabaseChoice> choose_database(const sdk::Context& ctx,
                                              const SessionSettings& settings,
                                              const std::vector<std::string>& connections) {
  std::string tried;
  for (const auto& name : connections) {
    std::string key = "connection." + name + ".sqlite";
    tried += key + ", ";
    if (auto path = ctx.config(key.c_str())) {
      auto expanded = ctx.expand(trim(*path));
      if (!expanded)
        return sdk::Expected<DatabaseChoice>::failure("cannot expand " + key + ": " +
                                                      expanded.error());
      return DatabaseChoice{commands::config_path(ctx, *expanded), key};
    }
  }
  if (auto setting = settings.find("sqlite.database")) {
    auto expanded = ctx.expand(trim(setting->value));
    if (!expanded)
      return sdk::Expected<DatabaseChoice>::failure("cannot expand " + setting->key + ": " +
                                                    expanded.error());
    return DatabaseChoice{commands::config_path(ctx, *expanded), setting->key};
  }
  return sdk::Expected<DatabaseChoice>::failure(
      "no SQLite database configured for the session: set one of " + tried +
      settings.keys_tried("sqlite.database"));
}

}  // namespace taskweave::plugins::session
