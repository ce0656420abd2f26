// The Session task: runs the session's mapping through a configured runner (see job_plan.h and
// docs/plugins/session.md) between its pre- and post-session components (session_run.h), and
// publishes the row counts as $<session>.SrcSuccessRows, TgtSuccessRows, ...
#include <taskweave/sdk.hpp>

#include "common/commands/command_settings.h"
#include "session/session_run.h"
#include "session/session_settings.h"

namespace taskweave::plugins::session {
namespace sdk = taskweave::sdk;

// ErrorCode of a session that cannot run at all (definition missing, bad configuration).
constexpr int64_t kCannotRun = 1;

class SessionTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    if (tw_cancel cancel = ctx.cancel_requested(); cancel != TW_CANCEL_NONE)
      return cancel == TW_CANCEL_ABORT ? TW_RUN_ABORTED : TW_RUN_STOPPED;
    const tw_task_info& task = ctx.task();
    if (!task.definition_found) {
      std::string missing = std::string("the definition of session ") + task.task_name +
                            " is not in this export (a reusable session defined elsewhere)";
      return cannot_run(ctx, missing + "; export the session with the workflow to run it");
    }
    auto command_settings = commands::load_command_settings(ctx, "command");
    if (!command_settings) return cannot_run(ctx, command_settings.error());
    sdk::Node definition = ctx.definition();
    SessionSettings settings(ctx,
                             std::string(definition.attribute("NAME").value_or(task.task_name)),
                             std::string(definition.attribute("MAPPINGNAME").value_or("")));
    return SessionRun(ctx, settings, *command_settings).execute();
  }

 private:
  static tw_run_result cannot_run(const sdk::Context& ctx, const std::string& why) {
    if (ctx.dry_run()) {  // a dry run finishes every task; the description says what would fail
      ctx.describe("would fail: " + why);
      return TW_RUN_SUCCEEDED;
    }
    ctx.fail(kCannotRun, why);
    return TW_RUN_FAILED;
  }
};

}  // namespace taskweave::plugins::session

TASKWEAVE_PLUGIN("session", "1.0.0", "taskweave",
                 taskweave::sdk::task_type<taskweave::plugins::session::SessionTask>(
                     "Session",
                     "Runs a session's mapping through a configured runner (sqlite or command)"))
