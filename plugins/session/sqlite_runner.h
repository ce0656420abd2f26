// The embedded `sqlite` session runner: executes a job's SQL script against a SQLite database
// in one transaction (BEGIN IMMEDIATE ... COMMIT, all or nothing).
//
// Row counts: TgtSuccessRows = rows the job inserted, updated or deleted (the change in
// sqlite3_total_changes()). A statement that returns rows reports other counts through columns
// named after the session variables, e.g.
//   SELECT COUNT(*) AS SrcSuccessRows FROM staging_orders;
// and SrcSuccessRows defaults to TgtSuccessRows when the job does not report it. An SQL error
// rolls everything back and fails the session with ErrorCode = FirstErrorCode = SQLite's
// extended result code and ErrorMsg = FirstErrorMsg = SQLite's message (with file and line).
// An abort interrupts the running statement and rolls back; a stop lets the job finish.
#pragma once

#include <taskweave/sdk.hpp>

#include <chrono>
#include <filesystem>

#include "session/runner_outcome.h"

namespace taskweave::plugins::session {

struct SqliteJob {
  std::filesystem::path script;                  // <jobs_dir>/<mapping>.sql
  std::filesystem::path database;                // created when missing
  std::chrono::milliseconds busy_timeout{5000};  // waiting for another writer's lock
};

RunnerOutcome run_sqlite_job(const sdk::Context& ctx, const SqliteJob& job);

}  // namespace taskweave::plugins::session
