// The configuration file (`--config F`, docs/configuration.md): INI sections with key = value
// lines. The kernel reads its own keys (run limits, pools, recovery strategies, plugin
// directories and bindings); every key, its own included, is also served to plugins through the
// host's config() as "section.key" (e.g. "email.smtp.url").
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expr/result.h"

namespace taskweave::run {

enum class RecoveryStrategy { Restart, FailAndContinue };

class RunConfig {
 public:
  // Built-in defaults only (what config/taskweave.ini ships).
  RunConfig();
  // Reads a file over the defaults. Errors name the file and line.
  static expr::Result<RunConfig> load(const std::filesystem::path& path);
  static expr::Result<RunConfig> parse(std::string_view text, const std::string& source_name);

  // "section.key", case-insensitive; nullopt when unset.
  std::optional<std::string> get(std::string_view key) const;
  // Keys of a section, in file order, with their values.
  std::vector<std::pair<std::string, std::string>> section(std::string_view name) const;
  // Stable pointer for the plugin ABI (valid as long as this object); null when unset.
  const char* c_str(std::string_view key) const;

  // 0 means "the number of cores".
  std::size_t max_parallel() const;
  std::size_t abort_timeout_seconds() const;
  std::size_t task_log_max_bytes() const;
  std::vector<std::pair<std::string, std::size_t>> pools() const;  // [pools] Type = N
  std::vector<std::string> suspend_types() const;
  RecoveryStrategy recovery_strategy(std::string_view task_type) const;  // [recovery] Type = ...
  std::vector<std::string> plugin_dirs() const;  // [plugins] dirs, relative to the file
  std::vector<std::pair<std::string, std::string>> bindings() const;  // [bindings] Type = plugin
  const std::filesystem::path& directory() const { return directory_; }

 private:
  static std::optional<std::string> parse_into(RunConfig& config, std::string_view text,
                                               const std::string& source_name);
  std::optional<std::string> set(const std::string& key, std::string value);
  std::size_t number(std::string_view key, std::size_t fallback) const;

  std::map<std::string, std::string> values_;               // upper-cased key -> value
  std::vector<std::pair<std::string, std::string>> order_;  // key as written, in order
  std::filesystem::path directory_;
};

}  // namespace taskweave::run
