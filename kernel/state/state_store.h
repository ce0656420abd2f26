// The durable record of every run: SQLite in WAL mode at <state_dir>/taskweave.db
// (docs/state.md). It is a run::RunObserver: the scheduler's events since the last checkpoint
// are collected in memory (event_batch.h) and made durable at checkpoint(), so every transition
// is recorded before the scheduler acts on it. checkpoint() appends the batch to the run's
// journal file, a store into its shared mapping (journal_record.h, journal_file.h); a
// background thread folds
// the journaled batches into the database in large transactions (journal_folder.h), and the
// end of the run folds the rest and removes the journal. Readers see journaled batches not yet
// folded, and the journal of a killed writer is folded by the next open (or load_run). The read
// API serves `recover`, `history` and `show`, and the start values of persistent variables.
//
//   auto store = state::StateStore::open(state_dir);
//   if (!store) return fail(store.error());
//   observers.add(store->get());
//   ... run ...
//   if (!(*store)->write_error().empty()) ...   // the run is no longer recoverable
//
// Thread-safe: one mutex guards the connection, so a plugin callback on a worker thread may
// append to the journal while the scheduler thread writes its batch. Other processes read (and
// append control requests) concurrently through their own StateStore.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr/result.h"
#include "expr/value.h"
#include "run/run_events.h"
#include "state/event_batch.h"
#include "state/sqlite.h"

namespace taskweave::state {

// A run as recorded: enough for `recover` to continue it and for `show` to report it.
struct RunRecord {
  run::RunInfo info;
  int pid = 0;       // the process that ran (or runs) it
  std::string host;  // where that process ran
  // Recorded as Running, but the process that ran it is gone (kill -9, power loss, crash):
  // `recover` continues it, `history` shows it as KILLED. False while it really runs, and when
  // it ran on another host (this host cannot tell).
  bool killed = false;
  int recoveries = 0;  // how many times `recover` continued it
  // The latest attempt of every task instance that has a record, in the order first seen,
  // including STARTED ones that never finished. Status NotStarted means "did not run".
  std::vector<run::TaskEvent> tasks;
  std::vector<run::LinkEvent> links;  // every evaluated link, in evaluation order
  // Current values of user-defined variables: scope ("" = workflow, else worklet path) -> name.
  std::map<std::string, std::map<std::string, expr::Value>> variables;
  std::vector<std::string> raised_events;  // user-defined events raised, in order
  std::vector<std::string> secrets;        // JournalKind::Secret values, in order
  // A recorded batch could not be read (the database was damaged or edited): what could be read
  // is above, but the record may be incomplete.
  bool damaged = false;
};

// The event journal: things other than task transitions that a recovery must know about or
// that another process asks for.
enum class JournalKind {
  RaisedEvent,     // an Event-Raise raised a user-defined event (name = the event)
  ControlRequest,  // `taskweave stop|abort RUN_ID` from another shell (name = "stop", "abort")
  // A value to mask in every log and report of the run (name = the value): what plugins
  // declared with add_secret, so that `recover` masks them too and `show` can mask what the
  // store holds unmasked. The database is private to its owner (mode 0600).
  Secret,
};

struct JournalEntry {
  std::int64_t seq = 0;  // increasing across the database; poll with journal(run, last_seq)
  JournalKind kind = JournalKind::RaisedEvent;
  std::string name;
  std::string at;  // UTC, ISO-8601 with milliseconds
};

class StateStore : public run::RunObserver {
 public:
  // Opens <state_dir>/taskweave.db, creating the directory (mode 0700: variable values may be
  // secret) and the database when missing. Errors name the path: cannot create, not a
  // database, schema newer than this taskweave.
  static expr::Result<std::unique_ptr<StateStore>> open(const std::filesystem::path& state_dir);
  // Commits a batch still open, folds every journal this store wrote and removes it.
  ~StateStore() override;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // --- run::RunObserver: events join the batch that checkpoint() commits --------------------
  // run_started records the calling process as the run's process (see set_pid).
  void run_started(const run::RunInfo& info) override;
  void task_started(const run::TaskEvent& event) override;
  void link_evaluated(const run::LinkEvent& event) override;
  void task_finished(const run::TaskEvent& event) override;
  void task_did_not_run(const run::TaskEvent& event) override;
  // Records the run's current value; with `persistent` set it is also saved as the start value
  // for the next run of the workflow (as save_persistent does).
  void variable_changed(const run::VariableEvent& event) override;
  // Folds the run's journal into the database and removes it: the run is over.
  void run_finished(const run::RunInfo& info) override;
  void checkpoint() override;  // makes the batch durable (see the top of this file)

