// The write-ahead side of StateStore: each checkpointed batch is appended to the run's journal
// file with one write(), and a JournalFolder moves the batches into `transitions` in the
// background. Why: a SQLite commit per scheduling step costs about 20 us (a chain of tasks pays
// one per task); a write() to the page cache survives kill -9 just as well (docs/state.md).
#include <sys/stat.h>

#include <system_error>

#include "state/journal_fold.h"
#include "state/journal_record.h"
#include "state/state_store.h"
#include "state/state_store_journals.h"

namespace taskweave::state {

std::string StateStore::write_error() const {
  std::lock_guard lock(mutex_);
  if (write_error_.empty() && journals_->folder) {
    std::string folding = journals_->folder->error();
    if (!folding.empty()) return path_.string() + ": " + folding;
  }
  return write_error_;
}

bool StateStore::journal_batch(const std::string& run_id, std::string_view events) {
  Journals::Run* run = nullptr;
  for (auto& r : journals_->runs)
    if (r.run_id == run_id) run = &r;
  if (!run) {
    run = &journals_->runs.emplace_back();
    run->run_id = run_id;
    if (!journal_name_ok(run_id)) return false;
    if (!journals_->folder) {
      auto folder = JournalFolder::open(path_);
      if (!folder) return false;
      journals_->folder = std::move(folder).value();
    }
    std::error_code ec;
    std::filesystem::create_directory(journal_dir(state_dir_), ec);
    ::chmod(journal_dir(state_dir_).c_str(), 0700);
    fold_dead_journal(run_id);  // a recovered run: its killed writer's journal comes first
    auto file = JournalFile::create(journal_path(state_dir_, run_id));
    // No journal (another process journals this run id, or the directory is not writable):
    // the database directly, as durable, only slower.
    if (!file) return false;
    run->file = std::move(file).value();
    run->next_seq = folded_batch(db_, run_id) + 1;
  }
  if (!run->file) return false;
  std::string& record = journals_->record;
  record.clear();
  append_journal_record(record, run->next_seq, events);
  if (std::string error = run->file->append(record); !error.empty()) {
    // Part of the record may be in the file: a torn tail, ignored when read. This batch and
    // the run's later ones go to the database, after everything journaled before them.
    note_failure(error);
    drain_journals();
    run->file.reset();
    return false;
  }
  journals_->folder->enqueue(run_id, run->next_seq++, events);
  return true;
}

void StateStore::drain_journals() {
  if (journals_->folder) journals_->folder->drain();
}

void StateStore::close_journals(const std::string* run_id) {
  bool folded = !journals_->folder || journals_->folder->error().empty();
  std::erase_if(journals_->runs, [&](Journals::Run& run) {
    if (run_id && run.run_id != *run_id) return false;
    if (run.file && folded) run.file->remove();
    return true;
  });
}

void StateStore::fold_dead_journal(const std::string& run_id) {
  auto file = JournalFile::claim(journal_path(state_dir_, run_id));
  if (!file) return;  // none, or its writer is alive
  auto bytes = file->read_all();
  if (!bytes) return;  // kept for a later attempt
  JournalScan scan = scan_journal(bytes.value());
  std::string damage;
  if (scan.end == JournalScan::End::Corrupt) damage = file->path().string() + ": " + scan.problem;
  if (fold_batches(db_, run_id, scan.records, damage)) file->remove();
}

}  // namespace taskweave::state
