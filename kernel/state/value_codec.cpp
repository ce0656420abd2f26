#include "state/value_codec.h"

#include <charconv>

#include "expr/calendar.h"

namespace taskweave::state {

TimeText format_time(expr::DateTime time) {
  // By hand rather than snprintf: this runs for every task transition.
  auto f = expr::calendar::to_fields(time);
  TimeText text;
  char* out = text.buffer.data();
  auto put = [&](long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out += width;
  };
  auto sep = [&](char c) { *out++ = c; };
  put(f.year, 4), sep('-'), put(f.month, 2), sep('-'), put(f.day, 2), sep(' ');
  put(f.hour, 2), sep(':'), put(f.minute, 2), sep(':'), put(f.second, 2), sep('.');
  put(f.nanos, 9);
  text.size = static_cast<std::size_t>(out - text.buffer.data());
  return text;
}

std::optional<expr::DateTime> parse_time(std::string_view text) {
  // Exactly the format format_time writes.
  if (text.size() != 29 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.')
    return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + length, out);
    return ec == std::errc() && end == text.data() + at + length;
  };
  expr::calendar::Fields f;
  if (!number(0, 4, f.year) || !number(5, 2, f.month) || !number(8, 2, f.day) ||
      !number(11, 2, f.hour) || !number(14, 2, f.minute) || !number(17, 2, f.second) ||
      !number(20, 9, f.nanos))
    return std::nullopt;
  return expr::calendar::from_fields(f);
}

void bind_time(sqlite::Statement& statement, int index, const expr::DateTime& time,
               TimeText& storage) {
  if (time == expr::DateTime{}) {
    statement.bind_null(index);
    return;
  }
  storage = format_time(time);
  statement.bind(index, storage.view());
}

expr::DateTime column_time(const sqlite::Statement& statement, int index) {
  if (statement.is_null(index)) return {};
  return parse_time(statement.column_text(index)).value_or(expr::DateTime{});
}

void bind_value(sqlite::Statement& statement, int type_index, const expr::Value& value,
                TimeText& storage) {
  statement.bind(type_index, expr::type_name(value.type()));
  int at = type_index + 1;
  switch (value.type()) {
    case expr::Type::Null:
      statement.bind_null(at);
      break;
    case expr::Type::Integer:
      statement.bind(at, value.as_integer());
      break;
    case expr::Type::Double:
      statement.bind(at, value.as_double());
      break;
    case expr::Type::String:
      statement.bind(at, std::string_view(value.as_string()));
      break;
    case expr::Type::DateTime:
      storage = format_time(value.as_datetime());
      statement.bind(at, storage.view());
      break;
    case expr::Type::Status:
      statement.bind(at, expr::status_name(value.as_status()));
      break;
  }
}

expr::Value column_value(const sqlite::Statement& statement, int type_index) {
  auto type = expr::parse_type_name(statement.column_text(type_index));
  int at = type_index + 1;
  if (!type || statement.is_null(at)) return {};
  switch (*type) {
    case expr::Type::Null:
      return {};
    case expr::Type::Integer:
      return expr::Value::integer(statement.column_int64(at));
    case expr::Type::Double:
      return expr::Value::real(statement.column_double(at));
    case expr::Type::String:
      return expr::Value::string(std::string(statement.column_text(at)));
    case expr::Type::DateTime:
      if (auto time = parse_time(statement.column_text(at))) return expr::Value::datetime(*time);
      return {};
    case expr::Type::Status:
      if (auto status = expr::parse_status(statement.column_text(at)))
        return expr::Value::status(*status);
      return {};
  }
  return {};
}

}  // namespace taskweave::state
