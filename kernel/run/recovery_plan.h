// What `taskweave recover RUN_ID` knows about the run it continues (semantics.md §7), and the
// per-task decisions that follow: a task that succeeded (or was disabled, or failed with its
// links evaluated) is replayed from its record and never runs again; a task that was stopped,
// aborted or suspended runs again; a task that was running when the host died is failed
// ("fail task and continue workflow") or restarted, per its type's recovery strategy.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/workflow.h"
#include "run/run_config.h"
#include "run/run_events.h"

namespace taskweave::run {

struct RecordedRun {
  RunInfo info;
  std::vector<TaskEvent> tasks;  // latest record per task path
  std::vector<LinkEvent> links;
  std::map<std::string, std::map<std::string, expr::Value>> variables;  // scope -> name -> value
  std::vector<std::string> raised_events;  // by path: "EV", "WKL_A.EV" (see RaisedEvent)
  bool killed = false;                     // recorded as running, but its process is gone
};

class RecoveryPlan {
 public:
  enum class Decision { Run, Replay, FailInterrupted };

  RecoveryPlan(RecordedRun run, const model::Workflow& workflow, const RunConfig& config);

  // What to do with the task at `path` of type `type` when it becomes ready. A FAILED record
  // of a suspended run with no evaluated links is a suspended task: it runs again.
  Decision decide(std::string_view path, std::string_view type) const;
  // The task's record (nullptr when it has none).
  const TaskEvent* task(std::string_view path) const;
  // The recorded result of a link, if it was evaluated.
  std::optional<bool> link(std::string_view from, std::string_view to) const;
  // Recorded values of a scope's variables (name as recorded).
  const std::map<std::string, expr::Value>* variables(const std::string& scope) const;
  const std::vector<std::string>& raised_events() const { return run_.raised_events; }
  const RecordedRun& run() const { return run_; }

 private:
  RecordedRun run_;
  const RunConfig& config_;
  bool suspend_on_error_ = false;
  std::unordered_map<std::string, std::size_t> by_path_;  // upper-cased path -> run_.tasks index
  std::map<std::pair<std::string, std::string>, bool> links_;  // upper-cased (from, to)
  std::set<std::string> sources_with_links_;                   // upper-cased
};

// Why a recorded run cannot be recovered with this workflow definition, or nullopt.
std::optional<std::string> recovery_problem(const RecordedRun& run,
                                            const model::Workflow& workflow);

}  // namespace taskweave::run
