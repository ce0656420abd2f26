// `taskweave history [--workflow W] [--state-dir D] [--json] [--limit N]`: the runs recorded in
// the state store, newest first, with their status (KILLED for a run whose process is gone,
// which `taskweave recover` can continue).
#include <Poco/Util/Option.h>

#include <charconv>
#include <ostream>

#include "run_report.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

constexpr std::size_t kDefaultLimit = 20;

void define_options(Poco::Util::OptionSet& options) {
  define_state_report_options(options);
  options.addOption(
      Poco::Util::Option("workflow", "", "Only runs of workflow W (case-insensitive).")
          .argument("W"));
  options.addOption(
      Poco::Util::Option("limit", "", "Show the N newest runs (default 20; 0 shows all).")
          .argument("N"));
}

struct Listed {
  run::RunInfo info;
  bool killed;
};

void print_text(const std::vector<Listed>& runs, std::ostream& out) {
  if (runs.empty()) {
    out << "No runs recorded.\n";
    return;
  }
  TextTable table({"RUN ID", "WORKFLOW", "STATUS", "START", "END", "DURATION", "INSTANCE"});
  for (const auto& [info, killed] : runs) {
    std::string status = run_status_text(info, killed);
    if (info.recovery) status += " (recovered)";
    table.add({info.run_id, info.workflow, status, local_time(info.start), local_time(info.end),
               duration(info.start, info.end), info.run_instance});
  }
  table.print(out);
}

void print_json(const std::vector<Listed>& runs, std::ostream& out) {
  util::JsonWriter w(out, 2);
  w.begin_object().key("runs").begin_array();
  for (const auto& [info, killed] : runs) {
    w.begin_object();
    write_run_members(w, info, killed);
    w.end_object();
  }
  w.end_array().end_object();
  out << "\n";
}

int run(const Invocation& invocation) {
  if (!invocation.positional.empty())
    return usage_error(invocation, "history",
                       "unexpected argument '" + invocation.positional.front() + "'");
  std::size_t limit = kDefaultLimit;
  if (auto text = invocation.value("limit")) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || end != text->data() + text->size())
      return usage_error(invocation, "history", "--limit wants a number, not '" + *text + "'");
  }
  auto store = open_state_store(invocation, "history");
  if (!store) return kExitUsage;

  std::vector<Listed> runs;
  for (auto& info : store->list_runs(invocation.value("workflow"), limit)) {
    bool killed = info.status == run::RunStatus::Running && store->is_killed(info.run_id);
    runs.push_back({std::move(info), killed});
  }
  if (invocation.has("json")) {
    print_json(runs, invocation.out);
  } else {
    print_text(runs, invocation.out);
  }
  return kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"history", "[--workflow W] [--state-dir DIR] [--limit N] [--json]",
               "List recorded runs, newest first, with their status", define_options, run});

}  // namespace taskweave::cli
