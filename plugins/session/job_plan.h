// Which runner runs a session and with what job, decided from the configuration before anything
// runs, so a missing job fails the session with a message naming what was looked for.
//
// Settings (see SessionSettings for the per-session / per-mapping / default lookup):
//   runner                        sqlite (the default) or command
//   jobs_dir                      where jobs live; default <config dir>/jobs
//   sqlite.database               database when no connection.<NAME>.sqlite matches
//   sqlite.busy_timeout_seconds   wait for another writer's lock (default 5)
//   command                       the command runner's template
//   param.<name>                  the value of a {name} placeholder in the template
#pragma once

#include <taskweave/sdk.hpp>

#include <filesystem>
#include <string>

#include "session/session_settings.h"
#include "session/sqlite_runner.h"

namespace taskweave::plugins::session {

enum class Runner { kSqlite, kCommand };

struct CommandJob {
  std::string command_line;          // template filled in and `$$`-expanded
  std::filesystem::path stats_file;  // $TASKWEAVE_SESSION_STATS
  std::filesystem::path jobs_dir;
};

struct JobPlan {
  std::string session_name;  // SESSION NAME
  std::string mapping_name;  // SESSION MAPPINGNAME
  Runner runner = Runner::kSqlite;
  SqliteJob sqlite;    // for kSqlite
  CommandJob command;  // for kCommand
  std::vector<std::string> connections;
  // One line for logs and dry runs: "sqlite job /c/jobs/m.sql on /c/dw.db (from
  // connection.DW.sqlite)".
  std::string description;
};

// Fails naming what it looked for when the job cannot run; under dry run a missing SQL job file
// is not a failure but a note in the description (a dry run describes what it would run).
sdk::Expected<JobPlan> plan_job(const sdk::Context& ctx, const SessionSettings& settings);

}  // namespace taskweave::plugins::session
