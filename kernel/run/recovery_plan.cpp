#include "run/recovery_plan.h"

#include <algorithm>

#include "model/text.h"
#include "run/names.h"

namespace taskweave::run {

RecoveryPlan::RecoveryPlan(RecordedRun run, const model::Workflow& workflow,
                           const RunConfig& config)
    : run_(std::move(run)), config_(config), suspend_on_error_(workflow.suspend_on_error) {
  for (std::size_t i = 0; i < run_.tasks.size(); ++i) by_path_[upper_ascii(run_.tasks[i].path)] = i;
  for (const auto& l : run_.links) {
    links_[{upper_ascii(l.from), upper_ascii(l.to)}] = l.result;
    sources_with_links_.insert(upper_ascii(l.from));
  }
}

const TaskEvent* RecoveryPlan::task(std::string_view path) const {
  auto it = by_path_.find(upper_ascii(path));
  return it == by_path_.end() ? nullptr : &run_.tasks[it->second];
}

std::optional<bool> RecoveryPlan::link(std::string_view from, std::string_view to) const {
  auto it = links_.find({upper_ascii(from), upper_ascii(to)});
  if (it == links_.end()) return std::nullopt;
  return it->second;
}

const std::map<std::string, expr::Value>* RecoveryPlan::variables(const std::string& scope) const {
  auto it = run_.variables.find(scope);
  return it == run_.variables.end() ? nullptr : &it->second;
}

RecoveryPlan::Decision RecoveryPlan::decide(std::string_view path, std::string_view type) const {
  const TaskEvent* recorded = task(path);
  if (!recorded) return Decision::Run;
  switch (recorded->status) {
    case expr::Status::Succeeded:
    case expr::Status::Disabled:
      return Decision::Replay;
    case expr::Status::Failed: {
      // Suspended on error: the failure held its links back; `recover` runs the task again.
      const bool suspended = suspend_on_error_ && run_.info.status == RunStatus::Suspended &&
                             !sources_with_links_.count(upper_ascii(path));
      return suspended ? Decision::Run : Decision::Replay;
    }
    case expr::Status::Started:
      return config_.recovery_strategy(type) == RecoveryStrategy::FailAndContinue
                 ? Decision::FailInterrupted
                 : Decision::Run;
    case expr::Status::Stopped:
    case expr::Status::Aborted:
    case expr::Status::NotStarted:
      break;
  }
  return Decision::Run;
}

std::optional<std::string> recovery_problem(const RecordedRun& run,
                                            const model::Workflow& workflow) {
  const std::string id = run.info.run_id;
  switch (run.info.status) {
    case RunStatus::Succeeded:
      return "run " + id + " succeeded; there is nothing to recover";
    case RunStatus::Failed:
      return "run " + id + " FAILED; a failed workflow is not recoverable (run it again instead)";
    case RunStatus::Running:
      if (!run.killed)
        return "run " + id + " is still running; stop it first ('taskweave stop " + id + "')";
      break;
    case RunStatus::Stopped:
    case RunStatus::Aborted:
    case RunStatus::Suspended:
      break;
  }
  if (!model::iequals(run.info.workflow, workflow.name))
    return "run " + id + " is of workflow " + run.info.workflow + ", not " +
           std::string(workflow.name);
  if (run.info.definition_hash != workflow.definition_hash_hex())
    return "the definition of workflow " + std::string(workflow.name) + " changed since run " + id +
           " (hash " + run.info.definition_hash + ", now " + workflow.definition_hash_hex() +
           "); recovery needs the same definition";
  return std::nullopt;
}

}  // namespace taskweave::run
