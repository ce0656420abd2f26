// What every running task shares: read access to the run's state, configuration, directories,
// secrets and the executor's log channel. The executor owns it; task contexts reference it.
#pragma once

#include <taskweave/abi.h>

#include <array>
#include <functional>
#include <string>

#include "run/run_config.h"
#include "run/run_events.h"
#include "run/secret_masker.h"
#include "run/simulation.h"
#include "run/spin_lock.h"

namespace taskweave::run {

class Scheduler;

struct RunServices {
  const Scheduler* scheduler = nullptr;
  // Held shared while a task reads run state (variables, statuses); the executor holds it
  // exclusively while the scheduler changes that state.
  StateLock* state_lock = nullptr;
  const RunConfig* config = nullptr;
  SecretMasker* secrets = nullptr;
  const Simulations* simulations = nullptr;
  // Directories by tw_dir (work, log, state, temp, config). The log directory is the run's own.
  std::array<std::string, 5> dirs;
  // Delivers a plugin's log line to the observers, in order, on the scheduler's side.
  std::function<void(LogEvent)> post_log;
};

}  // namespace taskweave::run
