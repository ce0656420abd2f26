#include "state/state_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <system_error>

#include "state/journal_file.h"
#include "state/process_identity.h"
#include "state/run_id.h"
#include "state/run_status.h"
#include "state/schema.h"
#include "state/state_store_journals.h"
#include "state/value_codec.h"

namespace taskweave::state {

// Every write the store does, prepared once.
struct StateStore::Statements {
  sqlite::Statement begin, commit, rollback;
  sqlite::Statement upsert_run, finish_run, set_process;
  sqlite::Statement append_transitions, upsert_persistent, append_journal, run_workflow;
};

namespace {

constexpr const char* kUpsertRun = R"sql(
INSERT INTO runs (id, workflow, folder, file, definition_hash, run_instance, status, start_time,
                  end_time, recoveries, first_transition)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9,
        (SELECT coalesce(max(id), 0) FROM transitions))
ON CONFLICT (id) DO UPDATE SET
  workflow = excluded.workflow, folder = excluded.folder, file = excluded.file,
  definition_hash = excluded.definition_hash, run_instance = excluded.run_instance,
  status = excluded.status, start_time = coalesce(runs.start_time, excluded.start_time),
  end_time = NULL, recoveries = runs.recoveries + excluded.recoveries)sql";

constexpr const char* kFinishRun = "UPDATE runs SET status = ?2, end_time = ?3 WHERE id = ?1";

constexpr const char* kSetProcess =
    "UPDATE runs SET pid = ?2, host = ?3, boot_id = ?4, pid_start = ?5 WHERE id = ?1";

constexpr const char* kAppendTransitions = "INSERT INTO transitions (run, events) VALUES (?1, ?2)";

constexpr const char* kUpsertPersistent =
    "INSERT OR REPLACE INTO persistent_variables (workflow, scope, name, type, value, "
    "saved_by_run) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

constexpr const char* kAppendJournal =
    "INSERT INTO journal (run, kind, name, at) VALUES (?1, ?2, ?3, ?4)";

constexpr const char* kRunWorkflow = "SELECT workflow FROM runs WHERE id = ?1";

// Journal kinds as stored (readable in the sqlite3 shell).
std::string_view journal_kind_name(JournalKind kind) {
  switch (kind) {
    case JournalKind::RaisedEvent:
      return "event";
    case JournalKind::ControlRequest:
      return "control";
    case JournalKind::Secret:
      return "secret";
  }
  return "control";
}

std::string utc_now_text() {
  using namespace std::chrono;
  auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(now / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(now % 1000));
  return text;
}

expr::Result<bool> make_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return true;
  std::filesystem::create_directories(dir, ec);
  if (ec) return expr::Error{"cannot create state directory " + dir.string() + ": " + ec.message()};
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  return true;
}

}  // namespace

expr::Result<std::unique_ptr<StateStore>> StateStore::open(const std::filesystem::path& dir) {
  if (auto made = make_private_dir(dir); !made) return expr::Error{made.error()};
  auto path = dir / "taskweave.db";
  // The database (and its -wal and -shm files) readable by the owner only.
  mode_t old_mask = umask(077);
  auto db = sqlite::Database::open(path);
  if (db) {
    if (auto schema = prepare_schema(db.value(), path.string()); !schema)
      db = expr::Error{schema.error()};
  }
  umask(old_mask);
  if (!db) return expr::Error{db.error()};

  auto statements = std::make_unique<Statements>();
  struct Sql {
    sqlite::Statement* statement;
    const char* text;
  };
  Statements& s = *statements;
  for (auto [statement, text] :
       {Sql{&s.begin, "BEGIN IMMEDIATE"}, Sql{&s.commit, "COMMIT"}, Sql{&s.rollback, "ROLLBACK"},
        Sql{&s.upsert_run, kUpsertRun}, Sql{&s.finish_run, kFinishRun},
        Sql{&s.set_process, kSetProcess}, Sql{&s.append_transitions, kAppendTransitions},
        Sql{&s.upsert_persistent, kUpsertPersistent}, Sql{&s.append_journal, kAppendJournal},
        Sql{&s.run_workflow, kRunWorkflow}}) {
    auto prepared = db.value().prepare(text);
    if (!prepared) return expr::Error{path.string() + ": " + prepared.error()};
    *statement = std::move(prepared).value();
  }
  std::unique_ptr<StateStore> store(new StateStore(dir, std::move(db).value()));
  store->statements_ = std::move(statements);
  // Journals of killed writers: their batches belong in the database before anyone reads.
  for (const std::string& run_id : journaled_runs(dir)) store->fold_dead_journal(run_id);
  remove_abandoned_journals(dir);
  return store;
}

