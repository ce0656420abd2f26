#include "report/json_events.h"

#include "report/json_values.h"
#include "report/timestamps.h"
#include "state/run_status.h"
#include "util/json_writer.h"

namespace taskweave::report {
std::string JsonEvents::now() const { return iso_utc(clock_()); }

void JsonEvents::end_line() { out_ << '\n' << std::flush; }

void JsonEvents::run_started(const run::RunInfo& info) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("run_started").key("run_id").value(info.run_id);
  w.key("workflow").value(info.workflow).key("folder").value(info.folder);
  w.key("recovery").value(info.recovery).key("ts").value(now()).end_object();
  end_line();
}

void JsonEvents::task_started(const run::TaskEvent& e) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("task_started").key("task").value(e.path);
  w.key("type").value(e.type).key("attempt").value(e.attempt);
  w.key("ts").value(now()).end_object();
  end_line();
}

void JsonEvents::link_evaluated(const run::LinkEvent& e) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("link_evaluated").key("from").value(e.from);
  w.key("to").value(e.to).key("condition").value(e.condition).key("result").value(e.result);
  if (!e.error.empty()) w.key("error").value(e.error);
  w.key("ts").value(now()).end_object();
  end_line();
}

void JsonEvents::task_finished(const run::TaskEvent& e) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("task_finished").key("task").value(e.path);
  w.key("type").value(e.type).key("status").value(expr::status_name(e.status));
  w.key("start");
  write_json_time(w, e.start);
  w.key("end");
  write_json_time(w, e.end);
  w.key("error_code").value(static_cast<std::int64_t>(e.error_code));
  w.key("error_msg").value(e.error_msg);
  w.key("vars").begin_object();
  for (const auto& [name, value] : e.vars) {
    w.key(name);
    write_json_value(w, value);
  }
  w.end_object();
  if (!e.description.empty()) w.key("description").value(e.description);
  if (e.attempt != 1) w.key("attempt").value(e.attempt);
  w.key("ts").value(now()).end_object();
  end_line();
}

void JsonEvents::task_did_not_run(const run::TaskEvent& e) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("task_did_not_run").key("task").value(e.path);
  w.key("type").value(e.type).key("ts").value(now()).end_object();
  end_line();
}

void JsonEvents::run_finished(const run::RunInfo& info) {
  util::JsonWriter w(out_);
  w.begin_object().key("event").value("run_finished").key("run_id").value(info.run_id);
  w.key("status").value(state::run_status_name(info.status)).key("ts").value(now());
  w.end_object();
  end_line();
}

}  // namespace taskweave::report
