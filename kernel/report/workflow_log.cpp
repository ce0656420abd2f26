#include "report/workflow_log.h"

#include <cerrno>
#include <cstring>

#include "expr/value.h"
#include "report/timestamps.h"
#include "state/run_status.h"

namespace taskweave::report {
namespace {

// One event, one line: line breaks inside a message (a condition written over several lines,
// command output) become single spaces.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string bracket(std::string_view text) { return "[" + one_line(text) + "]"; }

}  // namespace

std::filesystem::path workflow_log_path(const std::filesystem::path& run_log_dir,
                                        const std::string& workflow) {
  return run_log_dir / (workflow + ".log");
}

expr::Result<std::unique_ptr<WorkflowLog>> WorkflowLog::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    return expr::Error{"cannot create the log directory " + path.parent_path().string() + ": " +
                       ec.message()};
  auto file = std::make_unique<std::ofstream>(path, std::ios::app);
  if (!*file)
    return expr::Error{"cannot write the workflow log " + path.string() + ": " +
                       std::strerror(errno)};
  auto log = std::make_unique<WorkflowLog>(*file);
  log->file_ = std::move(file);
  return log;
}

void WorkflowLog::line(Severity severity, std::string_view thread, std::string_view code,
                       std::string_view message) {
  static constexpr const char* kNames[] = {"DEBUG  ", "INFO   ", "WARNING", "ERROR  "};
  out_ << kNames[static_cast<int>(severity)] << ' ' << log_time(clock_()) << " ["
       << one_line(thread.empty() ? std::string_view(workflow_) : thread) << "] " << code << ": "
       << one_line(message) << '\n';
  if (severity == Severity::Error) out_.flush();
}

void WorkflowLog::run_started(const run::RunInfo& info) {
  workflow_ = info.workflow;
  std::string message = (info.recovery ? "Recovering workflow " : "Starting workflow ") +
                        bracket(info.workflow) + " of folder " + bracket(info.folder) + ", run " +
                        bracket(info.run_id) + ", file " + bracket(info.file);
  if (!info.run_instance.empty()) message += ", run instance " + bracket(info.run_instance);
  line(Severity::Info, "", info.recovery ? "TW_RUN_RECOVER" : "TW_RUN_START", message);
}

void WorkflowLog::task_started(const run::TaskEvent& e) {
  std::string message = "Task " + bracket(e.path) + " of type " + bracket(e.type) + " started";
  if (e.attempt != 1) message += " (attempt " + std::to_string(e.attempt) + ")";
  line(Severity::Info, e.path, "TW_TASK_START", message + ".");
}

void WorkflowLog::link_evaluated(const run::LinkEvent& e) {
  std::string message = "Link [" + one_line(e.from) + " -> " + one_line(e.to) + "]: condition is " +
                        (e.result ? "TRUE" : "FALSE") + " for the expression " +
                        bracket(e.condition);
  if (!e.error.empty()) {
    line(Severity::Warning, e.from, "TW_LINK", message + ": evaluation failed: " + e.error);
  } else {
    line(Severity::Info, e.from, "TW_LINK", message);
  }
}

void WorkflowLog::task_finished(const run::TaskEvent& e) {
  std::string message = "Task " + bracket(e.path) + " of type " + bracket(e.type) +
                        " completed with status " + bracket(expr::status_name(e.status));
  if (e.error_code != 0 || !e.error_msg.empty())
    message += ", error code [" + std::to_string(e.error_code) + "], error message " +
               bracket(e.error_msg);
  if (!e.description.empty()) message += "; " + e.description;
  Severity severity = Severity::Info;
  if (e.status == expr::Status::Failed) severity = Severity::Error;
  if (e.status == expr::Status::Stopped || e.status == expr::Status::Aborted)
    severity = Severity::Warning;
  line(severity, e.path, "TW_TASK_END", message + ".");
}

void WorkflowLog::task_did_not_run(const run::TaskEvent& e) {
  line(Severity::Info, e.path, "TW_TASK_NOT_RUN",
       "Task " + bracket(e.path) + " did not run: its input links did not allow it.");
}

void WorkflowLog::variable_changed(const run::VariableEvent& e) {
  std::string message = "Variable " + bracket(e.name);
  if (!e.scope.empty()) message += " of worklet " + bracket(e.scope);
  message += (e.persistent ? " saved as persistent value " : " set to ") +
             bracket(expr::format_value(e.value));
  line(Severity::Info, e.scope, "TW_VARIABLE", message + ".");
}

void WorkflowLog::log(const run::LogEvent& e) {
  Severity severity = e.severity <= 0   ? Severity::Debug
                      : e.severity == 1 ? Severity::Info
                      : e.severity == 2 ? Severity::Warning
                                        : Severity::Error;
  line(severity, e.path, e.code.empty() ? "TW_LOG" : e.code, e.message);
}

void WorkflowLog::run_finished(const run::RunInfo& info) {
  Severity severity = Severity::Info;
  if (info.status == run::RunStatus::Failed) severity = Severity::Error;
  if (info.status == run::RunStatus::Stopped || info.status == run::RunStatus::Aborted ||
      info.status == run::RunStatus::Suspended)
    severity = Severity::Warning;
  line(severity, "", "TW_RUN_END",
       "Workflow " + bracket(info.workflow) + " of run " + bracket(info.run_id) +
           " completed with status " + bracket(state::run_status_name(info.status)) + ".");
  out_.flush();
}

}  // namespace taskweave::report
