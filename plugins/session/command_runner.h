// The `command` session runner: runs the job's command line as `/bin/sh -c` in a process group
// of its own (see common/process), with the session described in its environment:
//   TASKWEAVE_SESSION, TASKWEAVE_MAPPING, TASKWEAVE_INSTANCE, TASKWEAVE_JOBS_DIR,
//   TASKWEAVE_CONNECTIONS (comma-separated, writers first), TASKWEAVE_ATTR_<NAME> for every
//   session ATTRIBUTE ("Session Log File Name" -> TASKWEAVE_ATTR_SESSION_LOG_FILE_NAME), and
//   TASKWEAVE_SESSION_STATS, the file where the job writes its counts as KEY=VALUE lines
//   (SrcSuccessRows, SrcFailedRows, TgtSuccessRows, TgtFailedRows, TotalTransErrors,
//   FirstErrorCode, FirstErrorMsg).
// A non-zero exit fails the session with ErrorCode = the exit code.
#pragma once

#include <taskweave/sdk.hpp>

#include "common/commands/command_settings.h"
#include "session/job_plan.h"
#include "session/runner_outcome.h"

namespace taskweave::plugins::session {

// `settings` are the `session.*` command settings (working directory, env, timeout, grace).
RunnerOutcome run_command_job(const sdk::Context& ctx, const JobPlan& plan,
                              const commands::CommandSettings& settings);

// "Session Log File Name" -> "SESSION_LOG_FILE_NAME"
std::string environment_name(std::string_view attribute_name);

}  // namespace taskweave::plugins::session
