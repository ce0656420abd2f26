// Runs the real `taskweave run` (TW_CLI, with the built plugins of TW_PLUGIN_DIR) on a workflow
// export written to a scratch directory, with a configuration file and --json-events, for
// plugin tests that check real effects end to end. Include only from tw_add_plugin_test targets
// (they define TW_CLI and TW_PLUGIN_DIR) linked with tw_test_support.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::testing {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
  std::string events;  // the --json-events lines

  // The task_finished event of the task at `path` ("" when there is none).
  std::string finished(const std::string& path) const {
    std::istringstream lines(events);
    for (std::string line; std::getline(lines, line);)
      if (line.find("\"event\":\"task_finished\"") != std::string::npos &&
          line.find("\"task\":\"" + path + "\"") != std::string::npos)
        return line;
    return "";
  }
};

// The arguments of `taskweave run` for `dir`/wf.xml with `dir`/taskweave.ini, state and logs
// in `dir`, events to `dir`/events.jsonl.
inline std::vector<std::string> cli_run_args(const std::filesystem::path& dir) {
  return {TW_CLI,
          "run",
          (dir / "wf.xml").string(),
          "--config",
          (dir / "taskweave.ini").string(),
          "--plugins-dir",
          TW_PLUGIN_DIR,
          "--state-dir",
          (dir / "state").string(),
          "--log-dir",
          (dir / "logs").string(),
          "--json-events=" + (dir / "events.jsonl").string(),
          "--quiet"};
}

// Writes the export and configuration into `dir` and runs them to the end.
inline CliRun run_workflow(const std::filesystem::path& dir, const std::string& export_xml,
                           const std::string& config_ini,
                           const std::vector<std::string>& extra_args = {}) {
  write_file(dir / "wf.xml", export_xml);
  write_file(dir / "taskweave.ini", config_ini);
  auto args = cli_run_args(dir);
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  ProcessOptions options;
  options.unset_env.push_back("TASKWEAVE_PLUGIN_PATH");
  options.cwd = dir;
  ProcessResult result = run_process(args, options);
  return {result.exit_code, result.out, result.err + result.spawn_error,
          read_file(dir / "events.jsonl")};
}

}  // namespace taskweave::testing
