// `taskweave validate FILE [--workflow NAME] [--folder NAME] [--json]`: loads an export and
// reports every problem as "file:line:col: error|warning: message". Exit 2 when there are
// errors, 0 otherwise (warnings included).
#include <Poco/Util/Option.h>

#include <ostream>

#include "model/model.h"
#include "model_cli.h"
#include "subcommand.h"
#include "util/json_writer.h"

namespace taskweave::cli {
namespace {

void define_options(Poco::Util::OptionSet& options) {
  define_selection_options(options);
  options.addOption(Poco::Util::Option("json", "", "Print the result as JSON."));
}

struct Totals {
  std::size_t graphs = 0, tasks = 0, links = 0;
};

Totals totals(const model::Workflow& w) {
  Totals t{1 + w.worklet_graphs.size(), w.root.tasks.size(), w.root.links.size()};
  for (const auto& g : w.worklet_graphs) {
    t.tasks += g->tasks.size();
    t.links += g->links.size();
  }
  return t;
}

void write_json(std::ostream& out, const std::string& file, const model::LoadResult& result) {
  util::JsonWriter json(out, 2);
  json.begin_object();
  json.key("file").value(file);
  json.key("valid").value(!result.diagnostics.has_errors());
  json.key("workflows").begin_array();
  for (const auto& w : result.workflows) {
    const Totals t = totals(*w);
    json.begin_object();
    json.key("folder").value(w->folder);
    json.key("name").value(w->name);
    json.key("graphs").value(static_cast<std::uint64_t>(t.graphs));
    json.key("tasks").value(static_cast<std::uint64_t>(t.tasks));
    json.key("links").value(static_cast<std::uint64_t>(t.links));
    json.key("definition_hash").value(w->definition_hash_hex());
    json.end_object();
  }
  json.end_array();
  json.key("diagnostics");
  model::write_diagnostics_json(json, result.diagnostics);
  json.key("errors").value(static_cast<std::uint64_t>(result.diagnostics.error_count()));
  json.key("warnings").value(static_cast<std::uint64_t>(result.diagnostics.warning_count()));
  json.end_object();
  out << '\n';
}

void write_text(std::ostream& out, const std::string& file, const model::LoadResult& result) {
  model::print_diagnostics(out, result.diagnostics);
  if (result.diagnostics.has_errors()) return;
  for (const auto& w : result.workflows) {
    const Totals t = totals(*w);
    out << file << ": workflow " << w->folder << '/' << w->name << " is valid: " << t.tasks
        << " tasks and " << t.links << " links in " << t.graphs
        << (t.graphs == 1 ? " graph\n" : " graphs\n");
  }
}

int run(const Invocation& invocation) {
  int exit_code = kExitOk;
  auto file = file_argument(invocation, "validate", exit_code);
  if (!file) return exit_code;
  const model::LoadResult result = model::load_export(*file, selection_from(invocation));
  if (invocation.has("json")) {
    write_json(invocation.out, *file, result);
  } else {
    write_text(invocation.out, *file, result);
  }
  return result.diagnostics.has_errors() ? kExitUsage : kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"validate", "FILE [--workflow NAME] [--folder NAME] [--json]",
               "Check a PowerCenter export; report problems as file:line:col diagnostics",
               define_options, run});

}  // namespace taskweave::cli
