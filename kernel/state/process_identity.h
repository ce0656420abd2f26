// Which process runs a workflow, identified well enough to tell later whether it is still
// alive: a pid alone is not enough, since pids are reused and a state directory may be shared
// between hosts. The process's start time (in clock ticks since boot) and the boot id make a
// reused pid or a reboot visible.
#pragma once

#include <cstdint>
#include <string>

namespace taskweave::state {

struct ProcessIdentity {
  int pid = 0;
  std::string host;
  std::string boot_id;            // /proc/sys/kernel/random/boot_id
  std::uint64_t start_ticks = 0;  // field 22 of /proc/<pid>/stat
};

enum class Liveness { Alive, Gone, Unknown };  // Unknown: recorded on another host

// The identity of a live process of this host (pid 0 or a vanished pid gives start_ticks 0).
ProcessIdentity identify_process(int pid);
// Alive when the same process (same host, boot and start time) still exists and is not a
// zombie; Gone when it has exited (or the pid now belongs to another process); Unknown when
// the process ran on another host, where this one cannot look.
Liveness liveness(const ProcessIdentity& process);

std::string this_host();

}  // namespace taskweave::state
