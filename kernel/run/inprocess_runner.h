// Runs tasks in the host process: the plugin serving the task's type is called through the C
// ABI on the worker thread, with a TaskContext as its host. Under --dry-run a type that no
// plugin serves still "succeeds" with a description; --simulate overrides the plugin's result.
#pragma once

#include <taskweave/abi.h>

#include <functional>
#include <string>
#include <string_view>

#include "run/run_services.h"
#include "run/simulation.h"
#include "run/task_runner.h"

namespace taskweave::run {

// Finds the plugin task type serving a task type name; null with a reason when none does.
using TypeLookup = std::function<const tw_task_type*(std::string_view type, std::string& error)>;

class InProcessRunner : public TaskRunner {
 public:
  InProcessRunner(RunServices& services, TypeLookup types)
      : services_(services), types_(std::move(types)) {}
  std::unique_ptr<TaskExecution> start(TaskId task) override;

 private:
  RunServices& services_;
  TypeLookup types_;
};

// The simulated end of a task (cli-contract.md --simulate): status, error, row counts.
void apply_simulation(TaskOutcome& outcome, const Simulation& simulation);

}  // namespace taskweave::run
