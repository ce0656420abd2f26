// The workflow log (semantics.md §10): one text line per event, as
//
//   INFO    2026-11-27 10:00:01.250 [s_load] TW_LINK: Link [s_load -> s_next]: condition is TRUE
//   for the expression [$s_load.Status = SUCCEEDED]
//
// severity, local timestamp, the task (or [workflow]), a message code and the message. Every
// link evaluation is logged. The file is opened for appending, so `recover` continues the
// run's log. Lines are flushed at every checkpoint (the same points at which the state store
// commits), at the end of the run and for errors, so a killed run's log is complete up to the
// last recorded transition.
//
// Secrets are masked before events reach it (run::MaskingObserver sits in front of all
// reporting observers).
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "expr/result.h"
#include "run/run_events.h"

namespace taskweave::report {

class WorkflowLog : public run::RunObserver {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Opens (appending) or creates `path`, creating its directory. Errors name the path.
  static expr::Result<std::unique_ptr<WorkflowLog>> open(const std::filesystem::path& path);
  explicit WorkflowLog(std::ostream& out, Clock clock = std::chrono::system_clock::now)
      : out_(out), clock_(std::move(clock)) {}

  void run_started(const run::RunInfo& info) override;
  void task_started(const run::TaskEvent& e) override;
  void link_evaluated(const run::LinkEvent& e) override;
  void task_finished(const run::TaskEvent& e) override;
  void task_did_not_run(const run::TaskEvent& e) override;
  void variable_changed(const run::VariableEvent& e) override;
  void log(const run::LogEvent& e) override;
  void run_finished(const run::RunInfo& info) override;
  void checkpoint() override { out_.flush(); }

 private:
  enum class Severity { Debug, Info, Warning, Error };
  void line(Severity severity, std::string_view thread, std::string_view code,
            std::string_view message);

  std::unique_ptr<std::ofstream> file_;  // set by open()
  std::ostream& out_;
  Clock clock_;
  std::string workflow_;  // the thread name of workflow-level lines
};

// The conventional place of a run's workflow log inside its log directory.
std::filesystem::path workflow_log_path(const std::filesystem::path& run_log_dir,
                                        const std::string& workflow);

}  // namespace taskweave::report
