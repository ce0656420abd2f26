#include "common/commands/command_settings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "common/text.h"

namespace taskweave::plugins::commands {
namespace {

namespace fs = std::filesystem;
using Result = sdk::Expected<CommandSettings>;

// The host's abort timeout (semantics.md §7), used when `<prefix>.abort_grace_seconds` is unset.
constexpr const char* kHostAbortTimeoutKey = "run.abort_timeout_seconds";

std::string key_of(std::string_view prefix, std::string_view name) {
  return std::string(prefix) + "." + std::string(name);
}

// Names listed in `<prefix>.env`, separated by commas or spaces.
std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> names;
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find_first_of(", \t", pos);
    if (end == std::string_view::npos) end = list.size();
    if (end > pos) names.emplace_back(list.substr(pos, end - pos));
    pos = end + 1;
  }
  return names;
}

bool valid_env_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

std::optional<std::string> load_environment(const sdk::Context& ctx, std::string_view prefix,
                                            CommandSettings& settings) {
  const auto& task = ctx.task();
  settings.environment = {{"TASKWEAVE_RUN_ID", task.run_id},
                          {"TASKWEAVE_WORKFLOW", task.workflow_name},
                          {"TASKWEAVE_FOLDER", task.folder_name},
                          {"TASKWEAVE_TASK", task.path}};
  std::string list_key = key_of(prefix, "env");
  auto list = ctx.config(list_key.c_str());
  if (!list) return std::nullopt;
  for (const auto& name : split_names(*list)) {
    if (!valid_env_name(name))
      return list_key + " lists \"" + name + "\", which is not a valid environment variable name";
    std::string value_key = list_key + "." + name;
    auto value = ctx.config(value_key.c_str());
    if (!value) return list_key + " lists " + name + " but " + value_key + " is not set";
    auto expanded = ctx.expand(*value);
    if (!expanded) return "cannot expand " + value_key + ": " + expanded.error();
    settings.environment.emplace_back(name, *expanded);
  }
  return std::nullopt;
}

std::optional<std::string> load_working_dir(const sdk::Context& ctx, std::string_view prefix,
                                            CommandSettings& settings) {
  std::string key = key_of(prefix, "working_dir");
  auto configured = ctx.config(key.c_str());
  if (!configured || is_blank(*configured)) {
    settings.working_dir = ctx.dir(TW_DIR_WORK);
    return std::nullopt;
  }
  auto expanded = ctx.expand(trim(*configured));
  if (!expanded) return "cannot expand " + key + ": " + expanded.error();
  settings.working_dir = config_path(ctx, *expanded).string();
  return std::nullopt;
}

// Reads a seconds key into `out` when set; returns an error message when malformed.
std::optional<std::string> load_seconds(const sdk::Context& ctx, const std::string& key,
                                        std::chrono::milliseconds& out) {
  auto text = ctx.config(key.c_str());
  if (!text) return std::nullopt;
  auto value = parse_seconds(trim(*text));
  if (!value) return key + " = \"" + *text + "\" is not a number of seconds (e.g. 30 or 0.5)";
  out = *value;
  return std::nullopt;
}

// The host abandons a task that has not ended this long after an abort: its commands must be
// SIGKILLed before then, or a process that ignores SIGTERM would outlive the run. Leaves a
// second (at most half the timeout) for the kill and the reaping.
std::chrono::milliseconds within_host_timeout(std::chrono::milliseconds host_timeout) {
  return std::max(host_timeout / 2, host_timeout - std::chrono::milliseconds(1000));
}

}  // namespace

fs::path config_path(const sdk::Context& ctx, std::string_view text) {
  fs::path path(text);
  if (path.is_relative()) path = fs::path(ctx.dir(TW_DIR_CONFIG)) / path;
  return path.lexically_normal();
}

std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text) {
  double seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds) ||
      seconds < 0 || seconds > 1e9)
    return std::nullopt;
  return std::chrono::milliseconds(std::llround(seconds * 1000));
}

sdk::Expected<CommandSettings> load_command_settings(const sdk::Context& ctx,
                                                     std::string_view prefix) {
  CommandSettings settings;
  std::optional<std::string> error = load_working_dir(ctx, prefix, settings);
  if (!error) error = load_environment(ctx, prefix, settings);
  if (!error) error = load_seconds(ctx, key_of(prefix, "timeout_seconds"), settings.timeout);
  std::chrono::milliseconds host_timeout = settings.abort_grace;
  if (!error) error = load_seconds(ctx, kHostAbortTimeoutKey, host_timeout);
  settings.abort_grace = within_host_timeout(host_timeout);
  if (!error)
    error = load_seconds(ctx, key_of(prefix, "abort_grace_seconds"), settings.abort_grace);
  if (error) return Result::failure("configuration: " + *error);
  settings.abort_grace = std::min(settings.abort_grace, within_host_timeout(host_timeout));
  return settings;
}

}  // namespace taskweave::plugins::commands
