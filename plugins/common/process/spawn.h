// Starting `/bin/sh -c TEXT` with posix_spawn in a new process group whose id is the shell's
// pid, stdin from /dev/null, stdout and stderr into one pipe, no other descriptor inherited,
// and default signal handling (the host may block or ignore SIGTERM/SIGPIPE; its children
// must not).
#pragma once

#include <sys/types.h>

#include <taskweave/sdk.hpp>

#include "common/process/process.h"

namespace taskweave::plugins::process {

struct Spawned {
  pid_t pid = -1;      // the shell; also the process group id
  int output_fd = -1;  // read end of the output pipe, non-blocking
  int pid_fd = -1;     // pidfd of the shell (readable when it exits), or -1 where unsupported
};

sdk::Expected<Spawned> spawn_shell(const Command& command);

}  // namespace taskweave::plugins::process
