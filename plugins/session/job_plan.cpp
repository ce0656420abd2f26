#include "session/job_plan.h"

#include "common/commands/command_settings.h"
#include "common/text.h"
#include "session/command_template.h"
#include "session/connections.h"

namespace taskweave::plugins::session {
namespace {

namespace fs = std::filesystem;
using Result = sdk::Expected<JobPlan>;

std::string source_of(const std::optional<Setting>& setting) {
  return setting ? "from " + setting->key : "the default";
}

sdk::Expected<fs::path> jobs_dir(const sdk::Context& ctx, const SessionSettings& settings) {
  auto setting = settings.find("jobs_dir");
  if (!setting) return commands::config_path(ctx, "jobs");
  auto expanded = ctx.expand(trim(setting->value));
  if (!expanded)
    return sdk::Expected<fs::path>::failure("cannot expand " + setting->key + ": " +
                                            expanded.error());
  return commands::config_path(ctx, *expanded);
}

// The file a command job writes its row counts to: per task path and attempt, in the run's
// scratch directory.
fs::path stats_file(const sdk::Context& ctx) {
  std::string name = "session-stats-";
  for (char c : std::string_view(ctx.task().path))
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
  name += "-" + std::to_string(ctx.task().attempt) + ".txt";
  return fs::path(ctx.dir(TW_DIR_TEMP)) / name;
}

Result plan_sqlite(const sdk::Context& ctx, const SessionSettings& settings, JobPlan plan,
                   const fs::path& jobs, const std::string& runner_source) {
  plan.sqlite.script = jobs / (settings.mapping_name() + ".sql");
  std::string missing_job;
  if (!fs::is_regular_file(plan.sqlite.script)) {
    missing_job = "no SQL job for mapping " + settings.mapping_name() + ": " +
                  plan.sqlite.script.string() + " does not exist (runner sqlite, " + runner_source +
                  "; the jobs directory comes from " + settings.keys_tried("jobs_dir") +
                  ", default <config dir>/jobs)";
    // A dry run still plans the rest, so it can say what it would run and that the job is
    // missing (cli-contract.md: every task of a dry run succeeds).
    if (!ctx.dry_run()) return Result::failure(missing_job);
  }
  auto database = choose_database(ctx, settings, plan.connections);
  if (!database)  // (only a dry run gets here with the job missing; say both)
    return Result::failure(database.error() + (missing_job.empty() ? "" : "; " + missing_job));
  plan.sqlite.database = database->path;
  if (auto busy = settings.find("sqlite.busy_timeout_seconds")) {
    auto seconds = commands::parse_seconds(trim(busy->value));
    if (!seconds)
      return Result::failure(busy->key + " = \"" + busy->value + "\" is not a number of seconds");
    plan.sqlite.busy_timeout = *seconds;
  }
  plan.description = "sqlite job " + plan.sqlite.script.string() + " on " +
                     plan.sqlite.database.string() + " (database from " + database->key + ")";
  if (!missing_job.empty()) plan.description += ", but the job file is missing: " + missing_job;
  return plan;
}

Result plan_command(const sdk::Context& ctx, const SessionSettings& settings, JobPlan plan,
                    const fs::path& jobs, const std::string& runner_source) {
  auto template_setting = settings.find("command");
  if (!template_setting)
    return Result::failure("the session's runner is command (" + runner_source +
                           ") but there is no command template: set " +
                           settings.keys_tried("command"));
  plan.command.jobs_dir = jobs;
  plan.command.stats_file = stats_file(ctx);
  const auto& task = ctx.task();
  auto builtin = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "mapping") return settings.mapping_name();
    if (name == "session") return settings.session_name();
    if (name == "instance") return std::string(task.instance_name);
    if (name == "workflow") return std::string(task.workflow_name);
    if (name == "folder") return std::string(task.folder_name);
    if (name == "run_id") return std::string(task.run_id);
    if (name == "jobs_dir") return jobs.string();
    if (name == "stats_file") return plan.command.stats_file.string();
    if (name == "config_dir") return ctx.dir(TW_DIR_CONFIG);
    if (name == "work_dir") return ctx.dir(TW_DIR_WORK);
    if (name == "temp_dir") return ctx.dir(TW_DIR_TEMP);
    if (auto param = settings.find("param." + std::string(name))) return param->value;
    return std::nullopt;
  };
  auto hint = [&](std::string_view name) {
    return "set " + settings.keys_tried("param." + std::string(name));
  };
  auto filled = fill_template(template_setting->value, builtin, hint);
  if (!filled) return Result::failure(template_setting->key + ": " + filled.error());
  auto expanded = ctx.expand(*filled);
  if (!expanded)
    return Result::failure("cannot expand the command template " + template_setting->key + ": " +
                           expanded.error());
  plan.command.command_line = *expanded;
  plan.description = "command job [" + one_line(plan.command.command_line) + "] (template from " +
                     template_setting->key + ")";
  return plan;
}

}  // namespace

sdk::Expected<JobPlan> plan_job(const sdk::Context& ctx, const SessionSettings& settings) {
  if (settings.mapping_name().empty())
    return Result::failure("the session " + settings.session_name() +
                           " names no mapping (MAPPINGNAME is empty), so it has no job to run");
  JobPlan plan;
  plan.session_name = settings.session_name();
  plan.mapping_name = settings.mapping_name();
  plan.connections = connection_names(ctx);
  auto jobs = jobs_dir(ctx, settings);
  if (!jobs) return Result::failure(jobs.error());

  auto runner = settings.find("runner");
  std::string name = runner ? std::string(trim(runner->value)) : "sqlite";
  if (name == "sqlite") {
    plan.runner = Runner::kSqlite;
    return plan_sqlite(ctx, settings, std::move(plan), *jobs, source_of(runner));
  }
  if (name == "command") {
    plan.runner = Runner::kCommand;
    return plan_command(ctx, settings, std::move(plan), *jobs, source_of(runner));
  }
  return Result::failure(runner->key + " = \"" + runner->value +
                         "\" is not a session runner: use sqlite or command");
}

}  // namespace taskweave::plugins::session
