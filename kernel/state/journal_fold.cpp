#include "state/journal_fold.h"

#include <optional>

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

// One fold of one run: a transaction that reads the run's folded_batch, inserts rows and
// advances folded_batch. Every failure rolls back and names the run.
class FoldTransaction {
 public:
  FoldTransaction(sqlite::Database& db, const std::string& run_id) : db_(db), run_id_(run_id) {}

  // The run's folded_batch, or an error (no such run, database busy).
  expr::Result<std::uint64_t> begin() {
    if (auto begun = db_.exec("BEGIN IMMEDIATE"); !begun)
      return expr::Error{"cannot fold the journal (run " + run_id_ + "): " + begun.error()};
    auto row = db_.prepare("SELECT folded_batch FROM runs WHERE id = ?1");
    if (!row) return fail("cannot fold the journal");
    row.value().bind(1, std::string_view(run_id_));
    if (row.value().step() != SQLITE_ROW)
      return fail("cannot fold a journal of a run with no record");
    auto done = static_cast<std::uint64_t>(row.value().column_int64(0));
    auto insert = db_.prepare("INSERT INTO transitions (run, events) VALUES (?1, ?2)");
    if (!insert) return fail("cannot fold the journal");
    insert_ = std::move(insert).value();
    return done;
  }
  bool insert(std::string_view events) {
    insert_.bind(1, std::string_view(run_id_)).bind(2, events);
    return insert_.run() == SQLITE_DONE;
  }
  expr::Result<bool> commit(std::uint64_t done, std::uint64_t last) {
    if (last != done) {
      auto advance = db_.prepare("UPDATE runs SET folded_batch = ?2 WHERE id = ?1");
      if (!advance) return fail("cannot fold the journal");
      advance.value().bind(1, std::string_view(run_id_)).bind(2, static_cast<std::int64_t>(last));
      if (advance.value().run() != SQLITE_DONE) return fail("cannot fold the journal");
    }
    if (!db_.exec("COMMIT")) return fail("cannot commit the fold");
    return true;
  }
  expr::Error fail(const std::string& what) {
    std::string message = what + " (run " + run_id_ + "): " + db_.error_message();
    db_.exec("ROLLBACK");
    return expr::Error{message};
  }

 private:
  sqlite::Database& db_;
  const std::string& run_id_;
  sqlite::Statement insert_;
};

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
  FoldTransaction fold(db, run_id);
  auto done = fold.begin();
  if (!done) return expr::Error{done.error()};
  std::string row;
  auto flush_row = [&]() {
    if (row.empty()) return true;
    row.push_back(']');
    bool ok = fold.insert(row);
    row.clear();
    return ok;
  };
  std::size_t applied = 0;
  std::uint64_t last = *done;
  for (const JournalRecord& batch : batches) {
    if (batch.seq <= *done) continue;  // folded before
    std::string_view events = inner_events(batch.payload);
    if (!events.empty()) {
      if (!row.empty() && row.size() + events.size() > kMaxRowBytes && !flush_row())
        return fold.fail("cannot fold the journal");
      row.push_back(row.empty() ? '[' : ',');
      row.append(events);
    }
    last = std::max(last, batch.seq);
    ++applied;
  }
  if (!flush_row()) return fold.fail("cannot fold the journal");
  if (!damage.empty()) {
    row = R"([{"kind":"damaged","why":)";
    append_json_string(row, damage);
    row += "}";
    if (!flush_row()) return fold.fail("cannot record a damaged journal");
  }
  if (auto committed = fold.commit(*done, last); !committed) return expr::Error{committed.error()};
  return applied;
}

expr::Result<bool> fold_merged(sqlite::Database& db, const std::string& run_id,
                               const std::vector<MergedBatches>& merged) {
  FoldTransaction fold(db, run_id);
  auto done = fold.begin();
  if (!done) return expr::Error{done.error()};
  std::uint64_t last = *done;
  for (const MergedBatches& m : merged) {
    if (m.last_seq <= *done) continue;  // folded before
    if (m.first_seq <= *done) return fold.fail("a fold overlaps what was folded before");
    if (!m.events.empty() && !fold.insert(m.events)) return fold.fail("cannot fold the journal");
    last = m.last_seq;
  }
  if (auto committed = fold.commit(*done, last); !committed) return expr::Error{committed.error()};
  return true;
}

}  // namespace taskweave::state
