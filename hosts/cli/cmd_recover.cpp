// `taskweave recover RUN_ID`: continues a run that was stopped, aborted, suspended or killed
// (semantics.md §7). Tasks that succeeded never run again; failed-under-suspension, stopped and
// aborted tasks run again; a task that was running when the host died is failed or restarted
// per its recovery strategy. The workflow definition must not have changed.
#include <Poco/Util/Option.h>

#include "run/launch.h"
#include "run_options.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

void define_options(Poco::Util::OptionSet& options) {
  define_run_options(options);
  options.addOption(Poco::Util::Option("file", "",
                                       "Read the workflow from FILE instead of the path the run "
                                       "recorded (the definition must be the same).")
                        .argument("FILE"));
  options.addOption(Poco::Util::Option("param-file", "",
                                       "Read parameter values from FILE (pass the one the run "
                                       "used).")
                        .argument("FILE"));
}

int run(const Invocation& invocation) {
  if (invocation.positional.size() != 1)
    return usage_error(invocation, "recover", "expected one RUN_ID (see 'taskweave history')");
  run::LaunchRequest request;
  if (auto error = fill_run_request(invocation, request))
    return usage_error(invocation, "recover", *error);
  request.recover_run_id = invocation.positional.front();
  request.file = invocation.value("file").value_or("");
  request.param_file = invocation.value("param-file");
  return run::launch(request, invocation.out, invocation.err);
}

}  // namespace

TW_SUBCOMMAND({"recover", "RUN_ID [options]",
               "Continue a stopped, aborted, suspended or killed run (exit codes as for run)",
               define_options, run});

}  // namespace taskweave::cli
