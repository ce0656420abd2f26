// `taskweave plan FILE [--workflow NAME] [--folder NAME] [--json]`: the levels, critical path
// and analysis of each workflow (and its worklets). The JSON form is a contract
// (cli-contract.md). Problems go to stderr; with errors nothing is planned and the exit is 2.
#include <Poco/Util/Option.h>

#include "model/model.h"
#include "model/plan.h"
#include "model_cli.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

void define_options(Poco::Util::OptionSet& options) {
  define_selection_options(options);
  options.addOption(
      Poco::Util::Option("json", "", "Print the plan as JSON (the format in cli-contract.md)."));
}

int run(const Invocation& invocation) {
  int exit_code = kExitOk;
  auto file = file_argument(invocation, "plan", exit_code);
  if (!file) return exit_code;
  const model::LoadResult result = model::load_export(*file, selection_from(invocation));
  model::print_diagnostics(invocation.err, result.diagnostics);
  if (result.diagnostics.has_errors()) return kExitUsage;
  if (invocation.has("json")) {
    model::write_plan_json(invocation.out, *file, result.workflows);
  } else {
    model::write_plan_text(invocation.out, result.workflows);
  }
  return kExitOk;
}

}  // namespace

TW_SUBCOMMAND({"plan", "FILE [--workflow NAME] [--folder NAME] [--json]",
               "Show how a workflow would run: levels, critical path, analysis", define_options,
               run});

}  // namespace taskweave::cli
