// Looking after a command's process group once its shell has been spawned: signalling it,
// telling whether anything of it still runs, and reaping what was handed to us.
#pragma once

#include <sys/types.h>

namespace taskweave::plugins::process {

// Sends `signal` to every process of the group (ignoring a group that is already gone).
void signal_group(pid_t group, int signal);

// Reaps every exited process of the group that is our child. Call it only after the shell has
// been reaped by pid (it would take the shell's exit status otherwise). The shell's children
// become ours only when the host is a child subreaper (PR_SET_CHILD_SUBREAPER), and reaping
// them here is what keeps such a host free of zombies.
void reap_group(pid_t group);

// True while some process of the group is alive (zombies, which only wait for their parent to
// reap them, do not count). Cheap when the group is empty: one kill(-group, 0).
bool group_alive(pid_t group);

}  // namespace taskweave::plugins::process
