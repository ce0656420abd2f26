// The read side of StateStore: what `recover`, `history`, `show` and start values need.
#include <unordered_map>

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
  flush_events();  // this connection then reads its own pending events too
  auto record = read_run_row(run_id);
  if (!record) return std::nullopt;
  read_tasks(*record);
  read_links(*record);
  read_variables(*record);
  auto events_prepared =
      db_.prepare("SELECT name FROM journal WHERE run = ?1 AND kind = 'event' ORDER BY seq");
  if (events_prepared) {
    auto& events = events_prepared.value();
    events.bind(1, std::string_view(run_id));
    while (events.step() == SQLITE_ROW) record->raised_events.emplace_back(events.column_text(0));
  }
  return record;
}

// Replays the run's task events: the latest event of each path wins (a new attempt replaces the
// old one; events of the same attempt accumulate output variables); paths keep the order in
// which they were first seen.
void StateStore::read_tasks(RunRecord& record) {
  auto prepared = db_.prepare(R"sql(
SELECT json_extract(e.value, '$.path'), json_extract(e.value, '$.type'),
       json_extract(e.value, '$.status'), coalesce(json_extract(e.value, '$.attempt'), 1),
       json_extract(e.value, '$.start'), json_extract(e.value, '$.end'),
       coalesce(json_extract(e.value, '$.error_code'), 0),
       coalesce(json_extract(e.value, '$.error_msg'), ''),
       coalesce(json_extract(e.value, '$.description'), ''),
       v.key, json_extract(v.value, '$[0]'), json_extract(v.value, '$[1]'), t.id, e.key
FROM transitions AS t JOIN json_each(t.events) AS e
     LEFT JOIN json_each(e.value, '$.vars') AS v
WHERE t.run = ?1 AND json_extract(e.value, '$.kind') = 'task'
ORDER BY t.id, e.key)sql");
  if (!prepared) return;
  auto& s = prepared.value();
  s.bind(1, std::string_view(record.info.run_id));
  std::unordered_map<std::string, std::size_t> index_of_path;
  std::pair<std::int64_t, std::int64_t> current{-1, -1};  // (batch, item) of the event being read
  run::TaskEvent* task = nullptr;
  while (s.step() == SQLITE_ROW) {
    std::pair<std::int64_t, std::int64_t> event{s.column_int64(12), s.column_int64(13)};
    if (event != current) {
      current = event;
      run::TaskEvent e;
      e.run_id = record.info.run_id;
      e.path = s.column_text(0);
      e.type = s.column_text(1);
      // "DID_NOT_RUN" is not a status name: it reads as NotStarted.
      e.status = expr::parse_status(s.column_text(2)).value_or(expr::Status::NotStarted);
      e.attempt = static_cast<int>(s.column_int64(3));
      e.start = column_time(s, 4);
      e.end = column_time(s, 5);
      e.error_code = s.column_int64(6);
      e.error_msg = s.column_text(7);
      e.description = s.column_text(8);
      auto [it, is_new] = index_of_path.emplace(e.path, record.tasks.size());
      if (is_new) {
        record.tasks.push_back(std::move(e));
      } else {
        run::TaskEvent& previous = record.tasks[it->second];
        if (previous.attempt == e.attempt) e.vars = std::move(previous.vars);
        previous = std::move(e);
      }
      task = &record.tasks[it->second];
    }
    if (!s.is_null(9)) task->vars[std::string(s.column_text(9))] = column_value(s, 10);
  }
}

void StateStore::read_links(RunRecord& record) {
  auto prepared = db_.prepare(R"sql(
SELECT json_extract(e.value, '$.from'), json_extract(e.value, '$.to'),
       json_extract(e.value, '$.condition'), json_extract(e.value, '$.result'),
       coalesce(json_extract(e.value, '$.error'), '')
FROM transitions AS t JOIN json_each(t.events) AS e
WHERE t.run = ?1 AND json_extract(e.value, '$.kind') = 'link'
ORDER BY t.id, e.key)sql");
  if (!prepared) return;
  auto& s = prepared.value();
  s.bind(1, std::string_view(record.info.run_id));
  std::map<std::pair<std::string, std::string>, std::size_t> index_of_link;
  while (s.step() == SQLITE_ROW) {
    run::LinkEvent link{record.info.run_id,
                        std::string(s.column_text(0)),
                        std::string(s.column_text(1)),
                        std::string(s.column_text(2)),
                        s.column_int64(3) != 0,
                        std::string(s.column_text(4))};
    auto [it, is_new] = index_of_link.emplace(std::pair(link.from, link.to), record.links.size());
    if (is_new) {
      record.links.push_back(std::move(link));
    } else {
      record.links[it->second] = std::move(link);  // re-evaluated by a recovery
    }
  }
}

void StateStore::read_variables(RunRecord& record) {
  auto prepared = db_.prepare(R"sql(
SELECT json_extract(e.value, '$.scope'), json_extract(e.value, '$.name'),
       json_extract(e.value, '$.value[0]'), json_extract(e.value, '$.value[1]')
FROM transitions AS t JOIN json_each(t.events) AS e
WHERE t.run = ?1 AND json_extract(e.value, '$.kind') = 'var'
ORDER BY t.id, e.key)sql");
  if (!prepared) return;
  auto& s = prepared.value();
  s.bind(1, std::string_view(record.info.run_id));
  while (s.step() == SQLITE_ROW)
    record.variables[std::string(s.column_text(0))][std::string(s.column_text(1))] =
        column_value(s, 2);
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
    entries.push_back(
        {s.column_int64(0),
         s.column_text(1) == "event" ? JournalKind::RaisedEvent : JournalKind::ControlRequest,
         std::string(s.column_text(2)), std::string(s.column_text(3))});
  }
  return entries;
}

}  // namespace taskweave::state
