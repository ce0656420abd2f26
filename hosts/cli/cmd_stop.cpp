// `taskweave stop RUN_ID`: stops a run from another shell (semantics.md §7): running tasks are
// asked to stop and nothing new starts; the run ends STOPPED and can be recovered.
#include "run_options.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

int run(const Invocation& invocation) { return signal_run(invocation, "stop", false); }

}  // namespace

TW_SUBCOMMAND({"stop", "RUN_ID [--state-dir DIR]",
               "Stop a running workflow run (as a first Ctrl-C in its terminal would)",
               define_signal_options, run});

}  // namespace taskweave::cli
