#include "session/session_run.h"

#include "session/command_runner.h"
#include "session/email_component.h"
#include "session/job_plan.h"
#include "session/sqlite_runner.h"

namespace taskweave::plugins::session {
namespace {

// ErrorCode of a session whose job cannot be found or configured.
constexpr int64_t kNoJob = 1;

bool cancelled(tw_run_result result) {
  return result == TW_RUN_STOPPED || result == TW_RUN_ABORTED;
}

tw_run_result cancel_result(tw_cancel cancel) {
  return cancel == TW_CANCEL_ABORT ? TW_RUN_ABORTED : TW_RUN_STOPPED;
}

}  // namespace

SessionRun::SessionRun(const sdk::Context& ctx, const SessionSettings& settings,
                       const commands::CommandSettings& command_settings)
    : ctx_(ctx), settings_(settings), command_settings_(command_settings) {}

tw_run_result SessionRun::execute() {
  if (auto end = ended_by(run_assignment_component(ctx_, kPreAssignment))) return *end;
  if (auto end = ended_by(run_command_component(ctx_, kPreSessionCommand, command_settings_)))
    return *end;
  if (auto end = ended_by(run_job())) return *end;
  return succeed();
}

std::optional<tw_run_result> SessionRun::ended_by(const StepOutcome& step) {
  if (cancelled(step.result)) return end_cancelled(step.result);
  if (step.result == TW_RUN_FAILED) return fail(step, true);
  if (tw_cancel cancel = ctx_.cancel_requested(); cancel != TW_CANCEL_NONE)
    return end_cancelled(cancel_result(cancel));
  return std::nullopt;
}

StepOutcome SessionRun::run_job() {
  auto plan = plan_job(ctx_, settings_);
  if (!plan) return {TW_RUN_FAILED, kNoJob, plan.error()};
  if (ctx_.dry_run()) {
    ctx_.describe("would run " + plan->description);
    // What `run --dry-run` reports for a session (cli-contract.md).
    counts_.src_success_rows = counts_.tgt_success_rows = 1;
    return {};
  }
  ctx_.info("running " + plan->description);
  // The task log is the session log (%g attaches it to the session's emails).
  ctx_.write_task_log("session " + settings_.session_name() + ": running " + plan->description +
                      "\n");
  RunnerOutcome outcome;
  if (plan->runner == Runner::kSqlite) {
    outcome = run_sqlite_job(ctx_, plan->sqlite);
  } else {
    auto settings = commands::load_command_settings(ctx_, "session");
    if (!settings) return {TW_RUN_FAILED, kNoJob, settings.error()};
    outcome = run_command_job(ctx_, *plan, *settings);
  }
  counts_ = outcome.counts;
  std::string ended = "session job ended: " + counts_.summary() +
                      (outcome.error.empty() ? "" : "; " + outcome.error);
  ctx_.info(ended);
  ctx_.write_task_log(ended + "\n");
  ctx_.describe("ran " + plan->description + ": " + counts_.summary());
  return {outcome.result, outcome.error_code, outcome.error};
}

tw_run_result SessionRun::succeed() {
  counts_.publish(ctx_);
  StepOutcome step = run_command_component(ctx_, kPostSuccessCommand, command_settings_);
  if (cancelled(step.result)) return end_cancelled(step.result);
  if (step.result == TW_RUN_FAILED) return fail(step, false);
  step = run_assignment_component(ctx_, kPostSuccessAssignment);
  if (step.result == TW_RUN_FAILED) return fail(step, false);
  send_email_component(ctx_, kSuccessEmail,
                       {settings_.session_name(), settings_.mapping_name(), "Succeeded", counts_});
  return TW_RUN_SUCCEEDED;
}

tw_run_result SessionRun::fail(const StepOutcome& why, bool job_failed) {
  if (ctx_.dry_run()) {
    // A dry run finishes every task; what would go wrong is part of the description.
    ctx_.describe("would fail: " + why.error);
    counts_.src_success_rows = counts_.tgt_success_rows = 1;
    counts_.publish(ctx_);
    return TW_RUN_SUCCEEDED;
  }
  counts_.publish(ctx_);
  // Recorded first, so the failure steps below can read $<session>.ErrorMsg.
  ctx_.fail(why.error_code, why.error);
  if (job_failed) {
    StepOutcome step = run_command_component(ctx_, kPostFailureCommand, command_settings_);
    if (cancelled(step.result)) return end_cancelled(step.result);
    if (step.result == TW_RUN_FAILED) ctx_.error(step.error);
  }
  StepOutcome step = run_assignment_component(ctx_, kPostFailureAssignment);
  if (step.result == TW_RUN_FAILED) ctx_.error(step.error);
  send_email_component(ctx_, kFailureEmail,
                       {settings_.session_name(), settings_.mapping_name(), "Failed", counts_});
  return TW_RUN_FAILED;
}

tw_run_result SessionRun::end_cancelled(tw_run_result result) {
  counts_.publish(ctx_);
  ctx_.info(std::string("session ") + (result == TW_RUN_ABORTED ? "aborted" : "stopped") +
            "; its remaining steps were skipped");
  return result;
}

}  // namespace taskweave::plugins::session
