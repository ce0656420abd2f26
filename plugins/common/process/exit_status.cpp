#include <string.h>

#include <cstdio>

#include "common/process/process.h"

namespace taskweave::plugins::process {

std::string ExitStatus::describe() const {
  switch (reason) {
    case Reason::kExited:
      return "exited with code " + std::to_string(code);
    case Reason::kSignaled: {
      const char* name = sigabbrev_np(code);  // thread-safe, unlike strsignal()
      return "was killed by signal " + std::to_string(code) +
             (name ? std::string(" (SIG") + name + ")" : std::string());
    }
    case Reason::kTimedOut: {
      char seconds[32];
      std::snprintf(seconds, sizeof(seconds), "%.1f", static_cast<double>(elapsed.count()) / 1000);
      return std::string("timed out after ") + seconds + " s and was terminated";
    }
    case Reason::kTerminated:
      return "was terminated on request";
  }
  return "ended";
}

}  // namespace taskweave::plugins::process
