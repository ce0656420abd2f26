#include "plugin_host/search_path.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace taskweave::plugin_host {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "taskweave-plugin-";
constexpr std::string_view kSuffix = ".so";

// A path's identity for de-duplication: canonical when it exists, else lexically normal.
fs::path identity(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::canonical(path, ec);
  return ec ? path.lexically_normal() : canonical;
}

void add_dir(std::vector<SearchDir>& out, std::set<fs::path>& seen, const std::string& dir,
             const char* origin, bool must_exist) {
  if (dir.empty()) return;
  std::error_code ec;
  fs::path path = fs::absolute(fs::path(dir), ec);
  if (ec) path = dir;
  if (!seen.insert(identity(path)).second) return;
  out.push_back(SearchDir{path.lexically_normal(), origin, must_exist});
}

}  // namespace

std::vector<SearchDir> plugin_search_path(const SearchInputs& inputs) {
  std::vector<SearchDir> out;
  std::set<fs::path> seen;
  for (const auto& d : inputs.cli_dirs) add_dir(out, seen, d, "--plugins-dir", true);
  std::string_view env = inputs.env_path;
  while (!env.empty()) {
    auto colon = env.find(':');
    add_dir(out, seen, std::string(env.substr(0, colon)), "TASKWEAVE_PLUGIN_PATH", true);
    env = colon == std::string_view::npos ? std::string_view() : env.substr(colon + 1);
  }
  for (const auto& d : inputs.config_dirs) add_dir(out, seen, d, "configuration", true);
  if (!inputs.exe_dir.empty())
    add_dir(out, seen, default_plugin_dir(inputs.exe_dir).string(), "default", false);
  return out;
}

std::string plugin_path_from_environment() {
  const char* value = std::getenv("TASKWEAVE_PLUGIN_PATH");
  return value ? value : "";
}

fs::path default_plugin_dir(const fs::path& exe_dir) {
  return (exe_dir / ".." / TW_PLUGIN_RELDIR).lexically_normal();
}

bool is_plugin_file_name(const std::string& name) {
  return name.size() > kPrefix.size() + kSuffix.size() && name.starts_with(kPrefix) &&
         name.ends_with(kSuffix);
}

Candidates find_candidates(const std::vector<SearchDir>& search_path) {
  Candidates out;
  std::set<fs::path> seen;
  for (const auto& dir : search_path) {
    std::error_code ec;
    if (!fs::is_directory(dir.path, ec)) {
      if (dir.must_exist)
        out.problems.push_back(
            {dir.path, LoadStatus::CannotOpen,
             "the plugin directory (from " + dir.origin + ") " +
                 (fs::exists(dir.path, ec) ? "is not a directory" : "does not exist"),
             ""});
      continue;
    }
    std::vector<fs::path> files;
    fs::directory_iterator it(dir.path, ec), end;
    for (; !ec && it != end; it.increment(ec))
      if (is_plugin_file_name(it->path().filename().string())) files.push_back(it->path());
    if (ec) {
      out.problems.push_back(
          {dir.path, LoadStatus::CannotOpen,
           "cannot list the plugin directory (from " + dir.origin + "): " + ec.message(), ""});
      continue;
    }
    std::sort(files.begin(), files.end());
    for (auto& file : files)
      if (seen.insert(identity(file)).second) out.files.push_back({std::move(file), dir.path});
  }
  return out;
}

}  // namespace taskweave::plugin_host
