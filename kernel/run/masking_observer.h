// Masks secrets in every event before it reaches the observers behind it (the workflow log,
// --json-events, the terminal): error messages, descriptions, log lines, string values. The
// state store sits in front of it: it keeps real values, which `recover` needs.
// A variable whose name looks secret has its string values added to the secrets, so a value an
// Assignment computes is masked wherever it shows up afterwards.
#pragma once

#include "run/run_events.h"
#include "run/secret_masker.h"

namespace taskweave::run {

class MaskingObserver : public RunObserver {
 public:
  MaskingObserver(SecretMasker& secrets, RunObserver& next) : secrets_(secrets), next_(next) {}

  void run_started(const RunInfo& e) override { next_.run_started(e); }
  void task_started(const TaskEvent& e) override { next_.task_started(masked(e)); }
  void link_evaluated(const LinkEvent& e) override;
  void task_finished(const TaskEvent& e) override { next_.task_finished(masked(e)); }
  void task_did_not_run(const TaskEvent& e) override { next_.task_did_not_run(e); }
  void variable_changed(const VariableEvent& e) override;
  void event_raised(const RaisedEvent& e) override { next_.event_raised(e); }
  void log(const LogEvent& e) override;
  void run_finished(const RunInfo& e) override { next_.run_finished(e); }
  void checkpoint() override { next_.checkpoint(); }

 private:
  TaskEvent masked(const TaskEvent& e) const;
  expr::Value masked(const expr::Value& v) const;

  SecretMasker& secrets_;
  RunObserver& next_;
};

}  // namespace taskweave::run
