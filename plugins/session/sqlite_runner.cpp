#include "session/sqlite_runner.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

namespace taskweave::plugins::session {
namespace {

namespace fs = std::filesystem;

// Virtual-machine steps between two looks at the cancel state during a statement.
constexpr int kProgressSteps = 10000;

// ErrorCode when the script cannot be read or the database cannot be opened.
constexpr int64_t kCannotOpen = SQLITE_CANTOPEN;

class Database {
 public:
  explicit Database(const fs::path& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  }
  ~Database() { sqlite3_close_v2(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Skips blanks and SQL comments, so a statement's line is where its first word is.
size_t first_word(std::string_view sql, size_t pos) {
  while (pos < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[pos]))) {
      ++pos;
    } else if (sql.substr(pos, 2) == "--") {
      pos = std::min(sql.find('\n', pos), sql.size());
    } else if (sql.substr(pos, 2) == "/*") {
      size_t end = sql.find("*/", pos + 2);
      pos = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return pos;
}

size_t line_at(std::string_view sql, size_t offset) {
  auto end = sql.begin() + static_cast<std::ptrdiff_t>(std::min(offset, sql.size()));
  return 1 + static_cast<size_t>(std::count(sql.begin(), end, '\n'));
}

// A failed job: SQLite's code and message become ErrorCode/ErrorMsg and FirstErrorCode/Msg.
RunnerOutcome sql_failed(int code, const std::string& where, const std::string& message) {
  RunnerOutcome failed =
      RunnerOutcome::failed(code, "SQLite error " + std::to_string(code) + " " + where + ": " +
                                      message + "; the job's changes were rolled back");
  failed.counts.first_error_code = code;
  failed.counts.first_error_msg = message;
  failed.counts.total_trans_errors = 1;
  return failed;
}

// Runs the statements of one script inside the caller's transaction.
class ScriptRun {
 public:
  ScriptRun(const sdk::Context& ctx, sqlite3* db, const SqliteJob& job, std::string_view sql)
      : ctx_(ctx), db_(db), job_(job), sql_(sql) {}

  // Returns nullopt when every statement ran, else the failure (counts and message set).
  std::optional<RunnerOutcome> run(RowCounts& counts, bool& src_reported) {
    size_t pos = 0;
    for (int number = 1; pos < sql_.size(); ++number) {
      Statement stmt;
      const char* tail = nullptr;
      const char* start = sql_.data() + pos;
      int rc =
          sqlite3_prepare_v2(db_, start, static_cast<int>(sql_.size() - pos), stmt.out(), &tail);
      if (rc != SQLITE_OK) {
        int offset = sqlite3_error_offset(db_);
        return error(number,
                     offset >= 0 ? pos + static_cast<size_t>(offset) : first_word(sql_, pos));
      }
      size_t statement_start = first_word(sql_, pos);
      pos = static_cast<size_t>(tail - sql_.data());
      if (!stmt.get()) continue;  // only blanks or comments were left
      while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW)
        read_reported_counts(stmt.get(), counts, src_reported);
      if (rc != SQLITE_DONE) return error(number, statement_start);
      if (sqlite3_get_autocommit(db_))
        return RunnerOutcome::failed(
            SQLITE_MISUSE, location(number, statement_start) +
                               ": the job ended the runner's transaction (COMMIT, END or "
                               "ROLLBACK), so what ran before it is not rolled back; remove it: "
                               "the runner commits the whole job at once");
    }
    return std::nullopt;
  }

 private:
  std::string location(int number, size_t offset) const {
    return job_.script.string() + ":" + std::to_string(line_at(sql_, offset)) + " (statement " +
           std::to_string(number) + ")";
  }

  RunnerOutcome error(int number, size_t offset) const {
    int code = sqlite3_extended_errcode(db_);
    if (code == SQLITE_INTERRUPT) {
      RunnerOutcome aborted;
      aborted.result = TW_RUN_ABORTED;
      aborted.error = "the SQL job was interrupted by an abort and rolled back";
      return aborted;
    }
    return sql_failed(code, "at " + location(number, offset), sqlite3_errmsg(db_));
  }

  void read_reported_counts(sqlite3_stmt* stmt, RowCounts& counts, bool& src_reported) const {
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const char* name = sqlite3_column_name(stmt, i);
      if (!name || !RowCounts::known(name)) continue;
      const unsigned char* text = sqlite3_column_text(stmt, i);
      std::string value = text ? reinterpret_cast<const char*>(text) : "";
      if (auto problem = counts.set(name, value)) {
        ctx_.warning("session job " + job_.script.string() + " reports " + *problem);
      } else if (sqlite3_stricmp(name, "SrcSuccessRows") == 0) {
        src_reported = true;
      }
    }
  }

  const sdk::Context& ctx_;
  sqlite3* db_;
  const SqliteJob& job_;
  std::string_view sql_;
};

int progress(void* context) {
  auto* ctx = static_cast<const sdk::Context*>(context);
  return ctx->cancel_requested() == TW_CANCEL_ABORT ? 1 : 0;
}

}  // namespace

RunnerOutcome run_sqlite_job(const sdk::Context& ctx, const SqliteJob& job) {
  std::ifstream in(job.script, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in)
    return RunnerOutcome::failed(kCannotOpen,
                                 "cannot read the session's SQL job " + job.script.string());
  std::string sql = buffer.str();

  bool existed = fs::exists(job.database);
  Database db(job.database);
  if (sqlite3_errcode(db.get()) != SQLITE_OK)
    return RunnerOutcome::failed(kCannotOpen, "cannot open the SQLite database " +
                                                  job.database.string() + ": " +
                                                  sqlite3_errmsg(db.get()));
  if (!existed) ctx.info("created the SQLite database " + job.database.string());
  sqlite3_busy_timeout(db.get(), static_cast<int>(job.busy_timeout.count()));
  sqlite3_progress_handler(db.get(), kProgressSteps, progress, const_cast<sdk::Context*>(&ctx));

  // IMMEDIATE takes the write lock now, so two sessions writing one database queue up on the
  // busy timeout instead of failing with SQLITE_BUSY halfway through.
  if (sqlite3_exec(db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return RunnerOutcome::failed(
        sqlite3_extended_errcode(db.get()),
        "cannot start a transaction on " + job.database.string() + ": " + sqlite3_errmsg(db.get()));
  sqlite3_int64 changes_before = sqlite3_total_changes64(db.get());
  RowCounts counts;
  bool src_reported = false;
  ScriptRun script(ctx, db.get(), job, sql);
  if (auto failure = script.run(counts, src_reported)) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return *failure;
  }
  counts.tgt_success_rows = sqlite3_total_changes64(db.get()) - changes_before;
  if (!src_reported) counts.src_success_rows = counts.tgt_success_rows;
  if (sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    int code = sqlite3_extended_errcode(db.get());
    std::string message = sqlite3_errmsg(db.get());
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return sql_failed(code, "committing " + job.script.string(), message);
  }
  RunnerOutcome done;
  done.counts = counts;
  return done;
}

}  // namespace taskweave::plugins::session
