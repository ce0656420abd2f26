// TaskContext: what the task is (info, attributes, XML nodes), logs, time, configuration and
// the collected outcome. Variables and expressions are in task_context_vars.cpp.
#include "run/task_context.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "model/text.h"
#include "run/abi_values.h"
#include "run/scheduler.h"

namespace taskweave::run {
namespace {

const tw_node* handle_of(pugi::xml_node n) {
  return n ? reinterpret_cast<const tw_node*>(n.internal_object()) : nullptr;
}

tw_value datetime_value(expr::DateTime t) {
  tw_value v{};
  v.type = TW_VALUE_DATETIME;
  v.seconds = t.seconds;
  v.nanos = t.nanos;
  return v;
}

}  // namespace

TaskContext::TaskContext(RunServices& services, TaskId id) : services_(services), id_(id) {
  const Scheduler& s = *services.scheduler;
  std::shared_lock lock(*services.state_lock);
  instance_ = &s.instance(id);
  dry_run_ = s.dry_run();
  attempt_ = std::max<int>(s.record(id).attempt, 1);
  cancel_ = s.effective_cancel(id.frame);
}

const std::string& TaskContext::path() {
  if (path_.empty()) {
    std::shared_lock lock(*services_.state_lock);
    path_ = services_.scheduler->path(id_);
  }
  return path_;
}

const tw_task_info* TaskContext::task_info() {
  if (info_.struct_size != 0) return &info_;
  const Scheduler& s = *services_.scheduler;
  path();
  instance_name_ = std::string(instance_->name);
  task_name_ = std::string(instance_->task_name);
  type_ = std::string(instance_->type_name());
  workflow_ = s.info().workflow;
  folder_ = s.info().folder;
  run_id_ = s.info().run_id;
  info_.path = path_.c_str();
  info_.instance_name = instance_name_.c_str();
  info_.task_name = task_name_.c_str();
  info_.task_type = type_.c_str();
  info_.workflow_name = workflow_.c_str();
  info_.folder_name = folder_.c_str();
  info_.run_id = run_id_.c_str();
  info_.reusable = instance_->reusable ? 1 : 0;
  info_.definition_found = instance_->definition ? 1 : 0;
  info_.dry_run = dry_run_ ? 1 : 0;
  info_.attempt = attempt_;
  info_.struct_size = sizeof(tw_task_info);
  return &info_;
}

void TaskContext::log(tw_log_level level, const char* message) {
  if (!message || !services_.post_log) return;
  services_.post_log({services_.scheduler->info().run_id, path(), static_cast<int>(level),
                      "TW_TASK", services_.secrets->mask(message)});
}

void TaskContext::task_log_write(const char* data, size_t size) {
  if (!data || size == 0) return;
  if (!task_log_) task_log_.emplace(task_log_path(), services_.config->task_log_max_bytes());
  if (services_.secrets->empty()) {
    task_log_->write({data, size});
  } else {
    task_log_->write(services_.secrets->mask({data, size}));
  }
}

const char* TaskContext::task_log_path() {
  if (task_log_) return task_log_->path().c_str();
  const std::filesystem::path dir = std::filesystem::path(services_.dirs[TW_DIR_LOG]) / "tasks";
  return keep((dir / task_log_file_name(path())).string());
}

const char* TaskContext::attribute(const char* name) {
  if (!name) return nullptr;
  const model::Attribute* a = instance_->effective_attribute(name);
  // The model's views point into the parsed document, whose values are NUL-terminated.
  return a ? a->xml.attribute("VALUE").value() : nullptr;
}

size_t TaskContext::value_pairs(const tw_value_pair** out) {
  if (!pairs_ready_) {
    for (const model::ValuePair& vp : instance_->effective_value_pairs())
      pairs_.push_back(
          {vp.xml.attribute("NAME").value(), vp.xml.attribute("VALUE").value(), vp.exec_order});
    pairs_ready_ = true;
  }
  if (out) *out = pairs_.data();
  return pairs_.size();
}

const tw_node* TaskContext::definition_node() const {
  return instance_->definition ? handle_of(instance_->definition->xml) : nullptr;
}

const tw_node* TaskContext::instance_node() const { return handle_of(instance_->xml); }

const tw_node* TaskContext::resolve_definition(const char* element, const char* name) const {
  if (!element || !name) return nullptr;
  // Like TASKNAME resolution: the enclosing WORKLET/WORKFLOW first, then outwards to FOLDER.
  pugi::xml_node start;
  {
    std::shared_lock lock(*services_.state_lock);
    start = services_.scheduler->frame(id_.frame).graph->xml;
  }
  for (pugi::xml_node container = start; container; container = container.parent()) {
    for (pugi::xml_node child : container.children(element))
      if (model::iequals(child.attribute("NAME").value(), name)) return handle_of(child);
    if (std::string_view(container.name()) == "FOLDER") break;
  }
  return nullptr;
}

int TaskContext::sleep(int64_t timeout_ms) {
  std::unique_lock lock(sleep_mutex_);
  sleep_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0)),
                     [&] { return cancel_.load() != CancelKind::None; });
  return cancel_requested();
}

