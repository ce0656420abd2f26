// End-to-end plugin tests: runs a workflow export (workflow_export.h) through the real
// `taskweave run` (TW_CLI) with the built plugins (TW_PLUGIN_DIR) and reads back its
// --json-events (tests/support/json_events.h). Include only from tw_add_plugin_test targets
// (they define TW_CLI and TW_PLUGIN_DIR) linked with tw_test_support. Header-only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "json_events.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::testing {

// The argv of `taskweave run` for `dir`/wf.xml with `dir`/taskweave.ini, state and logs in
// `dir`, events to `dir`/events.jsonl (for BackgroundProcess too, with cli_run_options).
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

// `options` for a run in `dir`: its work directory (commands write relative paths there) and
// only the plugins of TW_PLUGIN_DIR.
inline ProcessOptions cli_run_options(const std::filesystem::path& dir,
                                      ProcessOptions options = {}) {
  options.unset_env.push_back("TASKWEAVE_PLUGIN_PATH");
  if (options.cwd.empty()) options.cwd = dir;
  return options;
}

struct WorkflowRun {
  ProcessResult process;
  RunEvents events;  // read from dir/events.jsonl
};

// Writes the export and configuration into `dir` and runs them to the end; the events are this
// run's alone (the CLI appends to an events file). `timeout`
// (coreutils) bounds the run so a hang fails the test instead of the suite.
inline WorkflowRun run_workflow(const std::filesystem::path& dir, const std::string& export_xml,
                                const std::string& config_ini,
                                const std::vector<std::string>& extra_args = {},
                                const ProcessOptions& options = {}) {
  write_file(dir / "wf.xml", export_xml);
  write_file(dir / "taskweave.ini", config_ini);
  std::filesystem::remove(dir / "events.jsonl");
  std::vector<std::string> argv = {"timeout", "-k", "5", "60"};
  for (auto& arg : cli_run_args(dir)) argv.push_back(arg);
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  WorkflowRun run;
  run.process = run_process(argv, cli_run_options(dir, options));
  run.events = RunEvents::read(dir / "events.jsonl");
  return run;
}

}  // namespace taskweave::testing
