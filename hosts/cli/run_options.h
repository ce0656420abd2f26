// Options `run` and `recover` share: configuration, plugins, limits, directories and outputs.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <optional>
#include <string>

#include "run/launch.h"
#include "subcommand.h"

namespace taskweave::cli {

// --config, --plugins-dir, --plugin, --max-parallel, --state-dir, --log-dir,
// --json-events[=PATH], --quiet.
void define_run_options(Poco::Util::OptionSet& options);
// Fills the shared fields; an error message for a malformed value.
std::optional<std::string> fill_run_request(const Invocation& invocation,
                                            run::LaunchRequest& request);

}  // namespace taskweave::cli

namespace taskweave::cli {

// `taskweave stop|abort RUN_ID`: asks the process running RUN_ID (recorded in the state store)
// to stop or abort it, with SIGUSR1 or SIGUSR2, and notes the request in the run's journal.
int signal_run(const Invocation& invocation, const char* command, bool abort);
void define_signal_options(Poco::Util::OptionSet& options);

}  // namespace taskweave::cli
