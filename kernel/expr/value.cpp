#include "expr/value.h"

#include <array>

#include "expr/calendar.h"
#include "expr/date_format.h"
#include "expr/numeric.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

constexpr std::array<std::string_view, 7> kStatusNames = {
    "NOTSTARTED", "STARTED", "SUCCEEDED", "FAILED", "STOPPED", "ABORTED", "DISABLED"};

// ".123", ".123456" or ".123456789": the shortest exact group of three digits; "" for 0.
std::string fraction(int32_t nanos) {
  if (nanos == 0) return "";
  std::string digits = std::to_string(nanos);
  digits.insert(0, 9 - digits.size(), '0');
  if (nanos % 1'000'000 == 0) return "." + digits.substr(0, 3);
  if (nanos % 1'000 == 0) return "." + digits.substr(0, 6);
  return "." + digits;
}

std::string format_datetime(DateTime value, std::string_view layout) {
  auto text = date_format::format(value, layout);
  return (text ? *text : std::string()) + fraction(value.nanos);
}

// Text forms accepted for a date/time, tried in order.
constexpr std::string_view kDateLayouts[] = {
    "YYYY-MM-DD HH24:MI:SS.NS",     "YYYY-MM-DD HH24:MI:SS",
    "YYYY-MM-DD\"T\"HH24:MI:SS.NS", "YYYY-MM-DD\"T\"HH24:MI:SS",
    "YYYY-MM-DD HH24:MI",           "YYYY-MM-DD",
    "MM/DD/YYYY HH24:MI:SS.NS",     "MM/DD/YYYY HH24:MI:SS",
    "MM/DD/YYYY HH24:MI",           "MM/DD/YYYY"};

Error cannot_convert(const Value& value, Type target) {
  return Error{"cannot convert " + std::string(type_name(value.type())) + " " +
               text::quote(format_value(value)) + " to " + std::string(type_name(target))};
}

}  // namespace

std::string_view status_name(Status status) {
  auto i = static_cast<size_t>(status);
  return i < kStatusNames.size() ? kStatusNames[i] : "UNKNOWN";
}

std::optional<Status> parse_status(std::string_view text) {
  for (size_t i = 0; i < kStatusNames.size(); ++i)
    if (text::iequals(text, kStatusNames[i])) return static_cast<Status>(i);
  return std::nullopt;
}

std::string_view type_name(Type type) {
  switch (type) {
    case Type::Null:
      return "null";
    case Type::Integer:
      return "integer";
    case Type::Double:
      return "double";
    case Type::String:
      return "string";
    case Type::DateTime:
      return "date/time";
    case Type::Status:
      return "status";
  }
  return "unknown";
}

std::optional<Type> parse_type_name(std::string_view t) {
  using text::iequals;
  for (auto n : {"integer", "int", "bigint", "small integer", "smallint"})
    if (iequals(t, n)) return Type::Integer;
  for (auto n : {"double", "decimal", "real", "float", "number"})
    if (iequals(t, n)) return Type::Double;
  for (auto n : {"string", "nstring", "text", "char", "nchar", "varchar"})
    if (iequals(t, n)) return Type::String;
  for (auto n : {"date/time", "datetime", "date"})
    if (iequals(t, n)) return Type::DateTime;
  if (iequals(t, "status")) return Type::Status;
  return std::nullopt;
}

std::string format_value(const Value& value) {
  switch (value.type()) {
    case Type::Null:
      return "NULL";
    case Type::Integer:
      return std::to_string(value.as_integer());
    case Type::Double:
      return numeric::format_double(value.as_double());
    case Type::String:
      return value.as_string();
    case Type::DateTime:
      return format_datetime(value.as_datetime(), "YYYY-MM-DD HH24:MI:SS");
    case Type::Status:
      return std::string(status_name(value.as_status()));
  }
  return "";
}

std::string to_text(const Value& value) {
  switch (value.type()) {
    case Type::Null:
      return "";
    case Type::DateTime:
      return format_datetime(value.as_datetime(), date_format::kDefault);
    default:
      return format_value(value);
  }
}

Result<Value> coerce(const Value& value, Type target) {
  if (value.is_null() || value.type() == target) return value;
  switch (target) {
    case Type::Null:
      return Value();
    case Type::Integer:
      if (value.type() == Type::Double) {
        if (auto i = numeric::to_int64(value.as_double())) return Value::integer(*i);
      } else if (value.type() == Type::String) {
        if (auto n = numeric::parse_number_strict(value.as_string())) return coerce(*n, target);
      }
      return cannot_convert(value, target);
    case Type::Double:
      if (value.type() == Type::Integer) return Value::real(value.as_number());
      if (value.type() == Type::String)
        if (auto d = numeric::parse_double_strict(value.as_string())) return Value::real(*d);
      return cannot_convert(value, target);
    case Type::String:
      return Value::string(to_text(value));
    case Type::DateTime:
      if (value.type() == Type::String) {
        for (auto layout : kDateLayouts)
          if (auto dt = date_format::parse(value.as_string(), layout, DateTime{}))
            return Value::datetime(*dt);
      }
      return cannot_convert(value, target);
    case Type::Status:
      if (value.type() == Type::String)
        if (auto s = parse_status(value.as_string())) return Value::status(*s);
      return cannot_convert(value, target);
  }
  return cannot_convert(value, target);
}

}  // namespace taskweave::expr
