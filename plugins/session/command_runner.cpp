#include "session/command_runner.h"

#include <cctype>
#include <filesystem>

#include "common/commands/command_list.h"
#include "common/commands/task_log_output.h"
#include "common/process/process.h"

namespace taskweave::plugins::session {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> session_environment(
    const sdk::Context& ctx, const JobPlan& plan, const commands::CommandSettings& settings) {
  auto env = settings.environment;
  std::string connections;
  for (const auto& name : plan.connections) connections += (connections.empty() ? "" : ",") + name;
  env.insert(env.end(), {{"TASKWEAVE_SESSION", plan.session_name},
                         {"TASKWEAVE_MAPPING", plan.mapping_name},
                         {"TASKWEAVE_INSTANCE", ctx.task().instance_name},
                         {"TASKWEAVE_JOBS_DIR", plan.command.jobs_dir.string()},
                         {"TASKWEAVE_CONNECTIONS", connections},
                         {"TASKWEAVE_SESSION_STATS", plan.command.stats_file.string()}});
  // The instance's ATTRIBUTE overrides come after the definition's, so they win.
  for (const auto& element : {ctx.definition(), ctx.instance()})
    element.for_each("ATTRIBUTE", [&](const sdk::Node& attribute) {
      auto name = attribute.attribute("NAME");
      if (name && !name->empty())
        env.emplace_back("TASKWEAVE_ATTR_" + environment_name(*name),
                         std::string(attribute.attribute("VALUE").value_or("")));
    });
  return env;
}

}  // namespace

std::string environment_name(std::string_view attribute_name) {
  std::string out;
  for (char c : attribute_name) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

RunnerOutcome run_command_job(const sdk::Context& ctx, const JobPlan& plan,
                              const commands::CommandSettings& settings) {
  const fs::path& stats = plan.command.stats_file;
  std::error_code ignored;
  fs::remove(stats, ignored);  // a stale file from an earlier attempt must not count

  commands::TaskLogOutput output(ctx);
  output.begin("==> session command job: " + plan.command.command_line + "\n");
  process::Options options;
  options.on_output = output.sink();
  options.terminate_requested = [&ctx] { return ctx.cancel_requested() == TW_CANCEL_ABORT; };
  options.timeout = settings.timeout;
  options.kill_grace = settings.abort_grace;
  auto status = process::run(
      {plan.command.command_line, settings.working_dir, session_environment(ctx, plan, settings)},
      options);
  if (!status)
    return RunnerOutcome::failed(
        commands::kCannotStartCode,
        "the session's command job could not be started: " + status.error());

  RunnerOutcome outcome;
  for (const auto& problem : read_stats_file(stats, outcome.counts))
    ctx.warning("session statistics ignored: " + problem);
  fs::remove(stats, ignored);
  if (status->ended_leftovers)
    ctx.warning(
        "the session's command job left processes running after its shell exited; "
        "they were terminated");

  std::string what = "the session's command job " + status->describe();
  if (status->reason == process::ExitStatus::Reason::kTerminated) {
    outcome.result = TW_RUN_ABORTED;
    outcome.error = what + " (abort)";
  } else if (!status->succeeded()) {
    outcome.result = TW_RUN_FAILED;
    outcome.error_code = commands::error_code_of(*status);
    outcome.error = what;
    if (!outcome.counts.first_error_msg.empty())
      outcome.error += " (FirstErrorMsg: " + outcome.counts.first_error_msg + ")";
  }
  return outcome;
}

}  // namespace taskweave::plugins::session
