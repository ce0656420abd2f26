// A session's SESSIONCOMPONENTs (powercenter-format.md §5) other than email: pre/post-session
// commands and variable assignments. A component's TYPE says what it is; an instance's own
// component of a TYPE overrides the definition's.
#pragma once

#include <taskweave/sdk.hpp>

#include <string_view>

#include "common/commands/command_list.h"
#include "common/commands/command_settings.h"

namespace taskweave::plugins::session {

inline constexpr std::string_view kPreSessionCommand = "Pre-session command";
inline constexpr std::string_view kPostSuccessCommand = "Post-session success command";
inline constexpr std::string_view kPostFailureCommand = "Post-session failure command";
inline constexpr std::string_view kPreAssignment = "Pre-session variable assignment";
inline constexpr std::string_view kPostSuccessAssignment =
    "Post-session success variable assignment";
inline constexpr std::string_view kPostFailureAssignment =
    "Post-session failure variable assignment";

// The SESSIONCOMPONENT of TYPE `type` (empty Node when the session has none).
sdk::Node find_component(const sdk::Context& ctx, std::string_view type);

// The TASK a component holds, or for REUSABLE="YES" the folder-level TASK its REFOBJECTNAME
// names (empty Node when it is not in the export).
sdk::Node component_task(const sdk::Context& ctx, const sdk::Node& component);

// What a component step did: SUCCEEDED (also when there is no such component), FAILED,
// STOPPED or ABORTED, with ErrorCode and message for FAILED.
using StepOutcome = commands::ListOutcome;

// Runs a command component's Command TASK with the Command task's own logic and `command.*`
// settings, honouring its `Fail task if any command fails`.
StepOutcome run_command_component(const sdk::Context& ctx, std::string_view type,
                                  const commands::CommandSettings& settings);

// Evaluates a variable assignment component's VALUEPAIRs in order (NAME = the `$$` variable,
// VALUE = the expression) and sets each variable. Pure, so it also runs under dry run.
StepOutcome run_assignment_component(const sdk::Context& ctx, std::string_view type);

}  // namespace taskweave::plugins::session
