#include "state/event_replay.h"

#include <charconv>

#include "state/json_reader.h"
#include "state/value_codec.h"

namespace taskweave::state {
namespace {

// Everything any event may carry; which members mean something depends on `kind`.
struct Event {
  std::string kind;
  run::TaskEvent task;
  run::LinkEvent link;
  run::VariableEvent variable;
};

std::optional<std::int64_t> read_integer(JsonReader& in) {
  auto text = in.number();
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::optional<expr::DateTime> read_time(JsonReader& in) {
  auto text = in.string();
  if (!text) return std::nullopt;
  return parse_time(*text);
}

// ["type", value] as event_batch.cpp writes it.
std::optional<expr::Value> read_value(JsonReader& in) {
  if (!in.consume('[')) return std::nullopt;
  auto type_name = in.string();
  if (!type_name || !in.consume(',')) return std::nullopt;
  expr::Value value;
  if (in.literal("null")) {
    // NULL, or a double that was not finite.
  } else if (*type_name == "integer") {
    auto n = read_integer(in);
    if (!n) return std::nullopt;
    value = expr::Value::integer(*n);
  } else if (*type_name == "double") {
    auto text = in.number();
    double d = 0;
    if (!text || std::from_chars(text->data(), text->data() + text->size(), d).ec != std::errc())
      return std::nullopt;
    value = expr::Value::real(d);
  } else {
    auto text = in.string();
    if (!text) return std::nullopt;
    if (*type_name == "string") {
      value = expr::Value::string(std::move(*text));
    } else if (*type_name == "date/time") {
      if (auto time = parse_time(*text)) value = expr::Value::datetime(*time);
    } else if (*type_name == "status") {
      if (auto status = expr::parse_status(*text)) value = expr::Value::status(*status);
    }
  }
  if (!in.consume(']')) return std::nullopt;
  return value;
}

bool read_vars(JsonReader& in, std::map<std::string, expr::Value>& vars) {
  if (!in.consume('{')) return false;
  if (in.consume('}')) return true;
  do {
    auto name = in.string();
    if (!name || !in.consume(':')) return false;
    auto value = read_value(in);
    if (!value) return false;
    vars[std::move(*name)] = std::move(*value);
  } while (in.consume(','));
  return in.consume('}');
}

// Reads one member of an event object into `e`; false when the input is malformed.
bool read_member(JsonReader& in, std::string_view key, Event& e) {
  using namespace std::string_view_literals;
  auto text_into = [&](std::string& out) {
    auto s = in.string();
    if (s) out = std::move(*s);
    return s.has_value();
  };
  auto time_into = [&](expr::DateTime& out) {
    auto t = read_time(in);
    if (t) out = *t;
    return t.has_value();
  };
  if (key == "kind"sv) return text_into(e.kind);
  if (key == "path"sv) return text_into(e.task.path);
  if (key == "type"sv) return text_into(e.task.type);
  if (key == "status"sv) {
    std::string status;
    if (!text_into(status)) return false;
    // "DID_NOT_RUN" is not a status name: it reads as NotStarted.
    e.task.status = expr::parse_status(status).value_or(expr::Status::NotStarted);
    return true;
  }
  if (key == "attempt"sv) {
    auto n = read_integer(in);
    if (n) e.task.attempt = static_cast<int>(*n);
    return n.has_value();
  }
  if (key == "start"sv) return time_into(e.task.start);
  if (key == "end"sv) return time_into(e.task.end);
  if (key == "error_code"sv) {
    auto n = read_integer(in);
    if (n) e.task.error_code = *n;
    return n.has_value();
  }
  if (key == "error_msg"sv) return text_into(e.task.error_msg);
  if (key == "description"sv) return text_into(e.task.description);
  if (key == "vars"sv) return read_vars(in, e.task.vars);
  if (key == "from"sv) return text_into(e.link.from);
  if (key == "to"sv) return text_into(e.link.to);
  if (key == "condition"sv) return text_into(e.link.condition);
  if (key == "result"sv) {
    auto n = read_integer(in);
    if (n) e.link.result = *n != 0;
    return n.has_value();
  }
  if (key == "error"sv) return text_into(e.link.error);
  if (key == "scope"sv) return text_into(e.variable.scope);
  if (key == "name"sv) return text_into(e.variable.name);
  if (key == "value"sv) {
    auto v = read_value(in);
    if (v) e.variable.value = std::move(*v);
    return v.has_value();
  }
  return in.skip_value();  // written by a later version: ignore
}

}  // namespace

bool EventReplay::apply(std::string_view batch) {
  JsonReader in(batch);
  if (!in.consume('[')) return false;
  if (in.consume(']')) return true;
  do {
    if (!in.consume('{')) return false;
    Event e;
    if (!in.consume('}')) {
      do {
        auto key = in.string();
        if (!key || !in.consume(':') || !read_member(in, *key, e)) return false;
      } while (in.consume(','));
      if (!in.consume('}')) return false;
    }
    if (e.kind == "task") {
      e.task.run_id = record_.info.run_id;
      apply_task(std::move(e.task));
    } else if (e.kind == "link") {
      e.link.run_id = record_.info.run_id;
      apply_link(std::move(e.link));
    } else if (e.kind == "var") {
      record_.variables[e.variable.scope][e.variable.name] = std::move(e.variable.value);
    } else if (e.kind == "damaged") {
      record_.damaged = true;  // a fold found a journal that lost data (journal_fold.h)
    }
  } while (in.consume(','));
  return in.consume(']') && in.at_end();
}

void EventReplay::apply_task(run::TaskEvent event) {
  auto it = task_index_.find(event.path);
  if (it == task_index_.end()) {
    task_index_.emplace(event.path, record_.tasks.size());
    record_.tasks.push_back(std::move(event));
    return;
  }
  run::TaskEvent& previous = record_.tasks[it->second];
  if (previous.attempt == event.attempt) {
    // Output variables accumulate within an attempt: a later event sets, never removes.
    for (auto& [name, value] : event.vars) previous.vars[name] = std::move(value);
    event.vars = std::move(previous.vars);
  }
  previous = std::move(event);
}

void EventReplay::apply_link(run::LinkEvent link) {
  auto key = std::pair(link.from, link.to);
  auto it = link_index_.find(key);
  if (it == link_index_.end()) {
    link_index_.emplace(std::move(key), record_.links.size());
    record_.links.push_back(std::move(link));
  } else {
    record_.links[it->second] = std::move(link);  // evaluated again by a recovery
  }
}

}  // namespace taskweave::state
