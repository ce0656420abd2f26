// Scheduler: construction, the external events, and dispatching ready tasks into slots.
#include "run/scheduler.h"

#include <algorithm>

#include "model/text.h"
#include "run/names.h"
#include "run/scheduler_cache.h"

namespace taskweave::run {
namespace {

std::vector<std::size_t> pool_limits(const Limits& limits) {
  std::vector<std::size_t> out;
  for (const auto& [type, limit] : limits.pools) out.push_back(limit);
  return out;
}

}  // namespace

Scheduler::Scheduler(const model::Workflow& workflow, SchedulerOptions options, const Clock& clock,
                     RunObserver& observer)
    : workflow_(workflow),
      options_(std::move(options)),
      clock_(clock),
      observer_(observer),
      inputs_(options_.inputs ? options_.inputs : &no_inputs_),
      slots_(options_.limits.max_parallel, pool_limits(options_.limits)) {
  for (const auto& [type, limit] : options_.limits.pools) pool_types_.push_back(upper_ascii(type));
  for (const auto& type : options_.suspend_types) suspend_types_.push_back(upper_ascii(type));
}

Scheduler::~Scheduler() = default;

void Scheduler::start() {
  if (started_) return;
  started_ = true;
  // A recovered run keeps the start of the run it continues (WORKFLOWSTARTTIME, history).
  if (!options_.recovery || options_.info.start == expr::DateTime{})
    options_.info.start = clock_.now();
  options_.info.status = RunStatus::Running;
  out_->run_started(options_.info);
  const FrameIndex root = open_frame(workflow_.root, kNoFrame, 0);
  if (auto error = init_variables(root)) {
    log_run(3, "TW_VARIABLE", *error);
    frames_[root].fail_requested = true;
    frames_[root].fail_reason = *error;
    frames_[root].finished = true;
    frames_[root].status = RunStatus::Failed;
    finish_run(RunStatus::Failed);
    return;
  }
  restore_variables(root);
  start_frame(root);
  settle();
}

void Scheduler::task_finished(TaskId id, TaskOutcome outcome) {
  TaskRecord& rec = frames_[id.frame].tasks[id.task];
  // A late report (the task was already forced to end after the abort timeout) is ignored.
  if (rec.phase != Phase::Running) return;
  slots_.release(pool_of(id));
  --frames_[id.frame].active;
  complete(id, std::move(outcome));
  settle();
}

void Scheduler::task_yielded(TaskId id, WakeCondition condition) {
  Frame& frame = frames_[id.frame];
  TaskRecord& rec = frame.tasks[id.task];
  if (rec.phase != Phase::Running) return;
  slots_.release(pool_of(id));
  rec.phase = Phase::Yielded;
  ++rec.wake_generation;
  const bool due = !condition.at || *condition.at <= clock_.now();
  std::string event = upper_ascii(condition.event);
  if (options_.dry_run || effective_cancel(id.frame) != CancelKind::None ||
      (!event.empty() && event_raised(id.frame, event)) || (due && event.empty())) {
    wake(id);
  } else {
    if (condition.at) timers_.push({*condition.at, id, rec.wake_generation});
    if (!event.empty()) frame.event_waiters.push_back({id.task, std::move(event)});
  }
  settle();
}

void Scheduler::wake_due() {
  const expr::DateTime now = clock_.now();
  while (!timers_.empty() && timers_.top().at <= now) {
    Timer timer = timers_.top();
    timers_.pop();
    const TaskRecord& rec = record(timer.task);
    if (rec.phase == Phase::Yielded && rec.wake_generation == timer.generation) wake(timer.task);
  }
  settle();
}

void Scheduler::cancel(CancelKind kind, const std::string& reason) {
  if (finished_ || !started_) return;
  cancel_frame(0, kind, reason);
  settle();
}

std::vector<Action> Scheduler::take_actions() {
  std::vector<Action> out;
  out.swap(actions_);
  return out;
}

std::optional<expr::DateTime> Scheduler::next_wake() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.top().at;
}

std::vector<TaskId> Scheduler::unfinished_tasks() const {
  std::vector<TaskId> out;
  for (FrameIndex f = 0; f < frames_.size(); ++f) {
    const Frame& frame = frames_[f];
    if (frame.finished) continue;
    for (std::uint32_t t = 0; t < frame.tasks.size(); ++t) {
      const TaskRecord& rec = frame.tasks[t];
      const bool held =
          rec.phase == Phase::Running || rec.phase == Phase::Yielded || rec.phase == Phase::Woken;
      if (held && rec.child == kNoFrame && frame.graph->tasks[t].type != model::TaskType::Worklet)
        out.push_back({f, t});
    }
  }
  return out;
}

void Scheduler::abandon(TaskId id, TaskOutcome outcome) {
  TaskRecord& rec = frames_[id.frame].tasks[id.task];
  switch (rec.phase) {
    case Phase::Running:
      slots_.release(pool_of(id));
      break;
    case Phase::Yielded:
    case Phase::Woken:
      ++rec.wake_generation;
      break;  // a queued resume is skipped at dispatch
    default:
      return;
  }
  std::erase_if(frames_[id.frame].event_waiters, [&](const auto& w) { return w.first == id.task; });
  --frames_[id.frame].active;
  complete(id, std::move(outcome));
  settle();
}

RunStatus Scheduler::status() const {
  return frames_.empty() ? RunStatus::Running : frames_.front().status;
}

