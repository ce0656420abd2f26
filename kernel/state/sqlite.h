// A thin RAII layer over the sqlite3 C API: a connection and prepared statements, with errors
// as values. Only what the state store needs; statements bind text without copying, so the
// bound strings must outlive step().
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "expr/result.h"

namespace taskweave::state::sqlite {

class Statement {
 public:
  Statement() = default;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // not copied: keep it alive until step()
  Statement& bind_null(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  // Steps to completion, then resets; for INSERT/UPDATE/DELETE. Returns SQLITE_DONE or an error.
  int run();
  void reset();  // ready to bind and step again

  int column_count() const;
  int column_type(int index) const;
  bool is_null(int index) const { return column_type(index) == SQLITE_NULL; }
  std::int64_t column_int64(int index) const;
  double column_double(int index) const;
  std::string_view column_text(int index) const;  // valid until the next step/reset

 private:
  friend class Database;
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

class Database {
 public:
  // Opens (creating when missing) a database file, read-write.
  static expr::Result<Database> open(const std::filesystem::path& path);

  // Runs one or more statements that return no rows.
  expr::Result<bool> exec(const char* sql);
  expr::Result<Statement> prepare(std::string_view sql);
  // The last error message of this connection.
  std::string error_message() const;
  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace taskweave::state::sqlite
