#include "run/start_values.h"

#include "expr/calendar.h"

namespace taskweave::run {
namespace {

expr::Result<expr::Value> typed(const expr::Value& value, expr::Type type,
                                const model::Variable& variable, const char* origin) {
  auto coerced = expr::coerce(value, type);
  if (coerced) return coerced;
  return expr::Error{"variable " + std::string(variable.name) + ": the " + origin + " '" +
                     expr::format_value(value) + "' is not a valid " +
                     std::string(expr::type_name(type)) + " (" + coerced.error() + ")"};
}

}  // namespace

expr::Value datatype_default(expr::Type type) {
  switch (type) {
    case expr::Type::Integer:
      return expr::Value::integer(0);
    case expr::Type::Double:
      return expr::Value::real(0.0);
    case expr::Type::String:
      return expr::Value::string("");
    case expr::Type::DateTime:
      return expr::Value::datetime(
          {expr::calendar::days_from_civil(1753, 1, 1) * expr::calendar::kSecondsPerDay, 0});
    case expr::Type::Null:
    case expr::Type::Status:
      break;
  }
  return expr::Value::null();
}

expr::Result<expr::Value> start_value(const model::Variable& variable, expr::Type type,
                                      const RunInputs& inputs,
                                      std::span<const std::string> worklet_path,
                                      std::string_view scope) {
  if (auto text = inputs.parameter(worklet_path, "", variable.name))
    return typed(expr::Value::string(*text), type, variable, "parameter file value");
  if (variable.persistent) {
    if (auto saved = inputs.persisted(scope, variable.name))
      return typed(*saved, type, variable, "saved persistent value");
  }
  if (!variable.default_value.empty())
    return typed(expr::Value::string(std::string(variable.default_value)), type, variable,
                 "DEFAULTVALUE");
  return datatype_default(type);
}

}  // namespace taskweave::run
