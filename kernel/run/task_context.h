// The host side of one running task: the object behind the ABI's opaque tw_task_ctx. It answers
// every tw_host_api call for that task (host_api.cpp is the C trampoline table) and collects
// what the task reports -- outputs, error, $$ assignments, controls, raised events, a yield --
// into the TaskOutcome the scheduler applies when the task ends.
//
// Threading: the ABI calls for one task come from the one thread running it. Reads of run
// state take the shared state lock; cancel() may come from any thread.
#pragma once

#include <taskweave/abi.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "expr/value.h"
#include "model/task.h"
#include "run/run_services.h"
#include "run/run_types.h"
#include "run/task_log_file.h"

namespace taskweave::run {

class TaskContext {
 public:
  TaskContext(RunServices& services, TaskId id);

  tw_task_ctx* handle() { return reinterpret_cast<tw_task_ctx*>(this); }
  static TaskContext& from(tw_task_ctx* ctx) { return *reinterpret_cast<TaskContext*>(ctx); }

  TaskId id() const { return id_; }
  const std::string& path();
  bool dry_run() const { return dry_run_; }
  std::string type_name() const { return std::string(instance_->type_name()); }

  // --- The ABI, one method per tw_host_api member (task_context*.cpp) ----------------------
  void log(tw_log_level level, const char* message);
  void task_log_write(const char* data, size_t size);
  const char* task_log_path();
  const tw_task_info* task_info();
  const char* attribute(const char* name);
  size_t value_pairs(const tw_value_pair** out);
  const tw_node* definition_node() const;
  const tw_node* instance_node() const;
  const tw_node* resolve_definition(const char* element, const char* name) const;

  tw_rc get_var(const char* name, tw_value* out);
  tw_rc set_var(const char* name, const tw_value* value, tw_error_buf* err);
  tw_rc eval(const char* expression, tw_value* out, tw_error_buf* err);
  const char* expand(const char* text, tw_error_buf* err);
  tw_rc set_output(const char* name, const tw_value* value);
  void set_error(int64_t code, const char* message);

  tw_rc control(tw_control action, const char* reason);
  tw_rc raise_event(const char* event);
  int event_raised(const char* event);

  int cancel_requested() const { return static_cast<int>(cancel_.load()); }
  int sleep(int64_t timeout_ms);
  void yield_until(int64_t seconds, int32_t nanos, const char* event);
  tw_value start_time(int which) const;
  tw_value now() const;

  const char* config(const char* key) const;
  const char* dir(tw_dir which) const;
  void add_secret(const char* secret);
  void describe(const char* what);

  // --- For the runner -----------------------------------------------------------------------
  void cancel(CancelKind kind);
  // After run() returned TW_RUN_YIELD: what to wait for (and forgets it for the next run()).
  WakeCondition take_wake();
  // After a terminal result: everything the task reported.
  TaskOutcome take_outcome(expr::Status status);

  // Expands $$Var, $PM... and parameter references (no error: unknown names stay as written).
  std::string expand_text(std::string_view text) const;

 private:
  std::optional<expr::Value> lookup(std::string_view name) const;
  const char* keep(std::string text);

  RunServices& services_;
  const TaskId id_;
  const model::TaskInstance* instance_ = nullptr;  // immutable model: no lock needed to read
  bool dry_run_ = false;
  int attempt_ = 1;
  // Filled on first use: a no-op task never asks, and these strings are most of its cost.
  std::string path_, instance_name_, task_name_, type_, workflow_, folder_, run_id_;
  tw_task_info info_{};
  std::deque<std::string> arena_;  // strings handed out, valid for the task's life
  std::vector<tw_value_pair> pairs_;
  bool pairs_ready_ = false;

  std::atomic<CancelKind> cancel_{CancelKind::None};
  std::mutex sleep_mutex_;
  std::condition_variable sleep_cv_;

  std::optional<WakeCondition> wake_;
  TaskOutcome outcome_;  // accumulates outputs, error, assignments, controls, events
  bool error_set_ = false;
  std::optional<TaskLogFile> task_log_;
};

}  // namespace taskweave::run
