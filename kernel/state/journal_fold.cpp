#include "state/journal_fold.h"

#include "state/event_batch.h"

namespace taskweave::state {
namespace {

// Merged rows stay below this size, so a row never has to be read as one huge string.
constexpr std::size_t kMaxRowBytes = 4 << 20;

// The events of a batch without its brackets ("[a,b]" -> "a,b").
std::string_view inner_events(std::string_view batch) {
  if (batch.size() < 2 || batch.front() != '[' || batch.back() != ']') return batch;
  return batch.substr(1, batch.size() - 2);
}

}  // namespace

std::uint64_t folded_batch(sqlite::Database& db, const std::string& run_id) {
  auto prepared = db.prepare("SELECT folded_batch FROM runs WHERE id = ?1");
  if (!prepared) return 0;
  auto& s = prepared.value();
  s.bind(1, std::string_view(run_id));
  return s.step() == SQLITE_ROW ? static_cast<std::uint64_t>(s.column_int64(0)) : 0;
}

expr::Result<std::size_t> fold_batches(sqlite::Database& db, const std::string& run_id,
                                       const std::vector<JournalRecord>& batches,
                                       std::string_view damage) {
  auto fail = [&](const std::string& what) {
    std::string message = what + " (run " + run_id + "): " + db.error_message();
    db.exec("ROLLBACK");
    return expr::Error{message};
  };
  if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun)
    return expr::Error{"cannot fold the journal (run " + run_id + "): " + begun.error()};
  auto run_row = db.prepare("SELECT folded_batch FROM runs WHERE id = ?1");
  if (!run_row) return fail("cannot fold the journal");
  run_row.value().bind(1, std::string_view(run_id));
  if (run_row.value().step() != SQLITE_ROW)
    return fail("cannot fold a journal of a run with no record");
  auto done = static_cast<std::uint64_t>(run_row.value().column_int64(0));
  run_row.value().reset();

  auto prepared_insert = db.prepare("INSERT INTO transitions (run, events) VALUES (?1, ?2)");
  if (!prepared_insert) return fail("cannot fold the journal");
  auto* insert = &prepared_insert.value();
  std::string row;
  auto flush_row = [&]() {
    if (row.empty()) return true;
    row.push_back(']');
    insert->bind(1, std::string_view(run_id)).bind(2, std::string_view(row));
    bool ok = insert->run() == SQLITE_DONE;
    row.clear();
    return ok;
  };
  std::size_t applied = 0;
  std::uint64_t last = done;
  for (const JournalRecord& batch : batches) {
    if (batch.seq <= done) continue;  // folded before
    std::string_view events = inner_events(batch.payload);
    if (!events.empty()) {
      if (!row.empty() && row.size() + events.size() > kMaxRowBytes && !flush_row())
        return fail("cannot fold the journal");
      row.push_back(row.empty() ? '[' : ',');
      row.append(events);
    }
    last = std::max(last, batch.seq);
    ++applied;
  }
  if (!flush_row()) return fail("cannot fold the journal");
  if (!damage.empty()) {
    row = R"([{"kind":"damaged","why":)";
    append_json_string(row, damage);
    row += "}";
    if (!flush_row()) return fail("cannot record a damaged journal");
  }
  if (last != done) {
    auto advance = db.prepare("UPDATE runs SET folded_batch = ?2 WHERE id = ?1");
    if (!advance) return fail("cannot fold the journal");
    advance.value().bind(1, std::string_view(run_id)).bind(2, static_cast<std::int64_t>(last));
    if (advance.value().run() != SQLITE_DONE) return fail("cannot fold the journal");
  }
  if (auto committed = db.exec("COMMIT"); !committed) return fail("cannot commit the fold");
  return applied;
}

}  // namespace taskweave::state
