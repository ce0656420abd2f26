// The write-ahead side of StateStore: each checkpointed batch is appended to the run's journal
// file (stored into its shared mapping), and a JournalFolder moves the batches into
// `transitions` in the background. Why: a SQLite commit per scheduling step costs about 20 us
// (a chain of tasks pays one per task); the page cache survives kill -9 just as well
// (docs/state.md).
#include <sys/stat.h>

#include <system_error>

#include "state/journal_fold.h"
#include "state/journal_record.h"
#include "state/state_store.h"
#include "state/state_store_journals.h"

namespace taskweave::state {
namespace {

// How long a recovery waits for its killed writer's journal to be unlocked (as long as a writer
// waits for the database: busy_timeout).
constexpr std::chrono::milliseconds kDeadJournalWait{10'000};

}  // namespace

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
    // A recovered run: its killed writer's journal comes first. Written anywhere before that
    // journal is folded, this run's batches would come before older ones (a later fold would
    // append the killed writer's STARTED after our FAILED), so wait for its lock, which a child
    // the writer was spawning holds until it execs.
    if (!fold_dead_journal(run_id, kDeadJournalWait)) {
      note_failure(path_.string() + ": run " + run_id + " has a journal that cannot be folded (" +
                   journal_path(state_dir_, run_id).string() +
                   "): another process writes the run, or the database refused the fold");
      return false;
    }
    auto file = JournalFile::create(journal_path(state_dir_, run_id));
    // No journal (the directory is not writable, or another process created it just now): the
    // database directly, as durable, only slower.
    if (!file) return false;
    run->file = std::move(file).value();
    run->next_seq = folded_batch(db_, run_id) + 1;
  }
  if (!run->file) return false;
  if (std::string error = run->file->append_record(run->next_seq, events); !error.empty()) {
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

bool StateStore::fold_dead_journal(const std::string& run_id, std::chrono::milliseconds wait) {
  const std::filesystem::path path = journal_path(state_dir_, run_id);
  auto file = JournalFile::claim(path, wait);
  if (!file) {  // none, folded by someone else just now, or its writer is alive
    std::error_code ec;
    return !std::filesystem::exists(path, ec);
  }
  auto bytes = file->read_all();
  if (!bytes) return false;  // kept for a later attempt
  JournalScan scan = scan_journal(bytes.value());
  std::string damage;
  if (scan.end == JournalScan::End::Corrupt) damage = file->path().string() + ": " + scan.problem;
  if (!fold_batches(db_, run_id, scan.records, damage)) return false;
  file->remove();
  return true;
}

}  // namespace taskweave::state
