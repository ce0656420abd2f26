#include "run/frame_scope.h"

#include "model/task_type.h"
#include "model/text.h"
#include "run/scheduler.h"

namespace taskweave::run {

using model::iequals;

expr::VarRef reference_from_name(std::string_view name) {
  expr::VarRef ref;
  if (name.starts_with("$$")) {
    ref.kind = expr::VarRef::Kind::UserVar;
    ref.name = std::string(name);
  } else if (auto dot = name.find('.'); name.starts_with("$") && dot != std::string_view::npos) {
    ref.kind = expr::VarRef::Kind::TaskVar;
    ref.task = std::string(name.substr(1, dot - 1));
    ref.name = std::string(name.substr(dot + 1));
  } else {
    ref.kind = expr::VarRef::Kind::Builtin;
    ref.name = std::string(name);
  }
  return ref;
}

std::optional<expr::Value> FrameScope::lookup(const expr::VarRef& ref) const {
  switch (ref.kind) {
    case expr::VarRef::Kind::TaskVar:
      return task_variable(ref.task, ref.name);
    case expr::VarRef::Kind::UserVar:
      return user_variable(ref.name);
    case expr::VarRef::Kind::Builtin:
      return builtin(ref.name);
  }
  return std::nullopt;
}

expr::DateTime FrameScope::now() const { return scheduler_.clock().now(); }

std::optional<expr::Value> FrameScope::task_variable(std::string_view task,
                                                     std::string_view name) const {
  const Frame& frame = scheduler_.frame(frame_);
  auto index = frame.graph->find_task(task);
  if (!index) return std::nullopt;
  const TaskRecord& rec = frame.tasks[*index];
  const model::TaskInstance& inst = frame.graph->tasks[*index];
  const bool ran = rec.has_start || rec.status == expr::Status::Disabled;
  if (iequals(name, "Status")) return expr::Value::status(rec.status);
  if (iequals(name, "PrevTaskStatus"))
    return rec.has_prev_status ? expr::Value::status(rec.prev_status) : expr::Value::null();
  if (iequals(name, "StartTime"))
    return rec.has_start ? expr::Value::datetime(rec.start) : expr::Value::null();
  if (iequals(name, "EndTime"))
    return rec.has_end ? expr::Value::datetime(rec.end) : expr::Value::null();
  if (iequals(name, "ErrorCode")) return ran ? expr::Value::integer(rec.error_code) : expr::Value();
  if (iequals(name, "ErrorMsg")) return ran ? expr::Value::string(rec.error_msg) : expr::Value();
  for (const auto& output : rec.outputs)
    if (iequals(output.name, name)) return output.value;
  // A predefined variable the task has not set yet is NULL; any other name is an error.
  if (model::is_predefined_variable(inst.type, name)) return expr::Value::null();
  return std::nullopt;
}

std::optional<expr::Value> FrameScope::user_variable(std::string_view name) const {
  if (pending_) {
    // The task's own assignments, latest first.
    for (auto it = pending_->rbegin(); it != pending_->rend(); ++it)
      if (iequals(it->name, name)) return it->value;
  }
  if (auto index = scheduler_.variable_index(frame_, name))
    return scheduler_.frame(frame_).variables[*index];
  if (auto value = parameter(name)) return value;
  // Inside a session, an undeclared $$ name is one of its mapping's parameters or variables,
  // declared in a MAPPING the export usually leaves out: it reads as NULL, not as an error.
  if (task_ && scheduler_.instance(*task_).type == model::TaskType::Session)
    return expr::Value::null();
  return std::nullopt;
}

std::optional<expr::Value> FrameScope::builtin(std::string_view name) const {
  const RunInfo& info = scheduler_.info();
  const model::Workflow& wf = scheduler_.workflow();
  if (iequals(name, "SYSDATE") || iequals(name, "SYSTIMESTAMP"))
    return expr::Value::datetime(now());
  if (iequals(name, "WORKFLOWSTARTTIME")) return expr::Value::datetime(info.start);
  if (iequals(name, "$PMWorkflowName")) return expr::Value::string(info.workflow);
  if (iequals(name, "$PMWorkflowRunId")) return expr::Value::string(info.run_id);
  if (iequals(name, "$PMWorkflowRunInstanceName")) return expr::Value::string(info.run_instance);
  if (iequals(name, "$PMFolderName")) return expr::Value::string(info.folder);
  if (iequals(name, "$PMRepositoryServiceName"))
    return expr::Value::string(std::string(wf.repository));
  if (iequals(name, "$PMIntegrationServiceName"))
    return expr::Value::string(wf.root.xml.attribute("SERVERNAME").value());
  const bool session = task_ && scheduler_.instance(*task_).type == model::TaskType::Session;
  if (session && iequals(name, "$PMSessionName"))
    return expr::Value::string(std::string(scheduler_.instance(*task_).name));
  if (session && iequals(name, "$PMMappingName")) {
    const auto* def = scheduler_.instance(*task_).definition;
    return expr::Value::string(def ? def->xml.attribute("MAPPINGNAME").value() : "");
  }
  if (session && iequals(name, "SESSSTARTTIME"))
    return expr::Value::datetime(scheduler_.record(*task_).start);
  return parameter(name);
}

std::optional<expr::Value> FrameScope::parameter(std::string_view name) const {
  const Frame& frame = scheduler_.frame(frame_);
  std::string_view session;
  if (task_ && scheduler_.instance(*task_).type == model::TaskType::Session)
    session = scheduler_.instance(*task_).name;
  auto text = scheduler_.inputs().parameter(frame.worklet_path, session, name);
  if (!text) return std::nullopt;
  return expr::Value::string(std::move(*text));
}

}  // namespace taskweave::run
