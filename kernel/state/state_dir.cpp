#include "state/state_dir.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace taskweave::state {
namespace {

std::optional<std::string> non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

std::optional<std::string> home_dir() {
  if (auto home = non_empty_env("HOME")) return home;
  // No HOME (cron, some service managers): ask the password database.
  if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_dir && *entry->pw_dir)
    return std::string(entry->pw_dir);
  return std::nullopt;
}

}  // namespace

expr::Result<std::filesystem::path> resolve_state_dir(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return std::filesystem::path(*flag);
  if (auto dir = non_empty_env("TASKWEAVE_STATE_DIR")) return std::filesystem::path(*dir);
  if (auto xdg = non_empty_env("XDG_STATE_HOME")) return std::filesystem::path(*xdg) / "taskweave";
  if (auto home = home_dir()) return std::filesystem::path(*home) / ".local/state/taskweave";
  return expr::Error{
      "no state directory: give --state-dir or set TASKWEAVE_STATE_DIR (HOME is not set)"};
}

}  // namespace taskweave::state
