#include "run/signal_watcher.h"

#include <pthread.h>
#include <signal.h>

namespace taskweave::run {
namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGINT, SIGTERM, SIGUSR1, SIGUSR2}) sigaddset(&set, s);
  return set;
}

}  // namespace

void SignalWatcher::block_signals() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(Handler handler) : handler_(std::move(handler)) {
  block_signals();
  thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
  quitting_ = true;
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
  // The signals stay blocked: one that arrives now would otherwise kill a process that is
  // only finishing its reports.
}

void SignalWatcher::watch() {
  const sigset_t set = watched_signals();
  int stops = 0;
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (quitting_) return;
    switch (signal) {
      case SIGINT:
      case SIGTERM: {
        const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
        if (stops++ == 0) {
          handler_(CancelKind::Stop, std::string(name) + " received (send it again to abort)");
        } else {
          handler_(CancelKind::Abort, std::string("second ") + name + " received");
        }
        break;
      }
      case SIGUSR1:
        handler_(CancelKind::Stop, "stop requested (taskweave stop)");
        break;
      case SIGUSR2:
        handler_(CancelKind::Abort, "abort requested (taskweave abort)");
        break;
      default:
        break;
    }
  }
}

}  // namespace taskweave::run
