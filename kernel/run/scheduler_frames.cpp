// Scheduler: frames (the workflow and each worklet instance), their start values and inputs,
// their final status (semantics.md §6), Control tasks and stop/abort (§7).
#include <algorithm>

#include "expr/expr.h"
#include "run/frame_scope.h"
#include "run/names.h"
#include "run/recovery_plan.h"
#include "run/scheduler.h"
#include "run/scheduler_cache.h"
#include "run/start_values.h"

namespace taskweave::run {
namespace {

expr::Status task_status_of(RunStatus status) {
  switch (status) {
    case RunStatus::Succeeded:
      return expr::Status::Succeeded;
    case RunStatus::Stopped:
      return expr::Status::Stopped;
    case RunStatus::Aborted:
      return expr::Status::Aborted;
    case RunStatus::Failed:
    case RunStatus::Suspended:
    case RunStatus::Running:
      break;
  }
  return expr::Status::Failed;
}

}  // namespace

FrameIndex Scheduler::open_frame(const model::Graph& graph, FrameIndex parent,
                                 std::uint32_t parent_task) {
  const GraphCache& graph_cache = cache(graph);
  const auto index = static_cast<FrameIndex>(frames_.size());
  Frame& frame = frames_.emplace_back();
  frame.graph = &graph;
  frame.parent = parent;
  frame.parent_task = parent_task;
  if (parent != kNoFrame) {
    const Frame& up = frames_[parent];
    const std::string_view name = up.graph->tasks[parent_task].name;
    frame.prefix = up.prefix + std::string(name) + ".";
    frame.worklet_path = up.worklet_path;
    frame.worklet_path.emplace_back(name);
  }
  frame.tasks.resize(graph.tasks.size());
  frame.variables.resize(graph.variables.size());
  (void)graph_cache;
  return index;
}

std::optional<std::string> Scheduler::init_variables(FrameIndex index) {
  Frame& frame = frames_[index];
  const std::string scope = frame_scope_name(frame);
  for (std::size_t v = 0; v < frame.graph->variables.size(); ++v) {
    auto value = start_value(frame.graph->variables[v], variable_type(index, v), *inputs_,
                             frame.worklet_path, scope);
    if (!value) return value.error();
    frame.variables[v] = std::move(value).value();
  }
  return std::nullopt;
}

void Scheduler::start_frame(FrameIndex index) {
  Frame& frame = frames_[index];
  frame.start = clock_.now();
  mark_dirty(index);
  const model::TaskIndex start = frame.graph->start;
  if (start == model::kNoTask) return;  // the loader reported it; nothing can run
  // The Start task is the kernel's own: it succeeds at once and its links fire.
  const TaskId id{index, start};
  TaskRecord& rec = frame.tasks[start];
  rec.triggered = true;
  rec.phase = Phase::Running;
  rec.status = expr::Status::Started;
  rec.attempt = 1;
  rec.start = frame.start;
  rec.has_start = true;
  // A recovered run already reported its Start tasks.
  RunObserver* saved = out_;
  if (options_.recovery && options_.recovery->task(path(id))) out_ = &silent_;
  out_->task_started(task_event(id));
  complete(id, TaskOutcome{});
  out_ = saved;
}

void Scheduler::start_worklet(TaskId id) {
  if (options_.recovery) {
    const TaskEvent* recorded = options_.recovery->task(path(id));
    if (recorded &&
        options_.recovery->decide(path(id), "Worklet") == RecoveryPlan::Decision::Replay) {
      replay(id, *recorded);
      return;
    }
    if (recorded)
      frames_[id.frame].tasks[id.task].attempt = static_cast<std::uint16_t>(recorded->attempt);
  }
  Frame& parent = frames_[id.frame];
  TaskRecord& rec = parent.tasks[id.task];
  const model::TaskInstance& inst = instance(id);
  rec.phase = Phase::Running;
  rec.status = expr::Status::Started;
  ++rec.attempt;
  rec.start = clock_.now();
  rec.has_start = true;
  out_->task_started(task_event(id));

  auto fail = [&](std::string message) {
    TaskOutcome failed;
    failed.status = expr::Status::Failed;
    failed.error_code = 1;
    failed.error_msg = std::move(message);
    complete(id, std::move(failed));
  };
  const std::string task_path = path(id);
  if (const Simulation* sim =
          options_.simulations ? options_.simulations->find(task_path) : nullptr) {
    TaskOutcome simulated;
    simulated.status = sim->status;
    if (sim->status != expr::Status::Succeeded) {
      simulated.error_code = 1;
      simulated.error_msg = "simulated " + std::string(expr::status_name(sim->status));
    }
    simulated.description = "would run worklet " + std::string(inst.task_name) + " (simulated " +
                            std::string(expr::status_name(sim->status)) + ")";
    complete(id, std::move(simulated));
    return;
  }
  if (!inst.worklet) {
    if (options_.dry_run) {
      TaskOutcome described;
      described.description = "would run worklet " + std::string(inst.task_name) +
                              " (its definition is not in this export)";
      complete(id, std::move(described));
    } else {
      fail("worklet " + std::string(inst.task_name) +
           " is not defined in this export; export it together with the workflow to run it");
    }
    return;
  }

  const FrameIndex child = open_frame(*inst.worklet, id.frame, id.task);
  frames_[id.frame].tasks[id.task].child = child;
  auto abandon_child = [&](std::string message) {
    frames_[child].finished = true;
    frames_[child].status = RunStatus::Failed;
    fail(std::move(message));
  };
  if (auto error = init_variables(child)) return abandon_child(*error);
  // VALUEPAIR inputs: evaluated in the parent's scope and applied after the worklet's start
  // values, so they override a parameter-file value (semantics.md §5, our choice).
  const FrameScope parent_scope(*this, id.frame);
  std::vector<std::pair<std::size_t, expr::Value>> assigned;
  for (const model::ValuePair& input : inst.value_pairs) {
    auto index = variable_index(child, input.name);
    const std::string where = "worklet input " + std::string(input.name) + " of " + task_path;
    if (!index) return abandon_child(where + ": the worklet declares no such variable");
    if (!input.expression) {
      auto parsed = expr::parse(input.value);
      return abandon_child(where + ": '" + std::string(input.value) + "' does not parse" +
                           (parsed.error ? ": " + parsed.error->message : std::string()));
    }
    expr::EvalResult result = expr::evaluate(*input.expression, parent_scope);
    if (result.error) return abandon_child(where + ": " + *result.error);
    auto coerced = expr::coerce(result.value, variable_type(child, *index));
    if (!coerced) return abandon_child(where + ": " + coerced.error());
    assigned.emplace_back(*index, std::move(coerced).value());
  }
  Frame& frame = frames_[child];
  for (auto& [index, value] : assigned) {
    frame.variables[index] = value;
    out_->variable_changed({options_.info.run_id, frame_scope_name(frame),
                            std::string(frame.graph->variables[index].name), value, false});
  }
  restore_variables(child);
  ++frames_[id.frame].active;
  start_frame(child);
}

void Scheduler::maybe_finish_frames() {
  std::vector<FrameIndex> dirty;
  dirty.swap(dirty_frames_);
  for (FrameIndex f : dirty) {
    frames_[f].dirty = false;
    if (!frames_[f].finished && frames_[f].active == 0) finish_frame(f);
  }
}

void Scheduler::finish_frame(FrameIndex index) {
  Frame& frame = frames_[index];
  frame.finished = true;
  frame.end = clock_.now();
  // Whatever has not run by now never will: unreachable tasks, tasks behind a suspended one,
  // and tasks a stop kept from starting.
  for (std::uint32_t t = 0; t < frame.tasks.size(); ++t) {
    TaskRecord& rec = frame.tasks[t];
    if (rec.phase != Phase::Waiting) continue;
    rec.phase = Phase::DidNotRun;
    TaskEvent event = task_event({index, t});
    out_->task_did_not_run(event);
    if (frame.graph->tasks[t].fail_parent_if_did_not_run && !frame.fail_requested) {
      frame.fail_requested = true;
      frame.fail_reason = "task " + event.path + " did not run and fails its parent";
    }
  }
  frame.status = final_status(frame);
  if (frame.status == RunStatus::Succeeded || frame.status == RunStatus::Failed)
    persist_variables(index);
  if (frame.parent == kNoFrame) {
    finish_run(frame.status);
    return;
  }
  const TaskId worklet{frame.parent, frame.parent_task};
  Frame& parent = frames_[frame.parent];
  --parent.active;
  if (frame.status == RunStatus::Suspended) {
    // A suspended worklet suspends its parent in turn; `recover` resumes inside it.
    parent.tasks[frame.parent_task].phase = Phase::Suspended;
    ++parent.suspended;
    mark_dirty(frame.parent);
    log(worklet, 2, "TW_SUSPEND", "worklet suspended");
    return;
  }
  TaskOutcome outcome;
  outcome.status = task_status_of(frame.status);
  if (frame.status == RunStatus::Failed) {
    outcome.error_code = 1;
    outcome.error_msg = frame.fail_reason.empty() ? "worklet failed" : frame.fail_reason;
  }
  complete(worklet, std::move(outcome));
}

RunStatus Scheduler::final_status(const Frame& frame) const {
  if (frame.cancel == CancelKind::Abort) return RunStatus::Aborted;
  if (frame.cancel == CancelKind::Stop) return RunStatus::Stopped;
  if (frame.suspended > 0) return RunStatus::Suspended;
  if (frame.fail_requested) return RunStatus::Failed;
  return RunStatus::Succeeded;  // even if some tasks failed (§6)
}

void Scheduler::cancel_frame(FrameIndex index, CancelKind kind, const std::string& reason) {
  // Frames are cancelled top-down with an explicit stack: worklets nest arbitrarily deep.
  std::vector<FrameIndex> stack{index};
  while (!stack.empty()) {
    const FrameIndex f = stack.back();
    stack.pop_back();
    Frame& frame = frames_[f];
    if (frame.finished || frame.cancel >= kind) continue;
    frame.cancel = kind;
    mark_dirty(f);
    out_->log(
        {options_.info.run_id, frame_scope_name(frame), 2, "TW_CANCEL",
         std::string(kind == CancelKind::Abort ? "abort" : "stop") + " requested: " + reason});
    for (std::uint32_t t = 0; t < frame.tasks.size(); ++t) {
      TaskRecord& rec = frame.tasks[t];
      const TaskId id{f, t};
      if (rec.child != kNoFrame && rec.phase == Phase::Running) stack.push_back(rec.child);
      if (rec.phase == Phase::Running || rec.phase == Phase::Woken)
        actions_.push_back({Action::Kind::Cancel, id, kind});
      if (rec.phase == Phase::Yielded) {
        // A waiting task wakes at once, sees the cancellation and ends.
        actions_.push_back({Action::Kind::Cancel, id, kind});
        wake(id);
      }
    }
  }
}

void Scheduler::apply_control(TaskId id, const ControlRequest& request) {
  // The task is named here, once, by its path; the plugin's reason says what it asked for.
  const std::string reason =
      request.reason.empty() ? "task " + path(id) : "task " + path(id) + ": " + request.reason;
  auto fail = [&](FrameIndex f) {
    if (frames_[f].fail_requested) return;
    frames_[f].fail_requested = true;
    frames_[f].fail_reason = reason;
  };
  switch (request.action) {
    case ControlAction::FailParent:
      fail(id.frame);
      break;
    case ControlAction::StopParent:
      cancel_frame(id.frame, CancelKind::Stop, reason);
      break;
    case ControlAction::AbortParent:
      cancel_frame(id.frame, CancelKind::Abort, reason);
      break;
    case ControlAction::FailTop:
      fail(0);
      break;
    case ControlAction::StopTop:
      cancel_frame(0, CancelKind::Stop, reason);
      break;
    case ControlAction::AbortTop:
      cancel_frame(0, CancelKind::Abort, reason);
      break;
  }
}

void Scheduler::persist_variables(FrameIndex index) {
  const Frame& frame = frames_[index];
  for (std::size_t v = 0; v < frame.variables.size(); ++v) {
    const model::Variable& declared = frame.graph->variables[v];
    if (!declared.persistent) continue;
    out_->variable_changed({options_.info.run_id, frame_scope_name(frame),
                            std::string(declared.name), frame.variables[v], true});
  }
}

void Scheduler::finish_run(RunStatus status) {
  finished_ = true;
  options_.info.status = status;
  options_.info.end = clock_.now();
  out_->run_finished(options_.info);
  actions_.push_back({Action::Kind::Finished, {}, CancelKind::None});
}

}  // namespace taskweave::run
