// `taskweave show RUN_ID [--state-dir D] [--json]`: one recorded run: its workflow, status and
// times, then a table of its tasks (path, type, status, start, end, duration, error), the
// variables it set and the events it raised. Secrets are masked as in the run's logs: the
// values the run declared secret (kept in the state store) and variables whose names look
// secret.
#include <map>
#include <ostream>

#include "report/json_values.h"
#include "run/secret_masker.h"
#include "run_report.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

// NotStarted in a run record means the task did not run (its input links did not allow it).
std::string task_status(const run::TaskEvent& task, bool for_people) {
  if (task.status == expr::Status::NotStarted) return for_people ? "DID NOT RUN" : "DID_NOT_RUN";
  return std::string(expr::status_name(task.status));
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string error_text(const run::TaskEvent& task) {
  if (task.error_code == 0 && task.error_msg.empty()) return "";
  return "[" + std::to_string(task.error_code) + "] " + one_line(task.error_msg);
}

void print_text(const state::RunRecord& r, std::ostream& out) {
  const run::RunInfo& info = r.info;
  out << "Run:       " << info.run_id << "\n"
      << "Workflow:  " << info.workflow << " (folder " << info.folder << ")\n"
      << "File:      " << info.file << "\n"
      << "Status:    " << run_status_text(info, r.killed);
  if (r.killed) out << " (process " << r.pid << " is gone; 'taskweave recover' continues it)";
  out << "\nStarted:   " << local_time(info.start) << "\n";
  if (info.end != expr::DateTime{})
    out << "Ended:     " << local_time(info.end) << " (" << duration(info.start, info.end) << ")\n";
  if (r.recoveries > 0) out << "Recovered: " << r.recoveries << " time(s)\n";
  if (!info.run_instance.empty()) out << "Instance:  " << info.run_instance << "\n";

  out << "\n";
  TextTable table({"PATH", "TYPE", "STATUS", "START", "END", "DURATION", "ERROR"});
  std::map<std::string, int> counts;
  for (const auto& t : r.tasks) {
    std::string status = task_status(t, true);
    ++counts[status];
    table.add({t.path, t.type, status, local_time(t.start), local_time(t.end),
               duration(t.start, t.end), error_text(t)});
  }
  table.print(out);
  out << r.tasks.size() << " task(s)";
  const char* separator = ": ";
  for (const auto& [status, count] : counts) {
    out << separator << count << " " << status;
    separator = ", ";
  }
  out << "\n";

  if (!r.variables.empty()) {
    out << "\nVariables:\n";
    for (const auto& [scope, values] : r.variables)
      for (const auto& [name, value] : values)
        out << "  " << (scope.empty() ? "" : scope + ": ") << name << " = "
            << one_line(expr::format_value(value)) << "\n";
  }
  if (!r.raised_events.empty()) {
    out << "\nEvents raised:";
    for (const auto& event : r.raised_events) out << " " << event;
    out << "\n";
  }
}

void print_json(const state::RunRecord& r, std::ostream& out) {
  util::JsonWriter w(out, 2);
  w.begin_object().key("run").begin_object();
  write_run_members(w, r.info, r.killed);
  w.key("recoveries").value(r.recoveries).key("pid").value(r.pid).key("host").value(r.host);
  w.end_object().key("tasks").begin_array();
  for (const auto& t : r.tasks) {
    w.begin_object().key("path").value(t.path).key("type").value(t.type);
    w.key("status").value(task_status(t, false)).key("attempt").value(t.attempt);
    w.key("start");
    report::write_json_time(w, t.start);
    w.key("end");
    report::write_json_time(w, t.end);
    w.key("error_code").value(static_cast<std::int64_t>(t.error_code));
    w.key("error_msg").value(t.error_msg).key("description").value(t.description);
    w.key("vars").begin_object();
    for (const auto& [name, value] : t.vars) {
      w.key(name);
      report::write_json_value(w, value);
    }
    w.end_object().end_object();
  }
  w.end_array().key("links").begin_array();
  for (const auto& l : r.links) {
    w.begin_object().key("from").value(l.from).key("to").value(l.to);
    w.key("condition").value(l.condition).key("result").value(l.result);
    if (!l.error.empty()) w.key("error").value(l.error);
    w.end_object();
  }
  w.end_array().key("variables").begin_object();
  for (const auto& [scope, values] : r.variables) {
    w.key(scope).begin_object();
    for (const auto& [name, value] : values) {
      w.key(name);
      report::write_json_value(w, value);
    }
    w.end_object();
  }
  w.end_object().key("raised_events").begin_array();
  for (const auto& event : r.raised_events) w.value(event);
  w.end_array().end_object();
  out << "\n";
}

// The record as reports may show it: every text masked, and the values of variables whose
// names look secret replaced whole.
void mask_secrets(state::RunRecord& r) {
  run::SecretMasker masker;
  for (const auto& secret : r.secrets) masker.add(secret);
  auto mask_value = [&](const std::string& name, expr::Value& value) {
    if (run::looks_secret(name)) {
      value = expr::Value::string("********");
    } else if (value.type() == expr::Type::String) {
      value = expr::Value::string(masker.mask(value.as_string()));
    }
  };
  for (auto& t : r.tasks) {
    t.error_msg = masker.mask(t.error_msg);
    t.description = masker.mask(t.description);
    for (auto& [name, value] : t.vars) mask_value(name, value);
  }
  for (auto& l : r.links) l.error = masker.mask(l.error);
  for (auto& [scope, values] : r.variables)
    for (auto& [name, value] : values) mask_value(name, value);
}

int run(const Invocation& invocation) {
  if (invocation.positional.size() != 1)
    return usage_error(invocation, "show", "expects exactly one RUN_ID (see 'taskweave history')");
  auto store = open_state_store(invocation, "show");
  if (!store) return kExitUsage;
  const std::string& run_id = invocation.positional.front();
  auto record = store->load_run(run_id);
  if (!record) {
    invocation.err << "taskweave show: no run " << run_id << " in "
                   << store->database_path().string() << " (see 'taskweave history')\n";
    return kExitUsage;
  }
  mask_secrets(*record);
  if (invocation.has("json")) {
    print_json(*record, invocation.out);
  } else {
    print_text(*record, invocation.out);
  }
  return kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"show", "RUN_ID [--state-dir DIR] [--json]",
               "Show one recorded run: its status and a table of its tasks",
               define_state_report_options, run});

}  // namespace taskweave::cli
