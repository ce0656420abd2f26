// `taskweave abort RUN_ID`: aborts a run from another shell (semantics.md §7): like stop, and
// tasks that have not ended within the abort timeout are abandoned (their process groups are
// killed by the plugins that started them).
#include "run_options.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

int run(const Invocation& invocation) { return signal_run(invocation, "abort", true); }

}  // namespace

TW_SUBCOMMAND({"abort", "RUN_ID [--state-dir DIR]",
               "Abort a running workflow run (as a second Ctrl-C in its terminal would)",
               define_signal_options, run});

}  // namespace taskweave::cli
