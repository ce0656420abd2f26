#include "state/event_batch.h"

#include <charconv>
#include <cmath>

#include "state/value_codec.h"
#include "util/json_writer.h"

namespace taskweave::state {
namespace {

bool is_plain(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

template <class Number>
void append_number(std::string& out, Number number) {
  char digits[32];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  out.append(digits, ec == std::errc() ? end : digits);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (is_plain(text)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += util::json_string(text);
  }
}

void EventBatch::begin_event(std::string_view kind) {
  events_ += "{\"kind\":\"";
  events_ += kind;
  events_ += '"';
}

void EventBatch::member(std::string_view name) {
  events_ += ",\"";
  events_ += name;
  events_ += "\":";
}

void EventBatch::text(std::string_view value) { append_json_string(events_, value); }

void EventBatch::value(const expr::Value& v) {
  events_ += "[\"";
  events_ += expr::type_name(v.type());
  events_ += "\",";
  switch (v.type()) {
    case expr::Type::Null:
      events_ += "null";
      break;
    case expr::Type::Integer:
      append_number(events_, v.as_integer());
      break;
    case expr::Type::Double:
      // Shortest text that reads back as the same double; JSON has no NaN or infinity.
      if (std::isfinite(v.as_double())) {
        append_number(events_, v.as_double());
      } else {
        events_ += "null";
      }
      break;
    case expr::Type::String:
      text(v.as_string());
      break;
    case expr::Type::DateTime:
      text(format_time(v.as_datetime()).view());
      break;
    case expr::Type::Status:
      text(expr::status_name(v.as_status()));
      break;
  }
  events_ += ']';
}

void EventBatch::add_task(const run::TaskEvent& e, bool did_not_run) {
  begin_event("task");
  member("path");
  text(e.path);
  member("type");
  text(e.type);
  member("status");
  text(did_not_run ? std::string_view("DID_NOT_RUN") : expr::status_name(e.status));
  if (e.attempt != 1) {
    member("attempt");
    append_number(events_, e.attempt);
  }
  if (e.start != expr::DateTime{}) {
    member("start");
    text(format_time(e.start).view());
  }
  if (e.end != expr::DateTime{}) {
    member("end");
    text(format_time(e.end).view());
  }
  if (e.error_code != 0) {
    member("error_code");
    append_number(events_, e.error_code);
  }
  if (!e.error_msg.empty()) {
    member("error_msg");
    text(e.error_msg);
  }
  if (!e.description.empty()) {
    member("description");
    text(e.description);
  }
  if (!e.vars.empty()) {
    member("vars");
    char separator = '{';
    for (const auto& [name, v] : e.vars) {
      events_ += separator;
      separator = ',';
      text(name);
      events_ += ':';
      value(v);
    }
    events_ += '}';
  }
  events_ += "},";
}

void EventBatch::add_link(const run::LinkEvent& e) {
  begin_event("link");
  member("from");
  text(e.from);
  member("to");
  text(e.to);
  member("condition");
  text(e.condition);
  member("result");
  events_ += e.result ? '1' : '0';
  if (!e.error.empty()) {
    member("error");
    text(e.error);
  }
  events_ += "},";
}

void EventBatch::add_variable(const run::VariableEvent& e) {
  begin_event("var");
  member("scope");
  text(e.scope);
  member("name");
  text(e.name);
  member("value");
  value(e.value);
  events_ += "},";
}

std::string_view EventBatch::json() {
  if (events_.back() == ',') {
    events_.back() = ']';
  } else if (events_.back() == '[') {
    events_ += ']';
  }
  return events_;
}

}  // namespace taskweave::state