void TaskContext::cancel(CancelKind kind) {
  {
    std::lock_guard lock(sleep_mutex_);
    if (kind > cancel_.load()) cancel_ = kind;
  }
  sleep_cv_.notify_all();
}

void TaskContext::yield_until(int64_t seconds, int32_t nanos, const char* event) {
  wake_ = WakeCondition{expr::DateTime{seconds, nanos}, event ? std::string(event) : ""};
}

WakeCondition TaskContext::take_wake() {
  WakeCondition wake = wake_.value_or(WakeCondition{});
  wake_.reset();
  return wake;
}

tw_value TaskContext::start_time(int which) const {
  const Scheduler& s = *services_.scheduler;
  std::shared_lock lock(*services_.state_lock);
  if (which == 0) return datetime_value(s.record(id_).start);
  if (which == 1) return datetime_value(s.frame(id_.frame).start);
  return datetime_value(s.info().start);
}

tw_value TaskContext::now() const { return datetime_value(services_.scheduler->clock().now()); }

const char* TaskContext::config(const char* key) const {
  return key ? services_.config->c_str(key) : nullptr;
}

const char* TaskContext::dir(tw_dir which) const {
  const auto index = static_cast<std::size_t>(which);
  return index < services_.dirs.size() ? services_.dirs[index].c_str() : nullptr;
}

void TaskContext::add_secret(const char* secret) {
  if (secret) services_.secrets->add(secret);
}

void TaskContext::describe(const char* what) {
  if (!what) return;
  if (!outcome_.description.empty()) outcome_.description += "\n";
  outcome_.description += what;
}

void TaskContext::set_error(int64_t code, const char* message) {
  outcome_.error_code = code;
  outcome_.error_msg = message ? message : "";
  error_set_ = true;
}

tw_rc TaskContext::control(tw_control action, const char* reason) {
  if (action < TW_CONTROL_FAIL_PARENT || action > TW_CONTROL_ABORT_TOP) return TW_ERR_INVALID;
  outcome_.controls.push_back({static_cast<ControlAction>(action), reason ? reason : ""});
  return TW_OK;
}

tw_rc TaskContext::raise_event(const char* event) {
  if (!event) return TW_ERR_INVALID;
  {
    std::shared_lock lock(*services_.state_lock);
    if (!services_.scheduler->has_event(id_.frame, event)) return TW_ERR_NOT_FOUND;
  }
  outcome_.raised_events.emplace_back(event);
  return TW_OK;
}

int TaskContext::event_raised(const char* event) {
  if (!event) return 0;
  for (const auto& raised : outcome_.raised_events)
    if (model::iequals(raised, event)) return 1;
  std::shared_lock lock(*services_.state_lock);
  return services_.scheduler->event_raised(id_.frame, event) ? 1 : 0;
}

TaskOutcome TaskContext::take_outcome(expr::Status status) {
  TaskOutcome out = std::move(outcome_);
  out.status = status;
  outcome_ = TaskOutcome{};
  return out;
}

const char* TaskContext::keep(std::string text) {
  return arena_.emplace_back(std::move(text)).c_str();
}

}  // namespace taskweave::run
