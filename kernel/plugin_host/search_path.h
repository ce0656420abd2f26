// Where plugins are looked for, in order, and which files there are candidates.
//
// Order (earlier wins when two plugins serve the same task type): the --plugins-dir options,
// TASKWEAVE_PLUGIN_PATH (colon-separated), the configuration's plugin directories, and
// ../lib/taskweave/plugins next to the executable -- where both the build tree and an install
// put the built-in plugins, so the two behave alike. Only files named taskweave-plugin-*.so are
// candidates; everything else in those directories is ignored.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "plugin_host/load_outcome.h"

namespace taskweave::plugin_host {

struct SearchDir {
  std::filesystem::path path;
  std::string origin;      // "--plugins-dir", "TASKWEAVE_PLUGIN_PATH", "configuration", "default"
  bool must_exist = true;  // false only for the default directory, which may be absent
};

struct SearchInputs {
  std::vector<std::string> cli_dirs;     // --plugins-dir values, in order
  std::string env_path;                  // TASKWEAVE_PLUGIN_PATH ("" when unset)
  std::vector<std::string> config_dirs;  // already resolved against the config file's directory
  std::filesystem::path exe_dir;         // the running binary's directory ("" leaves it out)
};

// The directories to search, in order, relative ones made absolute, repeats removed.
std::vector<SearchDir> plugin_search_path(const SearchInputs& inputs);

// TASKWEAVE_PLUGIN_PATH from the environment, "" when unset.
std::string plugin_path_from_environment();

// The built-in plugin directory for a binary in `exe_dir`: exe_dir/../lib/taskweave/plugins.
std::filesystem::path default_plugin_dir(const std::filesystem::path& exe_dir);

bool is_plugin_file_name(const std::string& file_name);

struct Candidate {
  std::filesystem::path file;
  std::filesystem::path dir;  // the search directory it was found in
};

struct Candidates {
  std::vector<Candidate> files;       // in search order, sorted by name within a directory
  std::vector<LoadOutcome> problems;  // directories that could not be read
};

// Lists the candidate files; a file reached twice (same directory listed twice, symlinks) is
// listed once, at its first position.
Candidates find_candidates(const std::vector<SearchDir>& search_path);

}  // namespace taskweave::plugin_host
