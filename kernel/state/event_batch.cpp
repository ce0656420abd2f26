#include "state/event_batch.h"

#include <array>
#include <charconv>
#include <cmath>

#include "state/value_codec.h"
#include "util/json_writer.h"

namespace taskweave::state {
namespace {

// Bytes that a JSON string can hold as they are (printable ASCII but '"' and '\\'); a table
// because this check runs over every character of every transition.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

bool is_plain(std::string_view text) {
  for (char c : text)
    if (!kPlain[static_cast<unsigned char>(c)]) return false;
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

void EventBatch::member(std::string_view separator_and_name) { events_ += separator_and_name; }

void EventBatch::time(const expr::DateTime& t) {
  // Transitions come in bursts within a second or two (a task's start and end): format the
  // date and time of day of the last two seconds seen once.
  SecondText* hit = nullptr;
  for (auto& cached : seconds_)
    if (cached.second == t.seconds) hit = &cached;
  if (!hit) {
    hit = &seconds_[next_slot_];
    next_slot_ = 1 - next_slot_;
    hit->second = t.seconds;
    hit->text.assign(format_time(t).view().substr(0, 20));  // "YYYY-MM-DD HH:MM:SS."
  }
  char nanos[9];
  int32_t n = t.nanos;
  for (int i = 8; i >= 0; --i, n /= 10) nanos[i] = static_cast<char>('0' + n % 10);
  events_ += '"';
  events_ += hit->text;
  events_.append(nanos, sizeof nanos);
  events_ += '"';
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
  member(R"(,"path":)");
  text(e.path);
  member(R"(,"type":)");
  text(e.type);
  member(R"(,"status":)");
  text(did_not_run ? std::string_view("DID_NOT_RUN") : expr::status_name(e.status));
  if (e.attempt != 1) {
    member(R"(,"attempt":)");
    append_number(events_, e.attempt);
  }
  if (e.start != expr::DateTime{}) {
    member(R"(,"start":)");
    time(e.start);
  }
  if (e.end != expr::DateTime{}) {
    member(R"(,"end":)");
    time(e.end);
  }
  if (e.error_code != 0) {
    member(R"(,"error_code":)");
    append_number(events_, e.error_code);
  }
  if (!e.error_msg.empty()) {
    member(R"(,"error_msg":)");
    text(e.error_msg);
  }
  if (!e.description.empty()) {
    member(R"(,"description":)");
    text(e.description);
  }
  if (!e.vars.empty()) {
    member(R"(,"vars":)");
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
  member(R"(,"from":)");
  text(e.from);
  member(R"(,"to":)");
  text(e.to);
  member(R"(,"condition":)");
  text(e.condition);
  member(R"(,"result":)");
  events_ += e.result ? '1' : '0';
  if (!e.error.empty()) {
    member(R"(,"error":)");
    text(e.error);
  }
  events_ += "},";
}

void EventBatch::add_variable(const run::VariableEvent& e) {
  begin_event("var");
  member(R"(,"scope":)");
  text(e.scope);
  member(R"(,"name":)");
  text(e.name);
  member(R"(,"value":)");
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
