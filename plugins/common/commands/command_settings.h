// How shell commands run, from the host configuration. Command tasks and the session's pre/post
// commands read the `command.*` keys; the session's command runner reads `session.*` (the
// prefix). docs/plugins/command.md lists the keys.
#pragma once

#include <taskweave/sdk.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taskweave::plugins::commands {

struct CommandSettings {
  std::string working_dir;  // absolute
  // The run's identity (TASKWEAVE_RUN_ID, TASKWEAVE_WORKFLOW, ...) and `<prefix>.env` entries.
  std::vector<std::pair<std::string, std::string>> environment;
  std::chrono::milliseconds timeout{0};  // per command; 0: none
  // SIGTERM -> SIGKILL; always shorter than the host's abort timeout (run.abort_timeout_seconds).
  std::chrono::milliseconds abort_grace{std::chrono::seconds(60)};
};

// Reads `<prefix>.working_dir`, `<prefix>.env` (+ `<prefix>.env.<NAME>`),
// `<prefix>.timeout_seconds` and `<prefix>.abort_grace_seconds`. Fails with a message naming
// the key and value when one is malformed.
sdk::Expected<CommandSettings> load_command_settings(const sdk::Context& ctx,
                                                     std::string_view prefix);

// A path from the configuration: relative ones are relative to the configuration file's
// directory (TW_DIR_CONFIG).
std::filesystem::path config_path(const sdk::Context& ctx, std::string_view text);

// Parses "12", "0.5": seconds >= 0, as milliseconds; nullopt when not such a number.
std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text);

}  // namespace taskweave::plugins::commands
