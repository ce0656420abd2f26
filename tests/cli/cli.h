// Runs the real built `taskweave` binary for CLI tests, with TASKWEAVE_PLUGIN_PATH removed
// from its environment so the plugin search path is exactly what the test says.
#pragma once

#include <string>
#include <vector>

#include "run_process.h"

namespace taskweave::cli::testing {

inline taskweave::testing::ProcessResult taskweave_cli(
    std::vector<std::string> args, taskweave::testing::ProcessOptions options = {}) {
  args.insert(args.begin(), TW_CLI);
  options.unset_env.push_back("TASKWEAVE_PLUGIN_PATH");
  return taskweave::testing::run_process(args, options);
}

// Number of lines in `text` (a last line without '\n' counts).
inline size_t line_count(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

}  // namespace taskweave::cli::testing
