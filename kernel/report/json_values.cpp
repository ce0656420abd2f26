#include "report/json_values.h"

#include <cstdint>

#include "report/timestamps.h"

namespace taskweave::report {

void write_json_time(util::JsonWriter& w, const expr::DateTime& time) {
  if (time == expr::DateTime{}) {
    w.null();
  } else {
    w.value(iso_utc(time));
  }
}

void write_json_value(util::JsonWriter& w, const expr::Value& value) {
  switch (value.type()) {
    case expr::Type::Null:
      w.null();
      break;
    case expr::Type::Integer:
      w.value(static_cast<std::int64_t>(value.as_integer()));
      break;
    case expr::Type::Double:
      w.value(value.as_double());
      break;
    case expr::Type::String:
      w.value(value.as_string());
      break;
    case expr::Type::DateTime:
      w.value(iso_utc(value.as_datetime()));
      break;
    case expr::Type::Status:
      w.value(expr::status_name(value.as_status()));
      break;
  }
}

}  // namespace taskweave::report
