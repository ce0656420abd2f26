// Runs the real `taskweave` binary (TW_CLI) with the testkit plugin for end-to-end kernel
// tests. Processes, scratch directories and the events reader are the shared ones of
// tests/support (run_process.h, temp_dir.h, json_events.h).
#pragma once

#include <string>
#include <vector>

#include "json_events.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::testing {

// TW_CLI followed by `args`: the argv of a CLI process (for BackgroundProcess).
std::vector<std::string> cli_argv(const std::vector<std::string>& args);

// Runs TW_CLI with `args` to the end, stdout and stderr captured.
ProcessResult run_cli(const std::vector<std::string>& args);

// Where the testkit plugin was built (for --plugins-dir).
std::string testkit_dir();

}  // namespace taskweave::testing
