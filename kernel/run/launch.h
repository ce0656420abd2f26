// Everything `taskweave run` and `taskweave recover` do besides parsing their options: load the
// configuration, the workflow, the parameter file and the plugins; open the state store; set
// up the run's directories, observers (state store, --json-events, terminal) and signals; run;
// and turn the final status into the exit code (cli-contract.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/xml_loader.h"

namespace taskweave::run {

struct LaunchRequest {
  std::string file;  // the export; for recover, taken from the run's record when empty
  model::Selection selection;
  std::optional<std::string> param_file;
  std::optional<std::string> config_file;
  std::optional<std::string> state_dir;
  std::optional<std::string> log_dir;
  std::optional<std::size_t> max_parallel;
  std::string run_instance;
  bool dry_run = false;
  std::vector<std::string> simulate;       // PATH=STATUS[:rows=N]
  std::optional<std::string> json_events;  // "" = stdout, else a file path
  bool quiet = false;
  std::vector<std::string> plugin_dirs;      // --plugins-dir, in order
  std::vector<std::string> plugin_bindings;  // --plugin TYPE=PLUGIN
  std::vector<std::string> isolate;          // --isolate TYPE (docs/isolation.md)
  std::filesystem::path exe_dir;
  std::optional<std::string> recover_run_id;  // `recover RUN_ID`
};

// Exit codes (cli-contract.md): 0 succeeded, 1 failed, 2 invalid input or usage (nothing ran),
// 3 stopped or aborted, 4 suspended.
int launch(const LaunchRequest& request, std::ostream& out, std::ostream& err);

}  // namespace taskweave::run
