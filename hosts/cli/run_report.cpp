#include "run_report.h"

#include <Poco/Util/Option.h>

#include <algorithm>
#include <cstdio>

#include "report/json_values.h"
#include "state/run_status.h"
#include "state/state_dir.h"
#include "state/value_codec.h"

namespace taskweave::cli {

void define_state_report_options(Poco::Util::OptionSet& options) {
  options.addOption(Poco::Util::Option("state-dir", "",
                                       "Read run state from DIR (default: $TASKWEAVE_STATE_DIR, "
                                       "else $XDG_STATE_HOME/taskweave, else "
                                       "~/.local/state/taskweave).")
                        .argument("DIR"));
  options.addOption(Poco::Util::Option("json", "", "Print JSON instead of a table."));
}

std::unique_ptr<state::StateStore> open_state_store(const Invocation& invocation,
                                                    const char* command) {
  auto dir = state::resolve_state_dir(invocation.value("state-dir"));
  if (!dir) {
    invocation.err << "taskweave " << command << ": " << dir.error() << "\n";
    return nullptr;
  }
  auto store = state::StateStore::open(dir.value());
  if (!store) {
    invocation.err << "taskweave " << command << ": " << store.error() << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

std::string local_time(const expr::DateTime& time) {
  if (time == expr::DateTime{}) return "";
  return std::string(state::format_time(time).view().substr(0, 23));  // to the millisecond
}

std::string duration(const expr::DateTime& start, const expr::DateTime& end) {
  if (start == expr::DateTime{} || end == expr::DateTime{}) return "";
  int64_t millis = (end.seconds - start.seconds) * 1000 + (end.nanos - start.nanos) / 1'000'000;
  if (millis < 0) millis = 0;
  char text[48];
  if (millis < 60'000) {
    std::snprintf(text, sizeof text, millis < 10'000 ? "%.3fs" : "%.1fs",
                  static_cast<double>(millis) / 1000.0);
    return text;
  }
  int64_t seconds = millis / 1000;
  if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm%02llds", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  }
  return text;
}

std::string run_status_text(const run::RunInfo& info, bool killed) {
  return killed ? "KILLED" : std::string(state::run_status_name(info.status));
}

void write_run_members(util::JsonWriter& w, const run::RunInfo& info, bool killed) {
  w.key("run_id").value(info.run_id).key("workflow").value(info.workflow);
  w.key("folder").value(info.folder).key("file").value(info.file);
  w.key("run_instance").value(info.run_instance);
  w.key("status").value(state::run_status_name(info.status)).key("killed").value(killed);
  w.key("recovered").value(info.recovery);
  w.key("start");
  report::write_json_time(w, info.start);
  w.key("end");
  report::write_json_time(w, info.end);
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace taskweave::cli
