// `taskweave graph FILE [--workflow NAME] [--folder NAME] [--format dot|mermaid]`: draws one
// workflow for Graphviz (`| dot -Tsvg > wf.svg`) or Mermaid. Problems go to stderr; with errors
// nothing is drawn and the exit is 2.
#include <Poco/Util/Option.h>

#include "model/graph_export.h"
#include "model/model.h"
#include "model_cli.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

void define_options(Poco::Util::OptionSet& options) {
  define_selection_options(options);
  options.addOption(Poco::Util::Option("format", "", "Output format: dot (default) or mermaid.")
                        .argument("FORMAT")
                        .repeatable(false));
}

int run(const Invocation& invocation) {
  int exit_code = kExitOk;
  auto file = file_argument(invocation, "graph", exit_code);
  if (!file) return exit_code;
  const std::string format = invocation.value("format").value_or("dot");
  if (format != "dot" && format != "mermaid")
    return usage_error(invocation, "graph",
                       "unknown --format '" + format + "'; use dot or mermaid");
  const model::SingleLoadResult result = model::load_workflow(*file, selection_from(invocation));
  model::print_diagnostics(invocation.err, result.diagnostics);
  if (result.diagnostics.has_errors() || !result.workflow) return kExitUsage;
  model::write_graph(invocation.out, *result.workflow,
                     format == "dot" ? model::GraphFormat::Dot : model::GraphFormat::Mermaid);
  return kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"graph", "FILE [--workflow NAME] [--folder NAME] [--format dot|mermaid]",
               "Draw a workflow for Graphviz or Mermaid", define_options, run});

}  // namespace taskweave::cli
