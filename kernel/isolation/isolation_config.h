// Which task types run out of process, from the configuration and the command line:
//
//   [isolation]
//   types = Session, acme.http_get        (comma-separated; case-insensitive type names)
//
// plus every `--isolate TYPE`. The worker binary is `taskweave-worker` in the directory of the
// running `taskweave` (where both the build tree and an install put it).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "expr/result.h"
#include "plugin_host/plugin_registry.h"
#include "run/run_config.h"
#include "run/run_session.h"

namespace taskweave::isolation {

// [isolation] types, then the --isolate values, without repeats.
std::vector<std::string> isolated_types(const run::RunConfig& config,
                                        const std::vector<std::string>& cli_types);

// The runner choice for RunSetup::runner: empty when no type is isolated; an error when some
// is but the worker binary is missing (nothing has run yet, so the run can refuse cleanly).
// `plugins` must outlive the run.
expr::Result<run::RunnerFactory> runner_factory(const run::RunConfig& config,
                                                const std::vector<std::string>& cli_types,
                                                const std::filesystem::path& exe_dir,
                                                const plugin_host::PluginRegistry* plugins,
                                                std::chrono::milliseconds abort_timeout);

}  // namespace taskweave::isolation
