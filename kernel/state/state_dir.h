// Where the state database lives when --state-dir is not given (docs/state.md):
// $TASKWEAVE_STATE_DIR, else $XDG_STATE_HOME/taskweave, else ~/.local/state/taskweave.
// Every command that reads or writes run state (run, recover, stop, abort, history, show)
// resolves it through this one function.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "expr/result.h"

namespace taskweave::state {

// `flag` is the --state-dir value, if given; it wins over the environment. Errors only when
// nothing is set and there is no home directory.
expr::Result<std::filesystem::path> resolve_state_dir(const std::optional<std::string>& flag);

}  // namespace taskweave::state
