// Signals as cancel requests (semantics.md §7): the first SIGINT or SIGTERM stops the run, the
// second aborts it; SIGUSR1 stops and SIGUSR2 aborts (what `taskweave stop|abort RUN_ID` send).
// The signals are blocked in the constructing thread (so in every thread started after it) and
// received by one thread with sigwait(), so the handler runs as ordinary code, not in a signal
// handler. A thread started before the signals were blocked could receive one and die of it
// (the default action), so `run` calls block_signals() first, before the state store, the
// orphan reaper or anything else starts a thread; a signal that arrives before the watcher
// exists waits for it.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "run/run_types.h"

namespace taskweave::run {

class SignalWatcher {
 public:
  using Handler = std::function<void(CancelKind kind, const std::string& reason)>;
  // Blocks the watched signals in the calling thread (and the threads it starts from now on).
  static void block_signals();
  explicit SignalWatcher(Handler handler);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void watch();

  Handler handler_;
  std::atomic<bool> quitting_{false};
  std::thread thread_;
};

}  // namespace taskweave::run
