#include "run/masking_observer.h"

namespace taskweave::run {

expr::Value MaskingObserver::masked(const expr::Value& v) const {
  if (v.type() != expr::Type::String) return v;
  return expr::Value::string(secrets_.mask(v.as_string()));
}

TaskEvent MaskingObserver::masked(const TaskEvent& e) const {
  if (secrets_.empty()) return e;
  TaskEvent out = e;
  out.error_msg = secrets_.mask(e.error_msg);
  out.description = secrets_.mask(e.description);
  for (auto& [name, value] : out.vars) value = masked(value);
  return out;
}

void MaskingObserver::link_evaluated(const LinkEvent& e) {
  if (secrets_.empty()) return next_.link_evaluated(e);
  LinkEvent out = e;
  out.error = secrets_.mask(e.error);
  next_.link_evaluated(out);
}

void MaskingObserver::variable_changed(const VariableEvent& e) {
  if (looks_secret(e.name) && e.value.type() == expr::Type::String)
    secrets_.add(e.value.as_string());
  if (secrets_.empty()) return next_.variable_changed(e);
  VariableEvent out = e;
  out.value = masked(e.value);
  next_.variable_changed(out);
}

void MaskingObserver::log(const LogEvent& e) {
  if (secrets_.empty()) return next_.log(e);
  LogEvent out = e;
  out.message = secrets_.mask(e.message);
  next_.log(out);
}

}  // namespace taskweave::run
