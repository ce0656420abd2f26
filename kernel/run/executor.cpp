#include "run/executor.h"

#include <algorithm>

namespace taskweave::run {
namespace {

// How long an idle worker watches for a job before it sleeps on the condition variable. A
// futex sleep and wake-up costs several microseconds on each side, more than a tiny task
// itself; the next job usually appears within a step (a few microseconds) of the previous
// task's end, while another worker steps. Bounded, so idle workers cost nothing later.
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(50);

}  // namespace

Executor::Executor(Scheduler& scheduler, RunObserver& observer, TaskRunner& runner,
                   StateLock& state_lock, ExecutorOptions options)
    : scheduler_(scheduler),
      observer_(observer),
      runner_(runner),
      state_lock_(state_lock),
      options_(options),
      spin_(spinning_pays(std::max<std::size_t>(options.workers, 1))) {
  state_lock_.allow_spinning(spin_);
  inbox_mutex_.allow_spinning(spin_);
  executions_mutex_.allow_spinning(spin_);
}

Executor::~Executor() {
  {
    std::lock_guard lock(jobs_mutex_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  for (auto& worker : workers_) {
    if (!worker.joinable()) continue;
    // A worker stuck in a plugin that ignored the abort cannot be joined; the process is
    // about to exit (abandoned_tasks()), so it is left behind.
    if (abandoned_) {
      worker.detach();
    } else {
      worker.join();
    }
  }
}

RunStatus Executor::run() {
  const std::size_t workers = std::max<std::size_t>(options_.workers, 1);
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { worker_loop(); });
  post({Message::Kind::Start, {}, {}, CancelKind::None, {}, {}}, false);

  std::unique_lock lock(main_mutex_);
  while (!finished_) {
    auto deadline = next_wake_;
    if (abort_deadline_ && (!deadline || *abort_deadline_ < *deadline)) deadline = abort_deadline_;
    if (!deadline) {
      main_cv_.wait(lock);
      continue;
    }
    if (main_cv_.wait_until(lock, *deadline) != std::cv_status::timeout) continue;
    const bool abort_due = abort_deadline_ && *abort_deadline_ <= std::chrono::steady_clock::now();
    if (abort_due) abort_deadline_.reset();
    next_wake_.reset();  // the step republishes it
    lock.unlock();
    post({abort_due ? Message::Kind::ForceAbort : Message::Kind::Tick,
          {},
          {},
          CancelKind::None,
          {},
          {}},
         false);
    lock.lock();
  }
  lock.unlock();
  {
    std::lock_guard jobs(jobs_mutex_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  std::shared_lock state(state_lock_);
  return scheduler_.status();
}

void Executor::request_cancel(CancelKind kind, std::string reason) {
  post({Message::Kind::Cancel, {}, {}, kind, std::move(reason), {}}, false);
}

void Executor::post_log(LogEvent event) {
  Message m{Message::Kind::Log, {}, {}, CancelKind::None, {}, std::move(event)};
  post(std::move(m), false);
}

void Executor::post(Message message, bool worker_will_take_job) {
  {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(std::move(message));
  }
  drive(worker_will_take_job);
}

void Executor::drive(bool worker_will_take_job) {
  // The posting worker takes one job itself once it returns: only the first job dispatched in
  // this call may go without a wake-up, or a job could wait while another worker sleeps.
  bool keep_one = worker_will_take_job;
  for (;;) {
    {
      std::unique_lock baton(step_mutex_, std::try_to_lock);
      if (!baton.owns_lock()) return;  // the holder re-checks the inbox after releasing it
      while (step(keep_one)) {
      }
    }
    // A message posted while we held the baton, whose poster then failed to take it, is ours.
    std::lock_guard lock(inbox_mutex_);
    if (inbox_.empty()) return;
  }
}

bool Executor::step(bool& keep_one) {
  std::vector<Message> batch;
  {
    std::lock_guard lock(inbox_mutex_);
    batch.swap(inbox_);
  }
  if (batch.empty()) return false;
  if (run_over_) return true;  // late reports after the end (abandoned tasks) are dropped
  std::vector<Action> actions;
  {
    std::unique_lock state(state_lock_);
    for (auto& message : batch) apply(message);
    actions = scheduler_.take_actions();
  }
  // Everything the observers saw in this step is made durable before any of it is acted on.
  // Observers are only ever called by the baton holder, so this needs the baton, not the state
  // lock: tasks starting meanwhile can read the run state while the journal is written.
  observer_.checkpoint();
  dispatch(actions, keep_one);
  publish_deadlines();
  return true;
}

void Executor::apply(Message& m) {
  switch (m.kind) {
    case Message::Kind::Start:
      scheduler_.start();
      break;
    case Message::Kind::Result:
      if (m.result.yielded) {
        scheduler_.task_yielded(m.task, std::move(m.result.wake));
      } else {
        scheduler_.task_finished(m.task, std::move(m.result.outcome));
      }
      break;
    case Message::Kind::Cancel:
      scheduler_.cancel(m.cancel, m.reason);
      break;
    case Message::Kind::Log:
      observer_.log(m.log);
      break;
    case Message::Kind::Tick:
      scheduler_.wake_due();
      break;
    case Message::Kind::ForceAbort: {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.abort_timeout);
      for (TaskId id : scheduler_.unfinished_tasks()) {
        TaskOutcome aborted;
        aborted.status = expr::Status::Aborted;
        aborted.error_code = 1;
        aborted.error_msg = "the task did not end within the abort timeout (" +
                            std::to_string(seconds.count()) + " s) and was abandoned";
        scheduler_.abandon(id, std::move(aborted));
        abandoned_ = true;
      }
      break;
    }
  }
}

void Executor::dispatch(const std::vector<Action>& actions, bool& keep_one) {
  std::size_t queued = 0;
  for (const Action& action : actions) {
    switch (action.kind) {
      case Action::Kind::Run:
      case Action::Kind::Resume: {
        std::lock_guard lock(jobs_mutex_);
        jobs_.push_back({action.task, action.kind == Action::Kind::Resume});
        queued_jobs_.fetch_add(1);
        ++queued;
        break;
      }
      case Action::Kind::Cancel: {
        {
          std::lock_guard lock(executions_mutex_);
          auto it = executions_.find(key(action.task));
          if (it != executions_.end()) it->second->cancel(action.cancel);
        }
        if (action.cancel == CancelKind::Abort) {
          std::lock_guard lock(main_mutex_);
          if (!abort_deadline_)
            abort_deadline_ = std::chrono::steady_clock::now() + options_.abort_timeout;
          main_cv_.notify_all();
        }
        break;
      }
      case Action::Kind::Finished: {
        run_over_ = true;
        std::lock_guard lock(main_mutex_);
        finished_ = true;
        main_cv_.notify_all();
        break;
      }
    }
  }
  // The thread that stepped for a finished task takes one job itself, and every spinning worker
  // takes one without a wake-up: wake only the rest. (A spinner that gives up checks the queue
  // under the lock before it sleeps, so no job is left behind.)
  std::size_t wake = queued;
  if (keep_one && queued > 0) {
    --wake;
    keep_one = false;
  }
  wake -= std::min(wake, spinning_.load());
  for (std::size_t i = 0; i < wake; ++i) jobs_cv_.notify_one();
}

void Executor::publish_deadlines() {
  // Only the baton holder changes the scheduler, so reading it here needs no state lock.
  const std::optional<expr::DateTime> wake = scheduler_.next_wake();
  if (!wake && !wake_published_) return;  // the usual step: no timer now, and none published
  std::optional<std::chrono::steady_clock::time_point> next;
  if (wake) {
    const auto delay = std::max<std::int64_t>(nanos_between(scheduler_.clock().now(), *wake), 0);
    next = std::chrono::steady_clock::now() + std::chrono::nanoseconds(delay);
  }
  wake_published_ = next.has_value();
  std::lock_guard lock(main_mutex_);
  if (next != next_wake_) {
    next_wake_ = next;
    main_cv_.notify_all();
  }
}

void Executor::spin_for_job() {
  if (!spin_) return;
  spinning_.fetch_add(1);
  spin_until(
      [&] {
        return queued_jobs_.load(std::memory_order_relaxed) != 0 ||
               stopping_.load(std::memory_order_relaxed);
      },
      kSpinBeforeSleep);
  spinning_.fetch_sub(1);
}

void Executor::worker_loop() {
  for (;;) {
    spin_for_job();
    Job job;
    {
      std::unique_lock lock(jobs_mutex_);
      jobs_cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = jobs_.front();
      jobs_.pop_front();
      queued_jobs_.fetch_sub(1);
    }
    TaskExecution* execution = nullptr;
    {
      // Held across start() so a cancel delivered meanwhile finds the execution, or was set
      // in the run state before start() read it.
      std::lock_guard lock(executions_mutex_);
      auto& slot = executions_[key(job.task)];
      if (!job.resume || !slot) slot = runner_.start(job.task);
      execution = slot.get();
    }
    RunnerResult result = execution->run();
    if (!result.yielded) {
      std::unique_ptr<TaskExecution> done;
      {
        std::lock_guard lock(executions_mutex_);
        auto it = executions_.find(key(job.task));
        done = std::move(it->second);
        executions_.erase(it);
      }
    }
    post({Message::Kind::Result, job.task, std::move(result), CancelKind::None, {}, {}}, true);
  }
}

}  // namespace taskweave::run
