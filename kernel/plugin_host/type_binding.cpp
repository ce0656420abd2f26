#include "plugin_host/type_binding.h"

#include "plugin_host/descriptor_check.h"

namespace taskweave::plugin_host {

ParsedBinding parse_type_binding(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos)
    return {std::nullopt,
            "expected TYPE=PLUGIN (e.g. Session=acme-session), got '" + std::string(text) + "'"};
  std::string type(text.substr(0, eq));
  std::string plugin(text.substr(eq + 1));
  if (!is_valid_name(type.c_str()))
    return {std::nullopt, "'" + type + "' in '" + std::string(text) +
                              "' is not a valid task type name (letters, digits, '.', '_', '-')"};
  if (!is_valid_name(plugin.c_str()))
    return {std::nullopt, "'" + plugin + "' in '" + std::string(text) +
                              "' is not a valid plugin name (letters, digits, '.', '_', '-')"};
  return {TypeBinding{std::move(type), std::move(plugin)}, ""};
}

}  // namespace taskweave::plugin_host
