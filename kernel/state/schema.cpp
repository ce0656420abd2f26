#include "state/schema.h"

namespace taskweave::state {
namespace {

// Task transitions, link results and variable changes are appended per checkpoint as one JSON
// row of `transitions` (see event_batch.h for why); the views decode them for the sqlite3
// shell: the latest event per task path, per link and per variable. `transitions` has no index
// on `run`: an index page written with every commit costs a chain of tasks about 40% more per
// task. A run's rows are found from `runs.first_transition`, the largest id before the run
// started (ids only grow).
constexpr const char* kCreate = R"sql(
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  workflow TEXT NOT NULL COLLATE NOCASE,
  folder TEXT NOT NULL,
  file TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  run_instance TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time TEXT,
  end_time TEXT,
  pid INTEGER NOT NULL DEFAULT 0,
  host TEXT NOT NULL DEFAULT '',
  boot_id TEXT NOT NULL DEFAULT '',
  pid_start INTEGER NOT NULL DEFAULT 0,
  recoveries INTEGER NOT NULL DEFAULT 0,
  first_transition INTEGER NOT NULL DEFAULT 0,
  folded_batch INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX runs_by_workflow ON runs (workflow, id);
CREATE TABLE transitions (
  id INTEGER PRIMARY KEY,
  run TEXT NOT NULL,
  events TEXT NOT NULL
);
CREATE TABLE persistent_variables (
  workflow TEXT NOT NULL COLLATE NOCASE,
  scope TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL COLLATE NOCASE,
  type TEXT NOT NULL,
  value,
  saved_by_run TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (workflow, scope, name)
) WITHOUT ROWID;
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX journal_by_run ON journal (run, seq);

CREATE VIEW events AS
SELECT t.run AS run, t.id AS batch, CAST(e.key AS INTEGER) AS item,
       json_extract(e.value, '$.kind') AS kind, e.value AS event
FROM transitions AS t, json_each(t.events) AS e;

CREATE VIEW task_runs AS
SELECT run, path, attempt, type, status, start_time, end_time, error_code, error_msg,
       description, vars, batch, item
FROM (SELECT run, batch, item,
             json_extract(event, '$.path') AS path,
             coalesce(json_extract(event, '$.attempt'), 1) AS attempt,
             json_extract(event, '$.type') AS type,
             json_extract(event, '$.status') AS status,
             json_extract(event, '$.start') AS start_time,
             json_extract(event, '$.end') AS end_time,
             coalesce(json_extract(event, '$.error_code'), 0) AS error_code,
             coalesce(json_extract(event, '$.error_msg'), '') AS error_msg,
             coalesce(json_extract(event, '$.description'), '') AS description,
             json_extract(event, '$.vars') AS vars,
             row_number() OVER (PARTITION BY run, json_extract(event, '$.path')
                                ORDER BY batch DESC, item DESC) AS newest
      FROM events WHERE kind = 'task')
WHERE newest = 1;

CREATE VIEW link_results AS
SELECT run, from_task, to_task, condition, result, error, batch, item
FROM (SELECT run, batch, item,
             json_extract(event, '$.from') AS from_task,
             json_extract(event, '$.to') AS to_task,
             json_extract(event, '$.condition') AS condition,
             json_extract(event, '$.result') AS result,
             coalesce(json_extract(event, '$.error'), '') AS error,
             row_number() OVER (PARTITION BY run, json_extract(event, '$.from'),
                                json_extract(event, '$.to')
                                ORDER BY batch DESC, item DESC) AS newest
      FROM events WHERE kind = 'link')
WHERE newest = 1;

CREATE VIEW run_variables AS
SELECT run, scope, name, type, value, batch, item
FROM (SELECT run, batch, item,
             json_extract(event, '$.scope') AS scope,
             json_extract(event, '$.name') AS name,
             json_extract(event, '$.value[0]') AS type,
             json_extract(event, '$.value[1]') AS value,
             row_number() OVER (PARTITION BY run, lower(json_extract(event, '$.scope')),
                                lower(json_extract(event, '$.name'))
                                ORDER BY batch DESC, item DESC) AS newest
      FROM events WHERE kind = 'var')
WHERE newest = 1;
)sql";

// runs.folded_batch (version 3): the seq of the last journal batch folded into transitions
// (journal_fold.h), so that a batch folded twice is applied once.
constexpr const char* kMigrate2To3 =
    "ALTER TABLE runs ADD COLUMN folded_batch INTEGER NOT NULL DEFAULT 0";

// Version 1 (the first days of taskweave) indexed transitions by run; version 2 finds a run's
// rows from runs.first_transition instead. 0 scans from the beginning: right for old runs.
constexpr const char* kMigrate1To2 = R"sql(
ALTER TABLE runs ADD COLUMN first_transition INTEGER NOT NULL DEFAULT 0;
DROP INDEX IF EXISTS transitions_by_run;
)sql";