const model::TaskInstance& Scheduler::instance(TaskId id) const {
  return frames_[id.frame].graph->tasks[id.task];
}

std::string Scheduler::path(TaskId id) const {
  const Frame& frame = frames_[id.frame];
  std::string out;
  out.reserve(frame.prefix.size() + frame.graph->tasks[id.task].name.size());
  out += frame.prefix;
  out += frame.graph->tasks[id.task].name;
  return out;
}

CancelKind Scheduler::effective_cancel(FrameIndex index) const {
  CancelKind kind = CancelKind::None;
  for (FrameIndex f = index; f != kNoFrame; f = frames_[f].parent)
    kind = std::max(kind, frames_[f].cancel);
  return kind;
}

bool Scheduler::event_raised(FrameIndex frame, std::string_view event) const {
  const auto& raised = frames_[frame].raised_events;
  return std::any_of(raised.begin(), raised.end(),
                     [&](const std::string& e) { return model::iequals(e, event); });
}

bool Scheduler::has_event(FrameIndex frame, std::string_view event) const {
  const auto& events = frames_[frame].graph->events;
  return std::any_of(events.begin(), events.end(),
                     [&](const model::Event& e) { return model::iequals(e.name, event); });
}

std::optional<std::size_t> Scheduler::variable_index(FrameIndex frame,
                                                     std::string_view name) const {
  const auto& vars = caches_.at(frames_[frame].graph)->variables;
  auto it = vars.find(name);
  if (it == vars.end()) return std::nullopt;
  return it->second;
}

expr::Type Scheduler::variable_type(FrameIndex frame, std::size_t index) const {
  return caches_.at(frames_[frame].graph)->variable_types[index];
}

// --- Dispatch --------------------------------------------------------------------------------

void Scheduler::settle() {
  for (;;) {
    run_work();
    maybe_finish_frames();
    if (!work_.empty()) continue;
    dispatch();
    if (work_.empty() && dirty_frames_.empty()) break;
  }
}

void Scheduler::run_work() {
  while (!work_.empty()) {
    LinkWork work = work_.front();
    work_.pop_front();
    resolve_link(work);
  }
}

void Scheduler::begin_task(TaskId id) {
  if (options_.recovery && recover_task(id)) return;
  enqueue(id, false);
}

void Scheduler::enqueue(TaskId id, bool resume) {
  TaskRecord& rec = frames_[id.frame].tasks[id.task];
  rec.phase = resume ? Phase::Woken : Phase::Queued;
  if (!resume) ++frames_[id.frame].active;
  slots_.push(id, pool_of(id), resume);
}

void Scheduler::wake(TaskId id) {
  Frame& frame = frames_[id.frame];
  ++frame.tasks[id.task].wake_generation;
  std::erase_if(frame.event_waiters, [&](const auto& w) { return w.first == id.task; });
  enqueue(id, true);
}

void Scheduler::dispatch() {
  while (auto entry = slots_.pop()) {
    const TaskId id = entry->task;
    Frame& frame = frames_[id.frame];
    TaskRecord& rec = frame.tasks[id.task];
    if (entry->resume) {
      if (rec.phase != Phase::Woken) {  // abandoned while it waited for a slot
        slots_.release(entry->pool);
        continue;
      }
      rec.phase = Phase::Running;
      actions_.push_back({Action::Kind::Resume, id, effective_cancel(id.frame)});
      continue;
    }
    if (effective_cancel(id.frame) != CancelKind::None) {
      // Stopping: no new task starts. It stays unstarted and is reported as did not run.
      slots_.release(entry->pool);
      rec.phase = Phase::Waiting;
      --frame.active;
      mark_dirty(id.frame);
      continue;
    }
    rec.phase = Phase::Running;
    rec.status = expr::Status::Started;
    ++rec.attempt;
    rec.start = clock_.now();
    rec.has_start = true;
    out_->task_started(task_event(id));
    actions_.push_back({Action::Kind::Run, id, CancelKind::None});
  }
}

std::uint16_t Scheduler::pool_of(TaskId id) const {
  return caches_.at(frames_[id.frame].graph)->pool[id.task];
}

const Scheduler::GraphCache& Scheduler::cache(const model::Graph& graph) {
  auto& slot = caches_[&graph];
  if (!slot) slot = std::make_unique<GraphCache>(graph, pool_types_);
  return *slot;
}

void Scheduler::mark_dirty(FrameIndex frame) {
  if (frames_[frame].dirty) return;
  frames_[frame].dirty = true;
  dirty_frames_.push_back(frame);
}

// --- Events to observers ---------------------------------------------------------------------

TaskEvent Scheduler::task_event(TaskId id) const {
  const TaskRecord& rec = record(id);
  TaskEvent event;
  event.run_id = options_.info.run_id;
  event.path = path(id);
  event.type = std::string(instance(id).type_name());
  event.status = rec.status;
  event.start = rec.start;
  event.end = rec.end;
  event.error_code = rec.error_code;
  event.error_msg = rec.error_msg;
  for (const auto& output : rec.outputs) event.vars[output.name] = output.value;
  event.attempt = std::max<int>(rec.attempt, 1);
  return event;
}

void Scheduler::log(TaskId id, int severity, std::string code, std::string message) {
  out_->log({options_.info.run_id, path(id), severity, std::move(code), std::move(message)});
}

void Scheduler::log_run(int severity, std::string code, std::string message) {
  out_->log({options_.info.run_id, "", severity, std::move(code), std::move(message)});
}

}  // namespace taskweave::run
