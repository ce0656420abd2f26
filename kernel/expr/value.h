// The values of the PowerCenter workflow expression language: NULL, 64-bit integer, double,
// string, date/time (nanosecond precision, naive local time) and task status. TRUE and FALSE
// are the integers 1 and 0, as in PowerCenter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "expr/result.h"

namespace taskweave::expr {

// The longest string an expression may build (|| and the string functions refuse to go beyond
// it): workflow expressions are short, and this keeps hostile input from exhausting memory.
inline constexpr size_t kMaxStringBytes = 1 << 20;

// The order matches Value's variant alternatives, so type() is the variant index.
enum class Type { Null, Integer, Double, String, DateTime, Status };

enum class Status : int { NotStarted, Started, Succeeded, Failed, Stopped, Aborted, Disabled };

// "SUCCEEDED", "FAILED", ... (upper case, as logs and the CLI print them).
std::string_view status_name(Status status);
// Case-insensitive: "Succeeded", "SUCCEEDED" and "succeeded" are the same status.
std::optional<Status> parse_status(std::string_view text);

// A point in time without a time zone: seconds since 1970-01-01 00:00:00 (negative before it)
// plus 0..999'999'999 nanoseconds. Valid values lie in the years 1753..9999.
struct DateTime {
  int64_t seconds = 0;
  int32_t nanos = 0;

  friend bool operator==(const DateTime&, const DateTime&) = default;
  friend auto operator<=>(const DateTime&, const DateTime&) = default;
};

class Value {
 public:
  Value() = default;  // NULL

  static Value null() { return Value(); }
  static Value integer(int64_t v) { return Value(Storage(std::in_place_index<1>, v)); }
  static Value real(double v) { return Value(Storage(std::in_place_index<2>, v)); }
  static Value string(std::string v) {
    return Value(Storage(std::in_place_index<3>, std::move(v)));
  }
  static Value datetime(DateTime v) { return Value(Storage(std::in_place_index<4>, v)); }
  static Value status(Status v) { return Value(Storage(std::in_place_index<5>, v)); }
  static Value boolean(bool v) { return integer(v ? 1 : 0); }

  Type type() const { return static_cast<Type>(storage_.index()); }
  bool is_null() const { return storage_.index() == 0; }
  bool is_number() const { return type() == Type::Integer || type() == Type::Double; }

  // Accessors: call only when type() says so.
  int64_t as_integer() const { return std::get<1>(storage_); }
  double as_double() const { return std::get<2>(storage_); }
  const std::string& as_string() const { return std::get<3>(storage_); }
  DateTime as_datetime() const { return std::get<4>(storage_); }
  Status as_status() const { return std::get<5>(storage_); }
  // An Integer or Double as a double.
  double as_number() const {
    return type() == Type::Integer ? static_cast<double>(as_integer()) : as_double();
  }

  // Same type and same value (NULL equals NULL here: this is identity, not SQL comparison).
  friend bool operator==(const Value&, const Value&) = default;

 private:
  using Storage = std::variant<std::monostate, int64_t, double, std::string, DateTime, Status>;
  explicit Value(Storage storage) : storage_(std::move(storage)) {}
  Storage storage_;
};

// "integer", "double", "string", "date/time", "status" ("null" for Type::Null).
std::string_view type_name(Type type);
// The inverse of type_name, case-insensitive; also accepts the PowerCenter datatypes of
// WORKFLOWVARIABLE (nstring, bigint, small integer, decimal, ...).
std::optional<Type> parse_type_name(std::string_view text);

// The value as `taskweave eval` prints it (without the type): 42, 3.5, abc,
// 2026-11-27 10:00:00, SUCCEEDED, NULL.
std::string format_value(const Value& value);

// The value as text the way || and CONCAT convert it: numbers as TO_CHAR prints them, dates in
// the default format MM/DD/YYYY HH24:MI:SS, statuses by name, NULL as the empty string.
std::string to_text(const Value& value);

// Converts a value to another type: how --var NAME=VALUE:TYPE, parameter-file values and
// declared $$ variable defaults become typed. Text is parsed (numbers, dates as
// 'YYYY-MM-DD HH24:MI:SS[.fraction]' or 'MM/DD/YYYY[ HH24:MI:SS[.fraction]]', status names);
// NULL stays NULL. A value that cannot be converted is an error naming value and type.
Result<Value> coerce(const Value& value, Type target);

}  // namespace taskweave::expr
