// Running a Command task's list of shell commands, shared by the Command task and the
// session's pre/post-session command components so that both behave exactly alike:
// - commands run in order, each in its own `/bin/sh -c` and process group, with `$$`/`$PM`
//   references expanded just before it runs;
// - fail_on_error ("Fail task if any command fails" = YES): the first failing command ends the
//   list and fails it with ErrorCode = its exit code; NO: every command runs and the list
//   succeeds whatever the exits;
// - stop: the running command finishes, the rest are skipped (STOPPED);
//   abort: the running command's group gets SIGTERM, then SIGKILL after the abort grace
//   (ABORTED);
// - dry run: each expanded command is described, nothing runs.
#pragma once

#include <taskweave/sdk.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/commands/command_settings.h"
#include "common/process/process.h"

namespace taskweave::plugins::commands {

struct ShellCommand {
  std::string label;  // VALUEPAIR NAME
  std::string text;   // VALUEPAIR VALUE, before expansion
};

// The commands of VALUEPAIRs already in EXECORDER.
std::vector<ShellCommand> commands_of(std::span<const tw_value_pair> pairs);

// True when the `Fail task if any command fails` value is YES (any case); absent means NO, as
// in the PowerCenter Workflow Manager.
bool fails_on_any_error(std::optional<std::string_view> attribute_value);

struct ListOutcome {
  tw_run_result result = TW_RUN_SUCCEEDED;  // SUCCEEDED, FAILED, STOPPED or ABORTED
  int64_t error_code = 0;                   // for FAILED: what ctx.fail() should record
  std::string error;                        // for FAILED, STOPPED, ABORTED: what happened
};

// ErrorCode of a command that timed out (as timeout(1) exits) or could not be started.
inline constexpr int64_t kTimedOutCode = 124;
inline constexpr int64_t kCannotStartCode = 127;

// The ErrorCode of a command that did not succeed: its exit code, 128 + N for signal N (as the
// shell reports it), kTimedOutCode for a timeout.
int64_t error_code_of(const process::ExitStatus& status);

// Runs the list; `kind` names the commands in logs and messages ("command",
// "pre-session command"). Never calls ctx.fail(): the caller decides what a failure means.
ListOutcome run_command_list(const sdk::Context& ctx, std::span<const ShellCommand> commands,
                             bool fail_on_error, const CommandSettings& settings,
                             std::string_view kind);

}  // namespace taskweave::plugins::commands
