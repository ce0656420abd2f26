// One taskweave-worker child: started with posix_spawn (vfork semantics, so a big host does not
// pay for fork()) in its own process group, with one end of a socketpair as fd 3 and no other
// inherited descriptor beyond stdin/stdout/stderr. The host keeps the other end and a pidfd, so it
// can poll for messages and for the child's death together.
//
//   auto worker = WorkerProcess::spawn("/usr/bin/taskweave-worker", {plugin_file, "Command"});
//   if (!worker) fail(worker.error());
//   poll({worker->socket(), worker->pidfd()}) ...
//   std::string how = worker->reap(std::chrono::seconds(2));  // "exited with code 0"
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "expr/result.h"

namespace taskweave::isolation {

class WorkerProcess {
 public:
  static expr::Result<WorkerProcess> spawn(const std::filesystem::path& program,
                                           const std::vector<std::string>& args);
  WorkerProcess(WorkerProcess&& other) noexcept;
  WorkerProcess& operator=(WorkerProcess&&) = delete;
  WorkerProcess(const WorkerProcess&) = delete;
  ~WorkerProcess();  // kills the process group and reaps the child if reap() was not called

  int socket() const { return socket_; }
  int pidfd() const { return pidfd_; }
  pid_t pid() const { return pid_; }

  // SIGKILL to the worker's process group (the worker and whatever it started in it).
  void kill_group() const;
  // Waits up to `grace` for the child to exit by itself, then kills its group; reaps it and
  // says how it ended: "exited with code 3", "died of SIGSEGV". Idempotent.
  std::string reap(std::chrono::milliseconds grace);
  bool reaped() const { return reaped_; }

 private:
  WorkerProcess(pid_t pid, int socket, int pidfd) : pid_(pid), socket_(socket), pidfd_(pidfd) {}

  pid_t pid_ = -1;
  int socket_ = -1;
  int pidfd_ = -1;
  bool reaped_ = false;
  std::string ending_;
};

// "SIGSEGV", "SIGABRT", or "signal 64".
std::string signal_name(int signal);

}  // namespace taskweave::isolation
