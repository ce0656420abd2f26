// Runs the scheduler's decisions on worker threads.
//
// There is no dedicated scheduler thread. Events (a task ended or yielded, a stop, a timer, a
// plugin's log line) go into an inbox; whichever thread posts one tries to take the "baton" and,
// if it gets it, drains the whole inbox into the scheduler in one step, calls checkpoint() once
// (so a durable observer commits the step in one transaction: write-ahead, and grouped), then
// hands the resulting Run/Resume actions to the workers. A worker that finishes a task usually
// becomes the stepper and then runs the successor itself, so a chain of tasks costs no thread
// hand-off; tasks finishing together are folded into one step.
//
// The calling thread of run() only waits: for the end of the run, the next timer of a yielded
// task, and the abort timeout (after which tasks that ignore the abort are reported ABORTED and
// abandoned).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "run/run_events.h"
#include "run/scheduler.h"
#include "run/spin_lock.h"
#include "run/task_runner.h"

namespace taskweave::run {

struct ExecutorOptions {
  std::size_t workers = 1;  // worker threads (normally the scheduler's max_parallel)
  std::chrono::milliseconds abort_timeout{60'000};
};

class Executor {
 public:
  // `state_lock` is the lock task contexts take (shared) to read scheduler state.
  Executor(Scheduler& scheduler, RunObserver& observer, TaskRunner& runner, StateLock& state_lock,
           ExecutorOptions options);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Starts the run and returns when it is over.
  RunStatus run();
  // Thread-safe (signal watcher, tests): stop or abort the whole run.
  void request_cancel(CancelKind kind, std::string reason);
  // Thread-safe: a plugin's log line, delivered to the observers in order by the stepper.
  void post_log(LogEvent event);
  // True when the abort timeout expired and some task never returned from its plugin: the
  // process should exit soon (those threads are abandoned).
  bool abandoned_tasks() const { return abandoned_; }

 private:
  struct Message {
    enum class Kind { Start, Result, Cancel, Log, Tick, ForceAbort } kind;
    TaskId task{};
    RunnerResult result;
    CancelKind cancel = CancelKind::None;
    std::string reason;
    LogEvent log;
  };
  struct Job {
    TaskId task;
    bool resume;
  };

  void post(Message message, bool worker_will_take_job);
  void drive(bool worker_will_take_job);
  bool step(bool& keep_one);  // false when the inbox was empty
  void apply(Message& message);
  void dispatch(const std::vector<Action>& actions, bool& keep_one);
  void worker_loop();
  void spin_for_job();
  void publish_deadlines();
  static std::uint64_t key(TaskId id) { return (std::uint64_t{id.frame} << 32) | id.task; }

  Scheduler& scheduler_;
  RunObserver& observer_;
  TaskRunner& runner_;
  StateLock& state_lock_;
  ExecutorOptions options_;
  const bool spin_;  // spinning_pays(workers): idle workers and the hot locks spin briefly

  std::mutex step_mutex_;  // the baton
  SpinningMutex inbox_mutex_;
  std::vector<Message> inbox_;

  std::mutex jobs_mutex_;
  std::condition_variable jobs_cv_;
  std::deque<Job> jobs_;
  std::atomic<bool> stopping_{false};  // set under jobs_mutex_; read without it by spinners
  // Lock-free views for workers spinning briefly before they sleep (spin_for_job): the number
  // of queued jobs, and how many workers spin (each will take a job without a wake-up).
  std::atomic<std::size_t> queued_jobs_{0};
  std::atomic<std::size_t> spinning_{0};

  SpinningMutex executions_mutex_;
  std::unordered_map<std::uint64_t, std::unique_ptr<TaskExecution>> executions_;

  std::mutex main_mutex_;
  std::condition_variable main_cv_;
  bool finished_ = false;        // guarded by main_mutex_; also read by the stepper under the baton
  bool run_over_ = false;        // stepper-only copy of finished_
  bool wake_published_ = false;  // stepper-only: the last publish_deadlines set a wake time
  std::optional<std::chrono::steady_clock::time_point> next_wake_;
  std::optional<std::chrono::steady_clock::time_point> abort_deadline_;
  bool abandoned_ = false;

  std::vector<std::thread> workers_;
};

}  // namespace taskweave::run
