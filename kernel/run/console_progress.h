// What a person sees while a run goes (issue 5, "Seeing it run"). On a terminal: one status
// line redrawn in place (running, done, failed, total, elapsed) and a summary table at the end.
// Otherwise (a pipe, a CI log): one plain line per task that ends, then a summary line. Under
// --dry-run each task's description (what it would have done) follows its line.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "run/run_events.h"

namespace taskweave::run {

struct ConsoleOptions {
  bool tty = false;
  bool quiet = false;  // only the final summary line
  bool dry_run = false;
  std::size_t total_tasks = 0;  // tasks of the workflow and of every worklet instance
};

class ConsoleProgress : public RunObserver {
 public:
  ConsoleProgress(std::ostream& out, ConsoleOptions options);

  void run_started(const RunInfo& info) override;
  void task_started(const TaskEvent& e) override;
  void task_finished(const TaskEvent& e) override;
  void task_did_not_run(const TaskEvent& e) override;
  void log(const LogEvent& e) override;
  void run_finished(const RunInfo& info) override;

 private:
  struct Row {
    std::string path, type, status, error;
    double seconds = -1;
  };
  void redraw(bool force);
  void clear_line();
  void print_line(const Row& row, const std::string& description);
  void print_table();
  double elapsed() const;

  std::ostream& out_;
  ConsoleOptions options_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::size_t running_ = 0, done_ = 0, failed_ = 0, did_not_run_ = 0;
  std::map<std::string, std::size_t> by_status_;
  std::vector<Row> rows_;
  bool line_shown_ = false;
};

}  // namespace taskweave::run
