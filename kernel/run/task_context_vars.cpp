// TaskContext: variables, expressions, text expansion and output variables.
#include <cstring>
#include <mutex>

#include "expr/expr.h"
#include "model/task_type.h"
#include "model/text.h"
#include "params/expand_variables.h"
#include "run/abi_values.h"
#include "run/frame_scope.h"
#include "run/scheduler.h"
#include "run/secret_masker.h"
#include "run/task_context.h"

namespace taskweave::run {
namespace {

void write_error(tw_error_buf* err, const std::string& message) {
  if (!err || !err->data || err->capacity == 0) return;
  const size_t n = std::min(message.size(), err->capacity - 1);
  std::memcpy(err->data, message.data(), n);
  err->data[n] = '\0';
}

// Variables the kernel maintains itself; a plugin cannot set them as outputs.
bool is_kernel_variable(std::string_view name) {
  for (std::string_view v :
       {"Status", "PrevTaskStatus", "StartTime", "EndTime", "ErrorCode", "ErrorMsg"})
    if (model::iequals(v, name)) return true;
  return false;
}

// How a value reads inside expanded text: NULL is empty, strings as they are.
std::string text_of(const expr::Value& value) {
  if (value.is_null()) return "";
  if (value.type() == expr::Type::String) return value.as_string();
  return expr::format_value(value);
}

}  // namespace

std::optional<expr::Value> TaskContext::lookup(std::string_view name) const {
  const FrameScope scope(*services_.scheduler, id_, &outcome_.assignments);
  std::shared_lock lock(*services_.state_lock);
  return scope.lookup(reference_from_name(name));
}

tw_rc TaskContext::get_var(const char* name, tw_value* out) {
  if (!name || !out) return TW_ERR_INVALID;
  auto value = lookup(name);
  if (!value) return TW_ERR_NOT_FOUND;
  *out = to_abi(*value, arena_);
  return TW_OK;
}

tw_rc TaskContext::set_var(const char* name, const tw_value* value, tw_error_buf* err) {
  if (!name || !value) return TW_ERR_INVALID;
  const std::string_view var(name);
  if (!var.starts_with("$$")) {
    write_error(err, "cannot assign " + std::string(var) +
                         ": only user-defined $$ variables can be assigned (predefined and "
                         "built-in variables are read-only)");
    return TW_ERR_DENIED;
  }
  const Scheduler& s = *services_.scheduler;
  std::optional<std::size_t> index;
  expr::Type type = expr::Type::String;
  std::string declared;
  {
    std::shared_lock lock(*services_.state_lock);
    index = s.variable_index(id_.frame, var);
    if (index) {
      type = s.variable_type(id_.frame, *index);
      declared = std::string(s.frame(id_.frame).graph->variables[*index].name);
    }
  }
  if (!index) {
    // A session's pre-session assignments set its mapping's parameters and variables, which
    // the workflow does not declare: they stay local to the task (visible to its own lookups,
    // dropped when it ends). Anywhere else an undeclared name is an error.
    if (instance_->type == model::TaskType::Session) {
      outcome_.assignments.push_back({std::string(var), from_abi(*value)});
      return TW_OK;
    }
    write_error(err, "cannot assign " + std::string(var) + ": it is not declared in " +
                         (id_.frame == 0 ? "the workflow" : "this worklet"));
    return TW_ERR_NOT_FOUND;
  }
  const expr::Value given = from_abi(*value);
  auto coerced = expr::coerce(given, type);
  if (!coerced) {
    write_error(err, "cannot assign '" + expr::format_value(given) + "' to " + declared + " (" +
                         std::string(expr::type_name(type)) + "): " + coerced.error());
    return TW_ERR_INVALID;
  }
  // A value given to a secret-looking variable is a secret from now on, before the task's
  // own description or log can show it.
  if (looks_secret(declared) && coerced->type() == expr::Type::String)
    services_.secrets->add(coerced->as_string());
  outcome_.assignments.push_back({declared, std::move(coerced).value()});
  return TW_OK;
}

tw_rc TaskContext::eval(const char* expression, tw_value* out, tw_error_buf* err) {
  if (!expression || !out) return TW_ERR_INVALID;
  auto parsed = expr::parse(expression);
  if (parsed.error) {
    write_error(err, "expression does not parse at line " + std::to_string(parsed.error->line) +
                         ", column " + std::to_string(parsed.error->column) + ": " +
                         parsed.error->message);
    return TW_ERR_INVALID;
  }
  const FrameScope scope(*services_.scheduler, id_, &outcome_.assignments);
  expr::EvalResult result;
  {
    std::shared_lock lock(*services_.state_lock);
    result = expr::evaluate(*parsed.expr, scope);
  }
  if (result.error) {
    write_error(err, *result.error);
    return TW_ERR_INVALID;
  }
  *out = to_abi(result.value, arena_);
  return TW_OK;
}

std::string TaskContext::expand_text(std::string_view text) const {
  auto expanded = params::expand_variables(
      text,
      [this](std::string_view name) -> std::optional<std::string> {
        auto value = lookup(name);
        return value ? std::optional<std::string>(text_of(*value)) : std::nullopt;
      },
      params::UnknownVariable::Keep);
  return expanded ? *expanded : std::string(text);  // Keep never fails
}

const char* TaskContext::expand(const char* text, tw_error_buf*) {
  if (!text) return keep("");
  return keep(expand_text(text));
}

tw_rc TaskContext::set_output(const char* name, const tw_value* value) {
  if (!name || !value) return TW_ERR_INVALID;
  if (is_kernel_variable(name) || !model::is_predefined_variable(instance_->type, name))
    return TW_ERR_DENIED;
  expr::Value v = from_abi(*value);
  for (auto& output : outcome_.outputs) {
    if (model::iequals(output.name, name)) {
      output.value = std::move(v);
      return TW_OK;
    }
  }
  outcome_.outputs.push_back({name, std::move(v)});
  return TW_OK;
}

}  // namespace taskweave::run
