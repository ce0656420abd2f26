#include "run/abi_values.h"

namespace taskweave::run {

tw_value to_abi(const expr::Value& value, std::deque<std::string>& arena) {
  tw_value out{};
  switch (value.type()) {
    case expr::Type::Null:
      out.type = TW_VALUE_NULL;
      break;
    case expr::Type::Integer:
      out.type = TW_VALUE_INTEGER;
      out.integer = value.as_integer();
      break;
    case expr::Type::Double:
      out.type = TW_VALUE_DOUBLE;
      out.real = value.as_double();
      break;
    case expr::Type::String: {
      const std::string& kept = arena.emplace_back(value.as_string());
      out.type = TW_VALUE_STRING;
      out.string = kept.c_str();
      out.string_size = kept.size();
      break;
    }
    case expr::Type::DateTime:
      out.type = TW_VALUE_DATETIME;
      out.seconds = value.as_datetime().seconds;
      out.nanos = value.as_datetime().nanos;
      break;
    case expr::Type::Status:
      // expr::Status and tw_status share their numbering (NOTSTARTED = 0 ... DISABLED = 6).
      out.type = TW_VALUE_STATUS;
      out.integer = static_cast<int64_t>(value.as_status());
      break;
  }
  return out;
}

expr::Value from_abi(const tw_value& value) {
  switch (value.type) {
    case TW_VALUE_INTEGER:
      return expr::Value::integer(value.integer);
    case TW_VALUE_DOUBLE:
      return expr::Value::real(value.real);
    case TW_VALUE_STRING:
      return expr::Value::string(value.string ? std::string(value.string, value.string_size)
                                              : std::string());
    case TW_VALUE_DATETIME:
      return expr::Value::datetime({value.seconds, value.nanos});
    case TW_VALUE_STATUS:
      if (value.integer >= TW_STATUS_NOTSTARTED && value.integer <= TW_STATUS_DISABLED)
        return expr::Value::status(static_cast<expr::Status>(value.integer));
      break;
    default:
      break;
  }
  return expr::Value::null();
}

}  // namespace taskweave::run
