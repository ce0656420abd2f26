// What happens during a run, as plain values, and the observer interface that every consumer
// of those facts implements: the state store (write-ahead), the workflow log, --json-events,
// the terminal status line. The scheduler calls observers synchronously, in order, on one
// thread, *before* it acts on a transition, so a persisted transition is never lost.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "expr/value.h"

namespace taskweave::run {

// Final or current status of a run (a workflow); tasks use expr::Status.
enum class RunStatus { Running, Succeeded, Failed, Stopped, Aborted, Suspended };

struct RunInfo {
  std::string run_id;
  std::string workflow;  // WORKFLOW NAME
  std::string folder;
  std::string file;  // export path as given
  std::string definition_hash;
  std::string run_instance;  // --run-instance, may be empty
  expr::DateTime start{};
  expr::DateTime end{};  // set in run_finished
  RunStatus status = RunStatus::Running;
  bool recovery = false;  // true when this is `recover` continuing an earlier run
};

// One task instance's transition. `path` is the instance path in the top-level workflow
// ("WKL_A.s_load"), as cli-contract.md defines.
struct TaskEvent {
  std::string run_id;
  std::string path;
  std::string type;  // normalised task type
  expr::Status status = expr::Status::NotStarted;
  expr::DateTime start{};
  expr::DateTime end{};
  int64_t error_code = 0;
  std::string error_msg;
  // Output variables the task set (TgtSuccessRows, Condition, ...), by name.
  std::map<std::string, expr::Value> vars;
  std::string description;  // what the task did / would do (dry run)
  int attempt = 1;
};

struct LinkEvent {
  std::string run_id;
  std::string from;  // instance paths
  std::string to;
  std::string condition;  // text as written, CR LF kept
  bool result = false;
  std::string error;  // run-time error that made it FALSE, if any
};

// A user-defined $$ variable changed (assignment, worklet input, persistent save).
struct VariableEvent {
  std::string run_id;
  std::string scope;  // "" for the workflow, else the worklet instance path
  std::string name;   // "$$X"
  expr::Value value;
  bool persistent = false;
};

// A user-defined event raised (by an Event-Raise or any plugin's raise_event), delivered before
// the waiters it wakes are resumed, so a durable observer can journal it for `recover`. The
// journal names it like a task, by its path: "EV" in the workflow, "WKL_A.EV" in worklet WKL_A
// (RecoveryPlan::raised_events() holds these paths).
struct RaisedEvent {
  std::string run_id;
  std::string scope;  // "" for the workflow, else the worklet instance path
  std::string name;   // upper-cased
};

struct LogEvent {
  std::string run_id;
  std::string path;  // task path, or "" for the workflow
  int severity = 1;  // tw_log_level values: 0 debug, 1 info, 2 warning, 3 error
  std::string code;  // message code, e.g. "TW_LINK", "TW_TASK"
  std::string message;
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void run_started(const RunInfo&) {}
  virtual void task_started(const TaskEvent&) {}
  virtual void link_evaluated(const LinkEvent&) {}
  virtual void task_finished(const TaskEvent&) {}
  virtual void task_did_not_run(const TaskEvent&) {}
  virtual void variable_changed(const VariableEvent&) {}
  virtual void event_raised(const RaisedEvent&) {}
  virtual void log(const LogEvent&) {}
  virtual void run_finished(const RunInfo&) {}
  // The scheduler is about to act (start tasks, report completion) on everything delivered
  // since the last checkpoint. A durable observer commits its batch here: that is how writes
  // are grouped while every transition is still persisted before it is acted on.
  virtual void checkpoint() {}
};

// Fans one stream of events out to several observers, in registration order.
class ObserverList : public RunObserver {
 public:
  void add(RunObserver* observer) { observers_.push_back(observer); }
  void run_started(const RunInfo& e) override {
    for (auto* o : observers_) o->run_started(e);
  }
  void task_started(const TaskEvent& e) override {
    for (auto* o : observers_) o->task_started(e);
  }
  void link_evaluated(const LinkEvent& e) override {
    for (auto* o : observers_) o->link_evaluated(e);
  }
  void task_finished(const TaskEvent& e) override {
    for (auto* o : observers_) o->task_finished(e);
  }
  void task_did_not_run(const TaskEvent& e) override {
    for (auto* o : observers_) o->task_did_not_run(e);
  }
  void variable_changed(const VariableEvent& e) override {
    for (auto* o : observers_) o->variable_changed(e);
  }
  void event_raised(const RaisedEvent& e) override {
    for (auto* o : observers_) o->event_raised(e);
  }
  void log(const LogEvent& e) override {
    for (auto* o : observers_) o->log(e);
  }
  void run_finished(const RunInfo& e) override {
    for (auto* o : observers_) o->run_finished(e);
  }
  void checkpoint() override {
    for (auto* o : observers_) o->checkpoint();
  }

 private:
  std::vector<RunObserver*> observers_;
};

}  // namespace taskweave::run
