// One run of a Session task, step by step:
//   1. Pre-session variable assignment      5. on success: Post-session success command,
//   2. Pre-session command                     then Post-session success variable assignment,
//   3. the job, through its runner              then Success Email
//   4. row counts published                  6. on failure: Post-session failure command,
//                                               Post-session failure variable assignment,
//                                               Failure Email
// A failing pre-session step fails the session before its job runs. A failing post-session
// success step fails the session and takes the failure path (without the failure command,
// which is for a failed job). Problems in failure-path steps are logged; the session keeps
// the error that failed it. A stop lets the running step finish and skips the rest (STOPPED);
// an abort also ends the running step (ABORTED).
#pragma once

#include <taskweave/sdk.hpp>

#include <optional>

#include "common/commands/command_settings.h"
#include "session/components.h"
#include "session/row_counts.h"
#include "session/session_settings.h"

namespace taskweave::plugins::session {

class SessionRun {
 public:
  SessionRun(const sdk::Context& ctx, const SessionSettings& settings,
             const commands::CommandSettings& command_settings);
  tw_run_result execute();

 private:
  StepOutcome run_job();
  // The session's end when a step before the post-session ones failed or was cancelled.
  std::optional<tw_run_result> ended_by(const StepOutcome& step);
  tw_run_result succeed();
  tw_run_result fail(const StepOutcome& why, bool job_failed);
  tw_run_result end_cancelled(tw_run_result result);

  const sdk::Context& ctx_;
  const SessionSettings& settings_;
  const commands::CommandSettings& command_settings_;
  RowCounts counts_;
};

}  // namespace taskweave::plugins::session
