#include "common/commands/command_list.h"

#include <csignal>

#include "common/commands/task_log_output.h"
#include "common/process/process.h"
#include "common/text.h"

namespace taskweave::plugins::commands {
namespace {

// Exports saved on Windows keep CR LF line ends in command text; a CR left before a newline
// would end up inside the last word of the line ("touch x.out\r").
std::string without_carriage_returns(std::string text) {
  size_t out = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) text[out++] = text[i];
  text.resize(out);
  return text;
}

std::string quoted_for_sh(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// "command 'label' (2 of 3)"
std::string name_of(std::string_view kind, const ShellCommand& command, size_t index,
                    size_t count) {
  return std::string(kind) + " '" + command.label + "' (" + std::to_string(index + 1) + " of " +
         std::to_string(count) + ")";
}

tw_run_result cancelled_result(tw_cancel cancel) {
  return cancel == TW_CANCEL_ABORT ? TW_RUN_ABORTED : TW_RUN_STOPPED;
}

}  // namespace

int64_t error_code_of(const process::ExitStatus& status) {
  switch (status.reason) {
    case process::ExitStatus::Reason::kExited:
      return status.code;
    case process::ExitStatus::Reason::kSignaled:
      return 128 + status.code;
    case process::ExitStatus::Reason::kTimedOut:
      return kTimedOutCode;
    case process::ExitStatus::Reason::kTerminated:
      return 128 + SIGTERM;
  }
  return 1;
}

std::vector<ShellCommand> commands_of(std::span<const tw_value_pair> pairs) {
  std::vector<ShellCommand> commands;
  commands.reserve(pairs.size());
  for (const auto& pair : pairs)
    commands.push_back({pair.name ? pair.name : "", pair.value ? pair.value : ""});
  return commands;
}

bool fails_on_any_error(std::optional<std::string_view> attribute_value) {
  if (!attribute_value) return false;
  std::string_view value = trim(*attribute_value);
  return value.size() == 3 && (value[0] | 0x20) == 'y' && (value[1] | 0x20) == 'e' &&
         (value[2] | 0x20) == 's';
}

ListOutcome run_command_list(const sdk::Context& ctx, std::span<const ShellCommand> commands,
                             bool fail_on_error, const CommandSettings& settings,
                             std::string_view kind) {
  TaskLogOutput output(ctx);
  process::Options options;
  options.on_output = output.sink();
  options.terminate_requested = [&ctx] { return ctx.cancel_requested() == TW_CANCEL_ABORT; };
  options.timeout = settings.timeout;
  options.kill_grace = settings.abort_grace;

  size_t failures = 0;
  for (size_t i = 0; i < commands.size(); ++i) {
    std::string name = name_of(kind, commands[i], i, commands.size());
    if (tw_cancel cancel = ctx.cancel_requested(); cancel != TW_CANCEL_NONE) {
      std::string skipped = std::string(cancel == TW_CANCEL_ABORT ? "abort" : "stop") +
                            " requested: skipped " + std::to_string(commands.size() - i) + " of " +
                            std::to_string(commands.size()) + " " + std::string(kind) + "s, from " +
                            name;
      ctx.info(skipped);
      return {cancelled_result(cancel), 0, skipped};
    }
    auto expanded = ctx.expand(commands[i].text);
    if (!expanded && ctx.dry_run()) {
      ctx.describe("would fail: " + name + " cannot be expanded: " + expanded.error());
      continue;
    }
    if (!expanded)
      return {TW_RUN_FAILED, kCannotStartCode, name + " cannot be expanded: " + expanded.error()};
    std::string text = without_carriage_returns(*expanded);

    if (ctx.dry_run()) {
      ctx.describe("would run " + name + ": sh -c " + quoted_for_sh(text) + " in " +
                   settings.working_dir);
      continue;
    }
    ctx.info("running " + name + ": " + one_line(text));
    output.begin("==> " + name + ": " + text + "\n");
    auto status = process::run({text, settings.working_dir, settings.environment}, options);
    if (!status)
      return {TW_RUN_FAILED, kCannotStartCode, name + " could not be started: " + status.error()};
    if (status->ended_leftovers)
      ctx.warning(name + " left processes running after its shell exited; they were terminated");
    std::string result = name + " " + status->describe();
    if (status->reason == process::ExitStatus::Reason::kTerminated) {
      ctx.info(result + " (abort)");
      return {TW_RUN_ABORTED, 0, result + " (abort)"};
    }
    if (status->succeeded()) {
      ctx.info(result + " in " + std::to_string(status->elapsed.count()) + " ms");
      continue;
    }
    if (fail_on_error) return {TW_RUN_FAILED, error_code_of(*status), result};
    ++failures;
    ctx.warning(result + "; continuing, as the task does not fail on command failures");
  }
  if (failures > 0)
    ctx.info(std::to_string(failures) + " of " + std::to_string(commands.size()) + " " +
             std::string(kind) + "s failed; succeeding as configured");
  return {};
}

}  // namespace taskweave::plugins::commands
