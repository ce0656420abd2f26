// `taskweave run FILE`: runs a workflow with PowerCenter's rules (semantics.md), recording it
// in the state store; exit codes and --json-events per cli-contract.md.
#include <Poco/Util/Option.h>

#include <charconv>

#include "model_cli.h"
#include "plugin_options.h"
#include "run/launch.h"
#include "run_options.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

void define_options(Poco::Util::OptionSet& options) {
  define_selection_options(options);
  define_run_options(options);
  options.addOption(Poco::Util::Option("param-file", "",
                                       "Read parameter values from FILE (overrides the "
                                       "workflow's Parameter Filename).")
                        .argument("FILE"));
  options.addOption(
      Poco::Util::Option("run-instance", "", "Name this run instance.").argument("NAME"));
  options.addOption(Poco::Util::Option("dry-run", "",
                                       "Run the real scheduling rules without side effects: no "
                                       "command, session, mail or file deletion; waits end at "
                                       "once; print what each task would do."));
  options.addOption(Poco::Util::Option("simulate", "",
                                       "Under --dry-run, end the task at PATH with STATUS "
                                       "(SUCCEEDED, FAILED, STOPPED, ABORTED) and N rows "
                                       "(repeatable).")
                        .argument("PATH=STATUS[:rows=N]")
                        .repeatable(true));
}

int run(const Invocation& invocation) {
  int exit_code = kExitOk;
  auto file = file_argument(invocation, "run", exit_code);
  if (!file) return exit_code;
  run::LaunchRequest request;
  if (auto error = fill_run_request(invocation, request))
    return usage_error(invocation, "run", *error);
  request.file = *file;
  request.selection = selection_from(invocation);
  request.param_file = invocation.value("param-file");
  request.run_instance = invocation.value("run-instance").value_or("");
  request.dry_run = invocation.has("dry-run");
  request.simulate = invocation.values("simulate");
  return run::launch(request, invocation.out, invocation.err);
}

}  // namespace

TW_SUBCOMMAND({"run", "FILE [options]",
               "Run a workflow with PowerCenter's rules (exit 0 ok, 1 failed, 2 bad input, "
               "3 stopped/aborted, 4 suspended)",
               define_options, run});

}  // namespace taskweave::cli