  // The first write or commit failure since open, or "" when every write succeeded. After a
  // failure the run's record is incomplete: the caller should stop the run.
  std::string write_error() const;

  // --- Reading ---------------------------------------------------------------------------------
  std::optional<RunRecord> load_run(const std::string& run_id);
  // The run's row only (info, pid, host, killed, recoveries; no tasks, links, variables or
  // events): cheap whatever the size of the run, for `stop`, `abort` and status checks.
  std::optional<RunRecord> run_summary(const std::string& run_id);
  // Newest first; `workflow` matches case-insensitively; limit 0 means all.
  std::vector<run::RunInfo> list_runs(std::optional<std::string> workflow, size_t limit);
  // Whether a run recorded as Running has lost its process (see RunRecord::killed).
  bool is_killed(const std::string& run_id);
  // Saved values of a workflow's persistent variables; scope "" for the workflow itself, else
  // the worklet instance path. Names as saved (match them case-insensitively).
  std::map<std::string, expr::Value> persistent_values(const std::string& workflow,
                                                       const std::string& scope);

  // --- Other writes: they join an open batch, else commit at once -----------------------------
  void save_persistent(const std::string& workflow, const std::string& scope,
                       const std::string& name, const expr::Value& value);
  // Records `pid` (a process of this host) as the one running `run_id`.
  void set_pid(const std::string& run_id, int pid);
  std::int64_t append_journal(const std::string& run_id, JournalKind kind, const std::string& name);
  // Entries of a run with seq > after_seq, oldest first.
  std::vector<JournalEntry> journal(const std::string& run_id, std::int64_t after_seq = 0);

  // A new run id, unused in this database (see run_id.h).
  std::string new_run_id();
  const std::filesystem::path& database_path() const { return path_; }

 private:
  struct Statements;
  StateStore(std::filesystem::path state_dir, sqlite::Database db);

  struct Journals;  // the journals this store writes, and their folder (state_store_journal.cpp)

  // The pending events of a run.
  EventBatch& batch_for(const std::string& run_id);
  // Commits the open transaction (rows the batches depend on, such as the run's), then makes
  // the pending events durable: journaled, or written to the database when a run cannot be.
  void checkpoint_locked();
  // Appends one batch to the run's journal (creating it on first use) and hands it to the
  // folder; false when the run's batches go to the database directly instead.
  bool journal_batch(const std::string& run_id, std::string_view events);
  // Waits until everything journaled so far is in the database.
  void drain_journals();
  // Stops journaling `run_id` (every run when null), removing its journal when everything in
  // it was folded; else the journal stays for the next open to fold.
  void close_journals(const std::string* run_id);
  // Folds and removes the journal a killed writer left for `run_id`, if there is one, waiting up
  // to `wait` for its lock. True when the run has no journal left (none, or folded now).
  bool fold_dead_journal(const std::string& run_id, std::chrono::milliseconds wait = {});
  // Runs a prepared write inside the transaction, opening it when needed.
  void write(sqlite::Statement& statement, const char* what);
  void write_persistent(const std::string& workflow, const std::string& scope,
                        const std::string& name, const expr::Value& value,
                        const std::string& run_id);
  void begin_batch();
  void commit_batch();
  void note_error(const std::string& what);  // `what` and the connection's error
  void note_failure(const std::string& message);
  std::string workflow_of(const std::string& run_id);
  void record_process(const std::string& run_id, int pid);
  std::optional<RunRecord> read_run_row(const std::string& run_id);
  // Replays the run's transitions, then the batches of `journal` (a live journal's bytes) not
  // folded yet. Call inside a read transaction.
  void read_events(RunRecord& record, std::string_view journal);

  std::filesystem::path state_dir_;
  std::filesystem::path path_;
  sqlite::Database db_;
  std::unique_ptr<Statements> statements_;
  mutable std::mutex mutex_;
  bool in_batch_ = false;  // a transaction is open
  std::string write_error_;
  // Pending events per run; almost always one run, so a short vector beats a map.
  std::vector<std::pair<std::string, EventBatch>> pending_;
  std::unordered_map<std::string, std::string> workflows_;  // per run: its workflow name
  std::unique_ptr<Journals> journals_;
};

}  // namespace taskweave::state
