// Makes this process the reaper of orphaned descendants (PR_SET_CHILD_SUBREAPER) and reaps
// them, for `taskweave run` and `recover`. A command's shell may leave background processes
// behind; when the shell exits they would be re-parented to PID 1, which in a container is
// often a process that never reaps, so their zombies pile up. With the subreaper flag they
// are re-parented to taskweave instead, and this class waits for them.
//
// Plugins wait for their own children by pid (plugins/common/process, the isolation workers),
// so a blind waitpid(-1) would steal their exit status. While the run lasts, a sweep every
// half second reaps only zombie children that no plugin can be waiting for: those in another
// session than taskweave (setsid daemons), or in a process group that is neither their own
// nor taskweave's (left by a shell in its group). A plugin's direct child is in taskweave's
// session and leads its own group (posix_spawn with POSIX_SPAWN_SETPGROUP) or is in
// taskweave's group. What is left (an orphan that leads its own group in our session) is
// reaped by the final sweep, when the run is over and no plugin waits any more.
//
//   OrphanReaper reaper;         // before the run session
//   { RunSession session(...); session.run(); }
//   // ~OrphanReaper: stops the sweeps, reaps every zombie child left
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace taskweave::run {

class OrphanReaper {
 public:
  OrphanReaper();
  ~OrphanReaper();
  OrphanReaper(const OrphanReaper&) = delete;
  OrphanReaper& operator=(const OrphanReaper&) = delete;

  // Reaps the zombie children no plugin can be waiting for; how many it reaped.
  static int sweep_orphans();
  // Reaps every zombie child (no plugin may be waiting); how many it reaped.
  static int sweep_all();

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace taskweave::run
