#include "state/sqlite.h"

namespace taskweave::state::sqlite {

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_.get(), index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(statement_.get(), index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_STATIC,
                      SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(statement_.get(), index);
  return *this;
}

int Statement::step() { return sqlite3_step(statement_.get()); }

int Statement::run() {
  int rc;
  do {
    rc = step();
  } while (rc == SQLITE_ROW);
  reset();
  return rc;
}

void Statement::reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

int Statement::column_count() const { return sqlite3_column_count(statement_.get()); }

int Statement::column_type(int index) const { return sqlite3_column_type(statement_.get(), index); }

std::int64_t Statement::column_int64(int index) const {
  return sqlite3_column_int64(statement_.get(), index);
}

double Statement::column_double(int index) const {
  return sqlite3_column_double(statement_.get(), index);
}

std::string_view Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(statement_.get(), index);
  if (!text) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_.get(), index))};
}

expr::Result<Database> Database::open(const std::filesystem::path& path) {
  // Memory statistics cost a global mutex per allocation; nothing here reads them. This only
  // works before SQLite initialises, and is harmless (SQLITE_MISUSE) afterwards.
  static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memory_statistics;
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db;
  db.db_.reset(raw);  // closed on every path, also when open failed
  if (rc != SQLITE_OK)
    return expr::Error{"cannot open " + path.string() + ": " +
                       (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

expr::Result<bool> Database::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : error_message();
    sqlite3_free(message);
    return expr::Error{text};
  }
  return true;
}

expr::Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK)
    return expr::Error{error_message()};
  return Statement(raw);
}

std::string Database::error_message() const { return sqlite3_errmsg(db_.get()); }

}  // namespace taskweave::state::sqlite
