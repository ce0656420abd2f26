// The seam between the executor and whatever runs a task: ninja's CommandRunner, for task
// plugins. The in-process runner calls the plugin through the C ABI on the worker thread; an
// out-of-process runner (taskweave-worker) implements the same two interfaces over a pipe.
#pragma once

#include <memory>

#include "run/run_types.h"

namespace taskweave::run {

struct RunnerResult {
  bool yielded = false;
  WakeCondition wake;   // when yielded
  TaskOutcome outcome;  // when not yielded
};

// One task instance being run: created when the task starts, run again after each yield,
// destroyed when it ends.
class TaskExecution {
 public:
  virtual ~TaskExecution() = default;
  // Runs (first time) or resumes (after a yield) on the calling thread.
  virtual RunnerResult run() = 0;
  // Thread-safe: the task's frame is stopping or aborting.
  virtual void cancel(CancelKind kind) = 0;
};

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  // Prepares the task; called on the worker thread that then calls run().
  virtual std::unique_ptr<TaskExecution> start(TaskId task) = 0;
};

}  // namespace taskweave::run
