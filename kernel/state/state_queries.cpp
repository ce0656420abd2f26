// The read side of StateStore: what `recover`, `history`, `show` and start values need.
#include "state/event_replay.h"
#include "state/journal_file.h"
#include "state/journal_fold.h"
#include "state/journal_record.h"
#include "state/process_identity.h"
#include "state/run_status.h"
#include "state/state_store.h"
#include "state/value_codec.h"

namespace taskweave::state {
namespace {

constexpr const char* kRunColumns =
    "id, workflow, folder, file, definition_hash, run_instance, status, start_time, end_time, "
    "recoveries, pid, host, boot_id, pid_start";

// Reads a row selected with kRunColumns.
run::RunInfo run_info(const sqlite::Statement& s) {
  run::RunInfo info;
  info.run_id = s.column_text(0);
  info.workflow = s.column_text(1);
  info.folder = s.column_text(2);
  info.file = s.column_text(3);
  info.definition_hash = s.column_text(4);
  info.run_instance = s.column_text(5);
  info.status = parse_run_status(s.column_text(6)).value_or(run::RunStatus::Failed);
  info.start = column_time(s, 7);
  info.end = column_time(s, 8);
  info.recovery = s.column_int64(9) > 0;
  return info;
}

ProcessIdentity process_of(const sqlite::Statement& s) {
  return {static_cast<int>(s.column_int64(10)), std::string(s.column_text(11)),
          std::string(s.column_text(12)), static_cast<std::uint64_t>(s.column_int64(13))};
}

bool killed(const run::RunInfo& info, const ProcessIdentity& process) {
  return info.status == run::RunStatus::Running && liveness(process) == Liveness::Gone;
}

}  // namespace

std::optional<RunRecord> StateStore::read_run_row(const std::string& run_id) {
  auto prepared = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1");
  if (!prepared) return std::nullopt;
  auto& s = prepared.value();
  s.bind(1, std::string_view(run_id));
  if (s.step() != SQLITE_ROW) return std::nullopt;
  RunRecord record;
  record.info = run_info(s);
  record.recoveries = static_cast<int>(s.column_int64(9));
  ProcessIdentity process = process_of(s);
  record.pid = process.pid;
  record.host = process.host;
  record.killed = killed(record.info, process);
  return record;
}

std::optional<RunRecord> StateStore::load_run(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  checkpoint_locked();  // this connection then reads its own pending events too
  drain_journals();
  fold_dead_journal(run_id);
  // A live writer's journal (another process's, or ours if folding failed) is read before the
  // database: every batch missing from the bytes read is then in the snapshot read next.
  std::string journal_bytes = JournalFile::read_unlocked(journal_path(state_dir_, run_id));
  // One read transaction: the transitions and runs.folded_batch from the same snapshot.
  bool snapshot = db_.exec("BEGIN").ok();
  struct EndSnapshot {
    sqlite::Database& db;
    bool active;
    ~EndSnapshot() {
      if (active) db.exec("COMMIT");
    }
  } end_snapshot{db_, snapshot};
  auto record = read_run_row(run_id);
  if (!record) return std::nullopt;
  read_events(*record, journal_bytes);
  auto journal_prepared = db_.prepare(
      "SELECT kind, name FROM journal WHERE run = ?1 AND kind IN ('event', 'secret') ORDER BY "
      "seq");
  if (journal_prepared) {
    auto& journal = journal_prepared.value();
    journal.bind(1, std::string_view(run_id));
    while (journal.step() == SQLITE_ROW)
      (journal.column_text(0) == "event" ? record->raised_events : record->secrets)
          .emplace_back(journal.column_text(1));
  }
  return record;
}

void StateStore::read_events(RunRecord& record, std::string_view journal) {
  // Rows after the run's first_transition: a rowid range, no index needed (schema.cpp).
  auto prepared = db_.prepare(
      "SELECT events FROM transitions WHERE id > (SELECT first_transition FROM runs WHERE id = "
      "?1) AND run = ?1 ORDER BY id");
  if (!prepared) {
    record.damaged = true;
    return;
  }
  auto& s = prepared.value();
  s.bind(1, std::string_view(record.info.run_id));
  EventReplay replay(record);
  while (s.step() == SQLITE_ROW)
    if (!replay.apply(s.column_text(0))) record.damaged = true;
  if (journal.empty()) return;
  // A torn tail is a write still in progress (or cut short by kill -9): not yet acted on.
  JournalScan scan = scan_journal(journal);
  if (scan.end == JournalScan::End::Corrupt) record.damaged = true;
  std::uint64_t folded = folded_batch(db_, record.info.run_id);
  for (const JournalRecord& batch : scan.records)
    if (batch.seq > folded && !replay.apply(batch.payload)) record.damaged = true;
}

std::vector<run::RunInfo> StateStore::list_runs(std::optional<std::string> workflow, size_t limit) {
  std::lock_guard lock(mutex_);
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs";
  if (workflow) sql += " WHERE workflow = ?1";
  sql += " ORDER BY id DESC LIMIT ?2";
  std::vector<run::RunInfo> runs;
  auto prepared = db_.prepare(sql);
  if (!prepared) return runs;
  auto& s = prepared.value();
  if (workflow) s.bind(1, std::string_view(*workflow));
  s.bind(2, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
  while (s.step() == SQLITE_ROW) runs.push_back(run_info(s));
  return runs;
}

std::optional<RunRecord> StateStore::run_summary(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  return read_run_row(run_id);
}

bool StateStore::is_killed(const std::string& run_id) {
  std::lock_guard lock(mutex_);
  auto record = read_run_row(run_id);
  return record && record->killed;
}

std::map<std::string, expr::Value> StateStore::persistent_values(const std::string& workflow,
                                                                 const std::string& scope) {
  std::lock_guard lock(mutex_);
  std::map<std::string, expr::Value> values;
  auto prepared = db_.prepare(
      "SELECT name, type, value FROM persistent_variables WHERE workflow = ?1 AND scope = ?2");
  if (!prepared) return values;
  auto& s = prepared.value();
  s.bind(1, std::string_view(workflow)).bind(2, std::string_view(scope));
  while (s.step() == SQLITE_ROW) values[std::string(s.column_text(0))] = column_value(s, 1);
  return values;
}

std::vector<JournalEntry> StateStore::journal(const std::string& run_id, std::int64_t after_seq) {
  std::lock_guard lock(mutex_);
  std::vector<JournalEntry> entries;
  auto prepared = db_.prepare(
      "SELECT seq, kind, name, at FROM journal WHERE run = ?1 AND seq > ?2 ORDER BY seq");
  if (!prepared) return entries;
  auto& s = prepared.value();
  s.bind(1, std::string_view(run_id)).bind(2, after_seq);
  while (s.step() == SQLITE_ROW) {
    std::string_view kind = s.column_text(1);
    entries.push_back({s.column_int64(0),
                       kind == "event"    ? JournalKind::RaisedEvent
                       : kind == "secret" ? JournalKind::Secret
                                          : JournalKind::ControlRequest,
                       std::string(s.column_text(2)), std::string(s.column_text(3))});
  }
  return entries;
}

}  // namespace taskweave::state
