#include "run/console_progress.h"

#include <algorithm>
#include <cstdio>

#include "run/run_types.h"

namespace taskweave::run {
namespace {

constexpr std::size_t kMaxTableRows = 200;

std::string seconds_text(double s) {
  char buffer[32];
  if (s < 0) return "";
  if (s < 60) {
    std::snprintf(buffer, sizeof buffer, "%.2f s", s);
  } else {
    std::snprintf(buffer, sizeof buffer, "%dm%02ds", static_cast<int>(s) / 60,
                  static_cast<int>(s) % 60);
  }
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

const char* run_status_text(RunStatus status) {
  switch (status) {
    case RunStatus::Running:
      return "RUNNING";
    case RunStatus::Succeeded:
      return "SUCCEEDED";
    case RunStatus::Failed:
      return "FAILED";
    case RunStatus::Stopped:
      return "STOPPED";
    case RunStatus::Aborted:
      return "ABORTED";
    case RunStatus::Suspended:
      return "SUSPENDED";
  }
  return "?";
}

}  // namespace

ConsoleProgress::ConsoleProgress(std::ostream& out, ConsoleOptions options)
    : out_(out), options_(options), started_(std::chrono::steady_clock::now()) {}

double ConsoleProgress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void ConsoleProgress::run_started(const RunInfo& info) {
  started_ = std::chrono::steady_clock::now();
  if (options_.quiet) return;
  out_ << "taskweave: " << (info.recovery ? "recovering" : "running") << " workflow "
       << info.workflow << " (run " << info.run_id << (options_.dry_run ? ", dry run" : "")
       << ")\n";
  out_.flush();
}

void ConsoleProgress::task_started(const TaskEvent&) {
  ++running_;
  redraw(false);
}

void ConsoleProgress::task_finished(const TaskEvent& e) {
  if (running_ > 0 && e.status != expr::Status::Disabled) --running_;
  ++done_;
  if (e.status == expr::Status::Failed || e.status == expr::Status::Aborted) ++failed_;
  const std::string status(expr::status_name(e.status));
  ++by_status_[status];
  Row row{e.path, e.type, status, e.error_msg,
          e.start.seconds == 0 && e.start.nanos == 0
              ? -1.0
              : static_cast<double>(nanos_between(e.start, e.end)) / 1e9};
  if (options_.tty) {
    if (rows_.size() <= kMaxTableRows) rows_.push_back(row);
    if (options_.dry_run && !e.description.empty()) {
      clear_line();
      print_line(row, e.description);
    }
    redraw(false);
  } else if (!options_.quiet) {
    print_line(row, options_.dry_run ? e.description : std::string());
  }
}

void ConsoleProgress::task_did_not_run(const TaskEvent& e) {
  ++did_not_run_;
  ++by_status_["DID NOT RUN"];
  Row row{e.path, e.type, "DID NOT RUN", "", -1};
  if (options_.tty) {
    if (rows_.size() <= kMaxTableRows) rows_.push_back(row);
    redraw(false);
  } else if (!options_.quiet) {
    print_line(row, "");
  }
}

void ConsoleProgress::log(const LogEvent& e) {
  if (e.severity < 2 || options_.quiet) return;  // warnings and errors only
  clear_line();
  out_ << (e.severity >= 3 ? "error: " : "warning: ") << (e.path.empty() ? "" : e.path + ": ")
       << e.message << "\n";
  redraw(true);
}

void ConsoleProgress::print_line(const Row& row, const std::string& description) {
  out_ << "  " << pad(row.status, 12) << " " << pad(row.path, 40) << " "
       << pad(seconds_text(row.seconds), 9);
  if (!row.error.empty()) out_ << "  " << row.error;
  out_ << "\n";
  std::size_t start = 0;
  while (start < description.size()) {
    const auto end = description.find('\n', start);
    out_ << "      " << description.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  out_.flush();
}

void ConsoleProgress::redraw(bool force) {
  if (!options_.tty || options_.quiet) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && line_shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  char line[160];
  std::snprintf(line, sizeof line, "\r[running %zu | done %zu | failed %zu | total %zu] %s\x1b[K",
                running_, done_ + did_not_run_, failed_, options_.total_tasks,
                seconds_text(elapsed()).c_str());
  out_ << line;
  out_.flush();
  line_shown_ = true;
}

void ConsoleProgress::clear_line() {
  if (!line_shown_) return;
  out_ << "\r\x1b[K";
  line_shown_ = false;
}

void ConsoleProgress::print_table() {
  if (rows_.empty() || rows_.size() > kMaxTableRows) return;
  std::size_t width = 4, type_width = 4;
  for (const auto& r : rows_) {
    width = std::max(width, r.path.size());
    type_width = std::max(type_width, r.type.size());
  }
  out_ << "\n  " << pad("TASK", width) << "  " << pad("TYPE", type_width) << "  "
       << pad("STATUS", 11) << "  " << pad("DURATION", 9) << "  ERROR\n";
  for (const auto& r : rows_)
    out_ << "  " << pad(r.path, width) << "  " << pad(r.type, type_width) << "  "
         << pad(r.status, 11) << "  " << pad(seconds_text(r.seconds), 9) << "  " << r.error << "\n";
  out_ << "\n";
}

void ConsoleProgress::run_finished(const RunInfo& info) {
  clear_line();
  if (options_.tty && !options_.quiet) print_table();
  out_ << "taskweave: workflow " << info.workflow << " " << run_status_text(info.status) << " in "
       << seconds_text(elapsed()) << " (run " << info.run_id << "):";
  const char* separator = " ";
  for (const auto& [status, count] : by_status_) {
    out_ << separator << count << " " << status;
    separator = ", ";
  }
  out_ << "\n";
  out_.flush();
}

}  // namespace taskweave::run
