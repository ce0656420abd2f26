#include "core_driver.h"

#include <stdexcept>

#include "expr/value.h"
#include "run/names.h"

namespace taskweave::testing {

std::string run_status_name(run::RunStatus status) {
  switch (status) {
    case run::RunStatus::Running:
      return "RUNNING";
    case run::RunStatus::Succeeded:
      return "SUCCEEDED";
    case run::RunStatus::Failed:
      return "FAILED";
    case run::RunStatus::Stopped:
      return "STOPPED";
    case run::RunStatus::Aborted:
      return "ABORTED";
    case run::RunStatus::Suspended:
      return "SUSPENDED";
  }
  return "?";
}

void RecordingObserver::run_started(const run::RunInfo& info) {
  events.push_back("run_started " + info.workflow);
}
void RecordingObserver::task_started(const run::TaskEvent& e) {
  events.push_back("started " + e.path);
  status[e.path] = "STARTED";
}
void RecordingObserver::link_evaluated(const run::LinkEvent& e) {
  events.push_back("link " + e.from + "->" + e.to + (e.result ? " TRUE" : " FALSE"));
  links.push_back(e);
}
void RecordingObserver::task_finished(const run::TaskEvent& e) {
  const std::string s(expr::status_name(e.status));
  events.push_back("finished " + e.path + " " + s);
  status[e.path] = s;
  ++endings[e.path];
  finished[e.path] = e;
}
void RecordingObserver::task_did_not_run(const run::TaskEvent& e) {
  events.push_back("did_not_run " + e.path);
  status[e.path] = "DID_NOT_RUN";
  ++endings[e.path];
}
void RecordingObserver::variable_changed(const run::VariableEvent& e) {
  events.push_back("variable " + (e.scope.empty() ? "" : e.scope + ":") + e.name + "=" +
                   expr::format_value(e.value) + (e.persistent ? " persistent" : ""));
  variables.push_back(e);
}
void RecordingObserver::log(const run::LogEvent& e) { logs.push_back(e); }
void RecordingObserver::run_finished(const run::RunInfo& info) {
  events.push_back("run_finished " + run_status_name(info.status));
  result = info;
}

run::TaskOutcome outcome(expr::Status status, std::int64_t error_code) {
  run::TaskOutcome o;
  o.status = status;
  o.error_code = error_code;
  if (error_code) o.error_msg = "error " + std::to_string(error_code);
  return o;
}

CoreRun::CoreRun(const std::string& xml, run::SchedulerOptions options) {
  auto loaded = model::load_export_bytes(xml, "test.xml");
  if (loaded.diagnostics.has_errors() || loaded.workflows.size() != 1) {
    std::string message = "test workflow does not load:";
    for (const auto& d : loaded.diagnostics.items()) message += "\n" + model::format_diagnostic(d);
    throw std::runtime_error(message);
  }
  workflow = loaded.workflows.front();
  if (options.info.run_id.empty()) options.info.run_id = "run-1";
  options.info.workflow = std::string(workflow->name);
  options.info.folder = std::string(workflow->folder);
  if (options.limits.max_parallel == 0) options.limits.max_parallel = 64;
  scheduler = std::make_unique<run::Scheduler>(*workflow, std::move(options), clock, observer);
}

void CoreRun::start() {
  scheduler->start();
  pump();
}

void CoreRun::pump() {
  for (;;) {
    auto actions = scheduler->take_actions();
    if (actions.empty()) return;
    std::vector<std::string> to_run;
    for (const auto& a : actions) {
      const std::string path =
          a.task.frame < scheduler->frame_count() && a.kind != run::Action::Kind::Finished
              ? scheduler->path(a.task)
              : std::string();
      if (!path.empty()) ids_[run::upper_ascii(path)] = a.task;
      switch (a.kind) {
        case run::Action::Kind::Run:
          running.push_back(path);
          to_run.push_back(path);
          break;
        case run::Action::Kind::Resume:
          resumed.push_back(path);
          to_run.push_back(path);
          break;
        case run::Action::Kind::Cancel:
          cancels.push_back(path + (a.cancel == run::CancelKind::Abort ? ":ABORT" : ":STOP"));
          break;
        case run::Action::Kind::Finished:
          break;
      }
    }
    for (const auto& path : to_run) {
      std::optional<run::TaskOutcome> o =
          behaviour ? behaviour(path) : std::optional<run::TaskOutcome>(run::TaskOutcome{});
      if (!o) continue;
      std::erase(running, path);
      scheduler->task_finished(id(path), std::move(*o));
    }
  }
}

void CoreRun::finish(const std::string& path, run::TaskOutcome o) {
  std::erase(running, path);
  scheduler->task_finished(id(path), std::move(o));
  pump();
}

void CoreRun::yield(const std::string& path, run::WakeCondition wake) {
  std::erase(running, path);
  scheduler->task_yielded(id(path), std::move(wake));
  pump();
}

run::TaskId CoreRun::id(const std::string& path) const {
  auto it = ids_.find(run::upper_ascii(path));
  if (it == ids_.end()) throw std::runtime_error("task " + path + " was never run");
  return it->second;
}

std::string CoreRun::status(const std::string& path) const {
  auto it = observer.status.find(path);
  return it == observer.status.end() ? "" : it->second;
}

std::string CoreRun::final_status() const {
  return observer.result ? run_status_name(observer.result->status) : "RUNNING";
}

}  // namespace taskweave::testing
