// Drives the pure scheduling core without threads: a fake clock, an observer that records
// everything, and a loop that answers each Run action with an outcome chosen by the test.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "run/scheduler.h"

namespace taskweave::testing {

class FakeClock : public run::Clock {
 public:
  expr::DateTime now() const override { return now_; }
  void advance_ms(std::int64_t ms) { now_ = run::add_nanos(now_, ms * 1'000'000); }

 private:
  expr::DateTime now_{1'700'000'000, 0};
};

// Every event, as text, plus each task's last status ("DID_NOT_RUN" for a task that did not run).
class RecordingObserver : public run::RunObserver {
 public:
  void run_started(const run::RunInfo& info) override;
  void task_started(const run::TaskEvent& e) override;
  void link_evaluated(const run::LinkEvent& e) override;
  void task_finished(const run::TaskEvent& e) override;
  void task_did_not_run(const run::TaskEvent& e) override;
  void variable_changed(const run::VariableEvent& e) override;
  void log(const run::LogEvent& e) override;
  void run_finished(const run::RunInfo& info) override;

  std::vector<std::string> events;
  std::map<std::string, std::string> status;  // path -> last status
  std::map<std::string, int> endings;         // path -> task_finished + task_did_not_run count
  std::map<std::string, run::TaskEvent> finished;
  std::vector<run::LinkEvent> links;
  std::vector<run::VariableEvent> variables;
  std::vector<run::LogEvent> logs;
  std::optional<run::RunInfo> result;
};

std::string run_status_name(run::RunStatus status);

// A loaded workflow plus a scheduler over it, driven step by step.
class CoreRun {
 public:
  // Loads `xml` (must have no errors) and builds the scheduler.
  explicit CoreRun(const std::string& xml, run::SchedulerOptions options = {});

  // How a task that is run ends; by default it succeeds. Return nullopt to keep it running
  // (the test finishes it later with finish()).
  std::function<std::optional<run::TaskOutcome>(const std::string& path)> behaviour;

  // Starts the run and answers actions until nothing more happens without the test.
  void start();
  // Processes pending actions (running tasks one at a time, FIFO).
  void pump();
  // Ends (or yields) a task the behaviour kept running, then pumps.
  void finish(const std::string& path, run::TaskOutcome outcome);
  void yield(const std::string& path, run::WakeCondition wake);
  run::TaskId id(const std::string& path) const;

  std::string status(const std::string& path) const;  // "" when never reported
  std::string final_status() const;

  FakeClock clock;
  RecordingObserver observer;
  std::shared_ptr<const model::Workflow> workflow;
  std::unique_ptr<run::Scheduler> scheduler;
  std::vector<std::string> running;  // paths run and not yet finished, in start order
  std::vector<std::string> cancels;  // "path:STOP" / "path:ABORT"
  std::vector<std::string> resumed;

 private:
  std::map<std::string, run::TaskId> ids_;
};

run::TaskOutcome outcome(expr::Status status, std::int64_t error_code = 0);

}  // namespace taskweave::testing