StateStore::StateStore(std::filesystem::path state_dir, sqlite::Database db)
    : state_dir_(std::move(state_dir)),
      path_(state_dir_ / "taskweave.db"),
      db_(std::move(db)),
      journals_(std::make_unique<Journals>()) {}

StateStore::~StateStore() {
  std::lock_guard lock(mutex_);
  checkpoint_locked();
  drain_journals();
  close_journals(nullptr);
  journals_->folder.reset();  // joins the thread while the connection still exists
}

// --- batches ----------------------------------------------------------------------------------

void StateStore::note_error(const std::string& what) {
  if (write_error_.empty())
    write_error_ = path_.string() + ": " + what + ": " + db_.error_message();
}

void StateStore::note_failure(const std::string& message) {
  if (write_error_.empty()) write_error_ = message;
}

void StateStore::begin_batch() {
  if (statements_->begin.run() == SQLITE_DONE) {
    in_batch_ = true;
  } else {
    note_error("cannot begin a transaction");  // the writes then commit one by one
  }
}

void StateStore::commit_batch() {
  in_batch_ = false;
  if (statements_->commit.run() != SQLITE_DONE) {
    note_error("cannot commit");
    statements_->rollback.run();
  }
}

void StateStore::write(sqlite::Statement& statement, const char* what) {
  if (!in_batch_) begin_batch();
  if (statement.run() != SQLITE_DONE) note_error(what);
}

EventBatch& StateStore::batch_for(const std::string& run_id) {
  for (auto& [run, batch] : pending_)
    if (run == run_id) return batch;
  return pending_.emplace_back(run_id, EventBatch()).second;
}

void StateStore::checkpoint_locked() {
  if (in_batch_) commit_batch();
  for (auto& [run, batch] : pending_) {
    if (batch.empty()) continue;
    std::string_view events = batch.json();
    if (!journal_batch(run, events)) {
      auto& s = statements_->append_transitions;
      s.bind(1, std::string_view(run)).bind(2, events);
      write(s, "cannot record task transitions");
    }
    batch.clear();
  }
  if (in_batch_) commit_batch();
}

void StateStore::checkpoint() {
  std::lock_guard lock(mutex_);
  checkpoint_locked();
}

// --- observer ---------------------------------------------------------------------------------

std::string StateStore::workflow_of(const std::string& run_id) {
  if (auto it = workflows_.find(run_id); it != workflows_.end()) return it->second;
  auto& s = statements_->run_workflow;
  s.bind(1, std::string_view(run_id));
  std::string workflow = s.step() == SQLITE_ROW ? std::string(s.column_text(0)) : "";
  s.reset();
  workflows_[run_id] = workflow;
  return workflow;
}

void StateStore::record_process(const std::string& run_id, int pid) {
  ProcessIdentity process = identify_process(pid);
  auto& s = statements_->set_process;
  s.bind(1, std::string_view(run_id)).bind(2, process.pid).bind(3, std::string_view(process.host));
  s.bind(4, std::string_view(process.boot_id))
      .bind(5, static_cast<std::int64_t>(process.start_ticks));
  write(s, "cannot record the run's process");
}