expr::Result<int> user_version(sqlite::Database& db) {
  auto statement = db.prepare("PRAGMA user_version");
  if (!statement) return expr::Error{statement.error()};
  if (statement.value().step() != SQLITE_ROW) return expr::Error{db.error_message()};
  return static_cast<int>(statement->column_int64(0));
}

expr::Result<bool> has_tables(sqlite::Database& db) {
  auto statement = db.prepare("SELECT count(*) FROM sqlite_schema");
  if (!statement) return expr::Error{statement.error()};
  if (statement.value().step() != SQLITE_ROW) return expr::Error{db.error_message()};
  return statement->column_int64(0) > 0;
}

}  // namespace

expr::Result<bool> prepare_schema(sqlite::Database& db, const std::string& path) {
  auto fail = [&](const std::string& why) { return expr::Error{path + ": " + why}; };
  // The busy timeout first: the pragmas below may wait for another process's transaction.
  if (auto r = db.exec("PRAGMA busy_timeout = 10000"); !r) return fail(r.error());
  // 16 kB pages (for a new database; an existing one keeps its own): the journal folder writes
  // rows of up to 4 MB, and SQLite writes, checksums and checkpoints them page by page. Measured
  // with state_bench, a chain task's store CPU fell from 2.7 to 1.8 us against 4 kB pages; a
  // commit of one small row (the rare runs without a journal) costs 1.6x more.
  // WAL lets `history` read while a run writes; synchronous=NORMAL does not fsync each commit,
  // yet a committed transaction survives kill -9 of the host (only power loss can lose the
  // last commits, never corrupt the file).
  if (auto r = db.exec(
          "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
      !r)
    return fail(r.error());

  // Check and create under one write lock, so two processes opening a new database at once
  // do not both create the tables.
  if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return fail(r.error());
  auto rollback = [&](const std::string& why) {
    db.exec("ROLLBACK");
    return fail(why);
  };
  auto version = user_version(db);
  if (!version) return rollback(version.error());
  if (*version > kSchemaVersion)
    return rollback("the state database has schema version " + std::to_string(*version) +
                    ", newer than this taskweave supports (" + std::to_string(kSchemaVersion) +
                    "); use a newer taskweave or another --state-dir");
  if (*version == 0) {
    auto tables = has_tables(db);
    if (!tables) return rollback(tables.error());
    if (*tables) return rollback("not a taskweave state database (it has other tables)");
    if (auto r = db.exec(kCreate); !r) return rollback(r.error());
  } else {
    if (*version == 1) {
      if (auto r = db.exec(kMigrate1To2); !r) return rollback(r.error());
    }
    if (*version <= 2) {
      if (auto r = db.exec(kMigrate2To3); !r) return rollback(r.error());
    }
  }
  if (*version < kSchemaVersion) {
    std::string set_version = "PRAGMA user_version = " + std::to_string(kSchemaVersion);
    if (auto r = db.exec(set_version.c_str()); !r) return rollback(r.error());
  }
  if (auto r = db.exec("COMMIT"); !r) return rollback(r.error());
  return true;
}

}  // namespace taskweave::state
