// Scheduler: a task's end, its outgoing links, joins and "did not run" propagation
// (semantics.md §3).
#include <algorithm>

#include "expr/expr.h"
#include "model/text.h"
#include "run/frame_scope.h"
#include "run/names.h"
#include "run/recovery_plan.h"
#include "run/scheduler.h"

namespace taskweave::run {
namespace {

bool is_terminal_for_links(expr::Status s) {
  return s == expr::Status::Succeeded || s == expr::Status::Failed || s == expr::Status::Stopped ||
         s == expr::Status::Aborted || s == expr::Status::Disabled;
}

}  // namespace

void Scheduler::complete(TaskId id, TaskOutcome outcome) {
  Frame& frame = frames_[id.frame];
  TaskRecord& rec = frame.tasks[id.task];
  const model::TaskInstance& inst = instance(id);
  rec.phase = Phase::Done;
  rec.status = outcome.status;
  rec.end = clock_.now();
  rec.has_end = true;
  rec.error_code = outcome.error_code;
  rec.error_msg = std::move(outcome.error_msg);
  rec.outputs = std::move(outcome.outputs);
  TaskEvent event = task_event(id);
  event.description = std::move(outcome.description);
  out_->task_finished(event);
  apply_effects(id, outcome);
  mark_dirty(id.frame);

  if (rec.status == expr::Status::Failed && inst.fail_parent_if_fails && !frame.fail_requested) {
    frame.fail_requested = true;
    frame.fail_reason = "task " + path(id) + " failed and fails its parent";
  }
  if (rec.status == expr::Status::Failed && workflow_.suspend_on_error) {
    const std::string type = upper_ascii(inst.type_name());
    if (std::find(suspend_types_.begin(), suspend_types_.end(), type) != suspend_types_.end()) {
      // Suspend on Error: the failed task's links wait for `recover` to re-run it.
      rec.phase = Phase::Suspended;
      ++frame.suspended;
      log(id, 2, "TW_SUSPEND",
          "task failed under Suspend on Error; its links are not evaluated and the workflow "
          "suspends when nothing else runs");
      return;
    }
  }
  if (is_terminal_for_links(rec.status)) evaluate_out_links(id);
}

void Scheduler::apply_effects(TaskId id, const TaskOutcome& outcome) {
  Frame& frame = frames_[id.frame];
  for (const auto& assignment : outcome.assignments) {
    auto index = variable_index(id.frame, assignment.name);
    if (!index) continue;  // the host refused undeclared names when the task set them
    frame.variables[*index] = assignment.value;
    const model::Variable& declared = frame.graph->variables[*index];
    out_->variable_changed({options_.info.run_id, frame_scope_name(frame),
                            std::string(declared.name), assignment.value, false});
  }
  for (const auto& control : outcome.controls) apply_control(id, control);
  for (const auto& event : outcome.raised_events) {
    std::string name = upper_ascii(event);
    if (!event_raised(id.frame, name)) {
      // Journaled before anything acts on it: a recovered run must still see it raised.
      out_->event_raised({options_.info.run_id, frame_scope_name(frame), name});
      frame.raised_events.push_back(name);
    }
    std::vector<std::uint32_t> woken;
    for (const auto& [task, waited] : frame.event_waiters)
      if (waited == name) woken.push_back(task);
    for (std::uint32_t task : woken) wake({id.frame, task});
  }
}

void Scheduler::evaluate_out_links(TaskId id) {
  const Frame& frame = frames_[id.frame];
  const model::Graph& graph = *frame.graph;
  const model::TaskInstance& inst = graph.tasks[id.task];
  if (inst.out_links.empty()) return;
  const FrameScope scope(*this, id.frame);
  for (model::LinkIndex l : inst.out_links) {
    const model::Link& link = graph.links[l];
    bool fired = true;
    std::string error;
    std::optional<bool> recorded;
    if (out_ == &silent_ && options_.recovery)
      recorded = options_.recovery->link(path(id), path({id.frame, link.to}));
    if (recorded) {
      fired = *recorded;  // a replayed task's links keep the results they had
    } else if (link.parsed_condition) {
      if (!link.parsed_condition->empty()) {
        expr::EvalResult r = expr::evaluate(*link.parsed_condition, scope);
        if (r.error) {
          fired = false;  // a run-time error makes the link FALSE (our choice), and is logged
          error = *r.error;
        } else {
          fired = expr::is_true(r.value);
        }
      }
    } else if (!link.condition.empty()) {
      auto parsed = expr::parse(link.condition);
      fired = false;
      error = "the condition does not parse: " +
              (parsed.error ? parsed.error->message : std::string("unknown error"));
    }
    LinkEvent event{options_.info.run_id,        path(id), path({id.frame, link.to}),
                    std::string(link.condition), fired,    error};
    out_->link_evaluated(event);
    work_.push_back({id.frame, link.to, id.task, fired});
  }
}

void Scheduler::resolve_link(const LinkWork& work) {
  Frame& frame = frames_[work.frame];
  TaskRecord& rec = frame.tasks[work.target];
  if (rec.phase != Phase::Waiting || rec.triggered) return;
  ++rec.resolved_links;
  const model::TaskInstance& inst = frame.graph->tasks[work.target];
  const bool all_resolved = rec.resolved_links >= inst.in_links.size();
  if (work.fired) {
    // PrevTaskStatus: the status of the task that ran before this one on the path; a disabled
    // task passes on its own predecessor's status (semantics.md §3.5).
    const TaskRecord& source = frame.tasks[work.source];
    if (source.status == expr::Status::Disabled) {
      rec.has_prev_status = source.has_prev_status;
      rec.prev_status = source.prev_status;
    } else {
      rec.has_prev_status = true;
      rec.prev_status = source.status;
    }
    if (inst.join == model::JoinKind::Or || all_resolved) became_ready({work.frame, work.target});
  } else if (inst.join == model::JoinKind::And || all_resolved) {
    did_not_run({work.frame, work.target});
  }
}

void Scheduler::became_ready(TaskId id) {
  Frame& frame = frames_[id.frame];
  TaskRecord& rec = frame.tasks[id.task];
  rec.triggered = true;
  mark_dirty(id.frame);
  // A stopping frame starts nothing new; the task is reported as did not run when it ends.
  if (effective_cancel(id.frame) != CancelKind::None) return;
  const model::TaskInstance& inst = instance(id);
  if (!inst.enabled) {
    TaskOutcome disabled;
    disabled.status = expr::Status::Disabled;
    RunObserver* saved = out_;
    if (options_.recovery && options_.recovery->task(path(id))) out_ = &silent_;  // reported
    complete(id, std::move(disabled));
    out_ = saved;
    return;
  }
  if (inst.type == model::TaskType::Worklet) {
    start_worklet(id);
    return;
  }
  begin_task(id);
}

void Scheduler::did_not_run(TaskId id) {
  Frame& frame = frames_[id.frame];
  TaskRecord& rec = frame.tasks[id.task];
  rec.phase = Phase::DidNotRun;
  mark_dirty(id.frame);
  TaskEvent event = task_event(id);
  out_->task_did_not_run(event);
  const model::TaskInstance& inst = instance(id);
  if (inst.fail_parent_if_did_not_run && !frame.fail_requested) {
    frame.fail_requested = true;
    frame.fail_reason = "task " + event.path + " did not run and fails its parent";
  }
  // A link whose source did not run counts as not fired (§3.4).
  for (model::LinkIndex l : inst.out_links)
    work_.push_back({id.frame, frame.graph->links[l].to, id.task, false});
}

}  // namespace taskweave::run
