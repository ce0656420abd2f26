// The Command task: its VALUEPAIRs (label = NAME, shell text = VALUE), already in EXECORDER and
// with a reusable instance's overrides applied by the host, run one after another as
// `/bin/sh -c` in process groups of their own. All the behaviour (fail on any error or not,
// expansion, stop/abort, dry run) lives in common/commands so the session's pre/post commands
// share it; this file maps the outcome onto the task.
#include <taskweave/sdk.hpp>

#include "common/commands/command_list.h"
#include "common/commands/command_settings.h"

namespace taskweave::plugins::command {
namespace sdk = taskweave::sdk;

// ErrorCode of a task that cannot run because of its configuration.
constexpr int64_t kConfigurationError = 1;

class CommandTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    if (tw_cancel cancel = ctx.cancel_requested(); cancel != TW_CANCEL_NONE)
      return cancel == TW_CANCEL_ABORT ? TW_RUN_ABORTED : TW_RUN_STOPPED;
    auto settings = commands::load_command_settings(ctx, "command");
    if (!settings) {
      if (ctx.dry_run()) {  // a dry run finishes every task; the description says what would fail
        ctx.describe("would fail: " + settings.error());
        return TW_RUN_SUCCEEDED;
      }
      ctx.fail(kConfigurationError, settings.error());
      return TW_RUN_FAILED;
    }
    auto list = commands::commands_of(ctx.value_pairs());
    if (list.empty()) {
      ctx.info("the Command task has no commands; nothing to run");
      ctx.describe(ctx.dry_run() ? "would run no command" : "ran no command");
      return TW_RUN_SUCCEEDED;
    }
    bool fail_on_error =
        commands::fails_on_any_error(ctx.attribute("Fail task if any command fails"));
    auto outcome = commands::run_command_list(ctx, list, fail_on_error, *settings, "command");
    if (outcome.result == TW_RUN_FAILED) ctx.fail(outcome.error_code, outcome.error);
    return outcome.result;
  }
};

}  // namespace taskweave::plugins::command

TASKWEAVE_PLUGIN("command", "1.0.0", "taskweave",
                 taskweave::sdk::task_type<taskweave::plugins::command::CommandTask>(
                     "Command", "Runs shell commands, each in its own /bin/sh -c process group"))