void StateStore::run_started(const run::RunInfo& info) {
  std::lock_guard lock(mutex_);
  workflows_[info.run_id] = info.workflow;
  TimeText start;
  auto& s = statements_->upsert_run;
  s.bind(1, std::string_view(info.run_id)).bind(2, std::string_view(info.workflow));
  s.bind(3, std::string_view(info.folder)).bind(4, std::string_view(info.file));
  s.bind(5, std::string_view(info.definition_hash)).bind(6, std::string_view(info.run_instance));
  s.bind(7, run_status_name(info.status));
  bind_time(s, 8, info.start, start);
  s.bind(9, info.recovery ? 1 : 0);
  write(s, "cannot record the run");
  record_process(info.run_id, static_cast<int>(getpid()));
}

void StateStore::task_started(const run::TaskEvent& event) {
  std::lock_guard lock(mutex_);
  batch_for(event.run_id).add_task(event, false);
}

void StateStore::task_finished(const run::TaskEvent& event) {
  std::lock_guard lock(mutex_);
  batch_for(event.run_id).add_task(event, false);
}

void StateStore::task_did_not_run(const run::TaskEvent& event) {
  std::lock_guard lock(mutex_);
  batch_for(event.run_id).add_task(event, true);
}

void StateStore::link_evaluated(const run::LinkEvent& event) {
  std::lock_guard lock(mutex_);
  batch_for(event.run_id).add_link(event);
}

void StateStore::variable_changed(const run::VariableEvent& e) {
  std::lock_guard lock(mutex_);
  batch_for(e.run_id).add_variable(e);
  if (e.persistent) write_persistent(workflow_of(e.run_id), e.scope, e.name, e.value, e.run_id);
}

void StateStore::run_finished(const run::RunInfo& info) {
  std::lock_guard lock(mutex_);
  checkpoint_locked();
  drain_journals();  // every transition in the database before the run's end is
  TimeText end;
  auto& s = statements_->finish_run;
  s.bind(1, std::string_view(info.run_id)).bind(2, run_status_name(info.status));
  bind_time(s, 3, info.end, end);
  write(s, "cannot record the end of the run");
  commit_batch();
  close_journals(&info.run_id);
}

// --- other writes -----------------------------------------------------------------------------

void StateStore::write_persistent(const std::string& workflow, const std::string& scope,
                                  const std::string& name, const expr::Value& value,
                                  const std::string& run_id) {
  TimeText text;
  auto& s = statements_->upsert_persistent;
  s.bind(1, std::string_view(workflow)).bind(2, std::string_view(scope));
  s.bind(3, std::string_view(name));
  bind_value(s, 4, value, text);
  s.bind(6, std::string_view(run_id));
  write(s, "cannot save a persistent variable");
}

void StateStore::save_persistent(const std::string& workflow, const std::string& scope,
                                 const std::string& name, const expr::Value& value) {
  std::lock_guard lock(mutex_);
  bool batch = in_batch_;
  write_persistent(workflow, scope, name, value, "");
  if (!batch) commit_batch();
}

void StateStore::set_pid(const std::string& run_id, int pid) {
  std::lock_guard lock(mutex_);
  bool batch = in_batch_;
  record_process(run_id, pid);
  if (!batch) commit_batch();
}

std::int64_t StateStore::append_journal(const std::string& run_id, JournalKind kind,
                                        const std::string& name) {
  std::lock_guard lock(mutex_);
  bool batch = in_batch_;
  std::string at = utc_now_text();
  auto& s = statements_->append_journal;
  s.bind(1, std::string_view(run_id)).bind(2, journal_kind_name(kind));
  s.bind(3, std::string_view(name)).bind(4, std::string_view(at));
  write(s, "cannot append to the journal");
  std::int64_t seq = sqlite3_last_insert_rowid(db_.handle());
  if (!batch) commit_batch();
  return seq;
}

std::string StateStore::new_run_id() {
  std::lock_guard lock(mutex_);
  for (;;) {
    std::string id = make_run_id(std::chrono::system_clock::now());
    if (!read_run_row(id)) return id;
  }
}

}  // namespace taskweave::state
