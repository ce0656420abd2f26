// The state database's tables and their version (PRAGMA user_version). docs/state.md describes
// every table for people who query it with the sqlite3 shell.
#pragma once

#include <string>

#include "expr/result.h"
#include "state/sqlite.h"

namespace taskweave::state {

inline constexpr int kSchemaVersion = 3;

// Sets the connection's pragmas (WAL, synchronous=NORMAL, busy timeout), creates the tables of
// a new database and migrates an older one. A database written by a newer taskweave, or a file that
// is not a taskweave state database, is an error naming `path`.
expr::Result<bool> prepare_schema(sqlite::Database& db, const std::string& path);

}  // namespace taskweave::state
