// Scheduler: continuing a recorded run (`taskweave recover`). The recovered run goes through
// the same rules from its Start task; a task with a final record is replayed silently from it
// (status, times, output variables, and the recorded results of its links) instead of running.
#include "run/names.h"
#include "run/recovery_plan.h"
#include "run/scheduler.h"

namespace taskweave::run {

bool Scheduler::recover_task(TaskId id) {
  const std::string task_path = path(id);
  const TaskEvent* recorded = options_.recovery->task(task_path);
  switch (options_.recovery->decide(task_path, instance(id).type_name())) {
    case RecoveryPlan::Decision::Replay:
      replay(id, *recorded);
      return true;
    case RecoveryPlan::Decision::FailInterrupted: {
      TaskRecord& rec = frames_[id.frame].tasks[id.task];
      rec.phase = Phase::Running;
      rec.attempt = static_cast<std::uint16_t>(recorded->attempt);
      rec.start = recorded->start;
      rec.has_start = true;
      TaskOutcome failed;
      failed.status = expr::Status::Failed;
      failed.error_code = 1;
      failed.error_msg = "the task was running when run " + options_.info.run_id +
                         " ended abnormally; recovery strategy 'fail task and continue workflow'";
      complete(id, std::move(failed));
      return true;
    }
    case RecoveryPlan::Decision::Run:
      // A task that ran before counts its attempts on; one that did not run starts at 1.
      if (recorded && recorded->status != expr::Status::NotStarted)
        frames_[id.frame].tasks[id.task].attempt = static_cast<std::uint16_t>(recorded->attempt);
      return false;
  }
  return false;
}

void Scheduler::replay(TaskId id, const TaskEvent& recorded) {
  TaskRecord& rec = frames_[id.frame].tasks[id.task];
  rec.phase = Phase::Running;
  rec.attempt = static_cast<std::uint16_t>(recorded.attempt);
  rec.start = recorded.start;
  rec.has_start = recorded.status != expr::Status::Disabled;
  TaskOutcome outcome;
  outcome.status = recorded.status;
  outcome.error_code = recorded.error_code;
  outcome.error_msg = recorded.error_msg;
  for (const auto& [name, value] : recorded.vars) outcome.outputs.push_back({name, value});
  RunObserver* saved = out_;
  out_ = &silent_;
  complete(id, std::move(outcome));
  out_ = saved;
  rec.end = recorded.end;
}

void Scheduler::restore_variables(FrameIndex index) {
  if (!options_.recovery) return;
  Frame& frame = frames_[index];
  if (const auto* values = options_.recovery->variables(frame_scope_name(frame))) {
    for (const auto& [name, value] : *values)
      if (auto v = variable_index(index, name)) frame.variables[*v] = value;
  }
  // Raised events are recorded by path ("EV", "WKL_A.EV"): only the frame that raised one
  // sees it again, not another worklet or the workflow declaring an event of the same name.
  const std::string scope = frame_scope_name(frame);
  for (const std::string& recorded : options_.recovery->raised_events()) {
    const auto dot = recorded.rfind('.');
    const std::string_view event_scope =
        dot == std::string::npos ? std::string_view() : std::string_view(recorded).substr(0, dot);
    const std::string_view event = dot == std::string::npos
                                       ? std::string_view(recorded)
                                       : std::string_view(recorded).substr(dot + 1);
    if (model::iequals(event_scope, scope) && has_event(index, event) &&
        !event_raised(index, event))
      frame.raised_events.push_back(upper_ascii(event));
  }
}

}  // namespace taskweave::run
