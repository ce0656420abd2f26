// `taskweave run --json-events[=PATH]` (cli-contract.md): one JSON object per line, flushed as
// it happens, so a monitoring tool can follow a run live. Statuses are upper case; every time
// is ISO-8601 UTC with milliseconds ("2026-11-27T10:00:00.123Z"): "ts" is when the event was
// written, a task's "start" and "end" are its times (null when it has none).
//
//   report::JsonEvents json(std::cout);
//   observers.add(&json);
//
// Secrets are masked before events reach it (run::MaskingObserver sits in front of all
// reporting observers).
#pragma once

#include <chrono>
#include <functional>
#include <ostream>

#include "run/run_events.h"

namespace taskweave::report {

class JsonEvents : public run::RunObserver {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  explicit JsonEvents(std::ostream& out, Clock clock = std::chrono::system_clock::now)
      : out_(out), clock_(std::move(clock)) {}

  void run_started(const run::RunInfo& info) override;
  void task_started(const run::TaskEvent& e) override;
  void link_evaluated(const run::LinkEvent& e) override;
  void task_finished(const run::TaskEvent& e) override;
  void task_did_not_run(const run::TaskEvent& e) override;
  void run_finished(const run::RunInfo& info) override;

 private:
  std::string now() const;
  void end_line();

  std::ostream& out_;
  Clock clock_;
};

}  // namespace taskweave::report
