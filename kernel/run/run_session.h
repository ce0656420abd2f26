// One run of a loaded workflow, assembled: the scheduler, the shared services tasks use, the
// in-process runner and the executor. The CLI builds the inputs (configuration, parameter
// file, plugins, observers); this class only wires and runs them.
//
//   RunSession session(std::move(setup), observers, clock);
//   SignalWatcher signals([&](CancelKind k, const char* why) { session.request_cancel(k, why); });
//   RunStatus status = session.run();
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "model/workflow.h"
#include "run/executor.h"
#include "run/inprocess_runner.h"
#include "run/run_config.h"
#include "run/run_services.h"
#include "run/scheduler.h"
#include "run/secret_masker.h"
#include "run/spin_lock.h"

namespace taskweave::run {

// Picks the runner the executor uses, given the in-process one: e.g. one that runs some task
// types out of process (kernel/isolation) and hands the rest to the in-process runner.
using RunnerFactory =
    std::function<std::unique_ptr<TaskRunner>(RunServices& services, TaskRunner& in_process)>;

struct RunSetup {
  std::shared_ptr<const model::Workflow> workflow;
  SchedulerOptions scheduler;  // info, limits, dry run, inputs, simulations, suspend types
  const RunConfig* config = nullptr;
  SecretMasker* secrets = nullptr;
  std::array<std::string, 5> dirs;  // by tw_dir: work, log (the run's), state, temp, config
  TypeLookup types;
  std::size_t workers = 1;
  std::chrono::milliseconds abort_timeout{60'000};
  RunnerFactory runner;  // empty: every task runs in process
};

class RunSession {
 public:
  RunSession(RunSetup setup, RunObserver& observer, const Clock& clock);
  RunStatus run();
  // Thread-safe.
  void request_cancel(CancelKind kind, std::string reason) {
    executor_->request_cancel(kind, std::move(reason));
  }
  bool abandoned_tasks() const { return executor_->abandoned_tasks(); }
  const Scheduler& scheduler() const { return scheduler_; }

 private:
  RunSetup setup_;
  StateLock state_lock_;
  Scheduler scheduler_;
  RunServices services_;
  InProcessRunner runner_;
  std::unique_ptr<TaskRunner> chosen_runner_;  // from setup_.runner, when set
  std::unique_ptr<Executor> executor_;
};

}  // namespace taskweave::run
