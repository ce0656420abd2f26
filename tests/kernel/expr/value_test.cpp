// Value: names, printing, and coercion of text to typed values (--var, parameter files, defaults).
#include "expr/value.h"

#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

TEST(Value, NamesStatuses) {
  EXPECT_EQ(status_name(Status::Succeeded), "SUCCEEDED");
  EXPECT_EQ(status_name(Status::NotStarted), "NOTSTARTED");
  EXPECT_EQ(parse_status("Succeeded"), Status::Succeeded);
  EXPECT_EQ(parse_status("aborted"), Status::Aborted);
  EXPECT_EQ(parse_status("DISABLED"), Status::Disabled);
  EXPECT_EQ(parse_status("done"), std::nullopt);
  for (int i = 0; i <= static_cast<int>(Status::Disabled); ++i)
    EXPECT_EQ(parse_status(status_name(static_cast<Status>(i))), static_cast<Status>(i));
}

TEST(Value, NamesTypes) {
  EXPECT_EQ(type_name(Type::Integer), "integer");
  EXPECT_EQ(type_name(Type::Double), "double");
  EXPECT_EQ(type_name(Type::String), "string");
  EXPECT_EQ(type_name(Type::DateTime), "date/time");
  EXPECT_EQ(type_name(Type::Status), "status");
  EXPECT_EQ(parse_type_name("date/time"), Type::DateTime);
  EXPECT_EQ(parse_type_name("nstring"), Type::String);
  EXPECT_EQ(parse_type_name("Small Integer"), Type::Integer);
  EXPECT_EQ(parse_type_name("bigint"), Type::Integer);
  EXPECT_EQ(parse_type_name("decimal"), Type::Double);
  EXPECT_EQ(parse_type_name("blob"), std::nullopt);
}

TEST(Value, Formats) {
  EXPECT_EQ(format_value(Value()), "NULL");
  EXPECT_EQ(format_value(Value::integer(-42)), "-42");
  EXPECT_EQ(format_value(Value::real(3.5)), "3.5");
  EXPECT_EQ(format_value(Value::real(0.1)), "0.1");
  EXPECT_EQ(format_value(Value::real(1e20)), "1e+020");
  EXPECT_EQ(format_value(Value::string("abc")), "abc");
  EXPECT_EQ(format_value(Value::status(Status::Failed)), "FAILED");
  EXPECT_EQ(format_value(Value::datetime(make_date(2026, 11, 27, 10, 0, 0))),
            "2026-11-27 10:00:00");
  EXPECT_EQ(format_value(Value::datetime(make_date(2026, 11, 27, 10, 0, 0, 120000000))),
            "2026-11-27 10:00:00.120");
  EXPECT_EQ(format_value(Value::datetime(make_date(2026, 11, 27, 10, 0, 0, 1000))),
            "2026-11-27 10:00:00.000001");
  EXPECT_EQ(format_value(Value::datetime(make_date(2026, 11, 27, 10, 0, 0, 5))),
            "2026-11-27 10:00:00.000000005");
  EXPECT_EQ(to_text(Value::datetime(make_date(2026, 11, 27, 10, 0, 0))), "11/27/2026 10:00:00");
  EXPECT_EQ(to_text(Value()), "");
}

struct CoerceCase {
  Value input;
  Type target;
  const char* expected;  // "value (type)", "NULL" or "error: ..."
};

std::string render(const Result<Value>& r) {
  if (!r) return "error: " + r.error();
  if (r->is_null()) return "NULL";
  return format_value(*r) + " (" + std::string(type_name(r->type())) + ")";
}

TEST(Value, Coerces) {
  const CoerceCase cases[] = {
      {Value::string("42"), Type::Integer, "42 (integer)"},
      {Value::string(" -7 "), Type::Integer, "-7 (integer)"},
      {Value::string("4.7"), Type::Integer, "4 (integer)"},
      {Value::string("abc"), Type::Integer, "error: cannot convert string 'abc' to integer"},
      {Value::string(""), Type::Integer, "error: cannot convert string '' to integer"},
      {Value::real(2.9), Type::Integer, "2 (integer)"},
      {Value::real(1e30), Type::Integer, "error: cannot convert double '1e+030' to integer"},
      {Value::string("2.5"), Type::Double, "2.5 (double)"},
      {Value::string("1e3"), Type::Double, "1000 (double)"},
      {Value::integer(5), Type::Double, "5 (double)"},
      {Value::string("x1"), Type::Double, "error: cannot convert string 'x1' to double"},
      {Value::real(2.5), Type::String, "2.5 (string)"},
      {Value::integer(5), Type::String, "5 (string)"},
      {Value::status(Status::Stopped), Type::String, "STOPPED (string)"},
      {Value::datetime(make_date(2026, 11, 27, 10, 0, 0)), Type::String,
       "11/27/2026 10:00:00 (string)"},
      {Value::string("2026-11-27 10:00:00"), Type::DateTime, "2026-11-27 10:00:00 (date/time)"},
      {Value::string("2026-11-27T10:00:00.5"), Type::DateTime,
       "2026-11-27 10:00:00.500 (date/time)"},
      {Value::string("2026-11-27 10:00"), Type::DateTime, "2026-11-27 10:00:00 (date/time)"},
      {Value::string("2026-11-27"), Type::DateTime, "2026-11-27 00:00:00 (date/time)"},
      {Value::string("11/27/2026 10:00:00"), Type::DateTime, "2026-11-27 10:00:00 (date/time)"},
      {Value::string("1/1/1753 00:00:00"), Type::DateTime, "1753-01-01 00:00:00 (date/time)"},
      {Value::string("11/27/2026"), Type::DateTime, "2026-11-27 00:00:00 (date/time)"},
      {Value::string("27.11.2026"), Type::DateTime,
       "error: cannot convert string '27.11.2026' to date/time"},
      {Value::string("1700-01-01"), Type::DateTime,
       "error: cannot convert string '1700-01-01' to date/time"},
      {Value::integer(5), Type::DateTime, "error: cannot convert integer '5' to date/time"},
      {Value::string("succeeded"), Type::Status, "SUCCEEDED (status)"},
      {Value::string("done"), Type::Status, "error: cannot convert string 'done' to status"},
      {Value::status(Status::Failed), Type::Integer,
       "error: cannot convert status 'FAILED' to integer"},
      {Value(), Type::Integer, "NULL"},
      {Value::integer(3), Type::Integer, "3 (integer)"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(render(coerce(c.input, c.target)), c.expected)
        << format_value(c.input) << " -> " << type_name(c.target);
}

}  // namespace
}  // namespace taskweave::expr::testing
