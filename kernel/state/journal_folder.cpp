#include "state/journal_folder.h"

#include <algorithm>
#include <chrono>

#include "state/journal_fold.h"

namespace taskweave::state {
namespace {

// How long batches accumulate before a fold. Long enough that a chain of tiny tasks folds
// thousands of batches per transaction; short enough that the journal stays small and readers
// in other processes rarely have to read it.
constexpr auto kFoldInterval = std::chrono::milliseconds(20);
// Fold at once when this many batches wait (bounds the memory held for a fast run).
constexpr std::size_t kFoldAtOnce = 8192;

}  // namespace

expr::Result<std::unique_ptr<JournalFolder>> JournalFolder::open(
    const std::filesystem::path& database) {
  auto db = sqlite::Database::open(database);
  if (!db) return expr::Error{db.error()};
  if (auto r = db.value().exec("PRAGMA busy_timeout = 10000"); !r)
    return expr::Error{database.string() + ": " + r.error()};
  return std::unique_ptr<JournalFolder>(new JournalFolder(std::move(db).value()));
}

JournalFolder::JournalFolder(sqlite::Database db)
    : db_(std::move(db)), thread_([this] { loop(); }) {}

JournalFolder::~JournalFolder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void JournalFolder::enqueue(const std::string& run_id, std::uint64_t seq, std::string events) {
  bool wake;
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty()) {
      // Folding stopped: the batch stays in its journal only.
      ++enqueued_;
      ++done_;
      return;
    }
    queue_.push_back({run_id, seq, std::move(events)});
    ++enqueued_;
    // Wake the thread when work appears (it then waits out the interval) and when a lot waits.
    wake = queue_.size() == 1 || queue_.size() == kFoldAtOnce;
  }
  if (wake) work_.notify_one();
}

void JournalFolder::drain() {
  std::unique_lock lock(mutex_);
  std::uint64_t target = enqueued_;
  if (done_ >= target) return;
  urgent_ = true;
  work_.notify_one();
  folded_.wait(lock, [&] { return done_ >= target; });
}

std::string JournalFolder::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void JournalFolder::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    // Let batches accumulate, unless someone waits or much is pending already.
    work_.wait_for(lock, kFoldInterval,
                   [&] { return stopping_ || urgent_ || queue_.size() >= kFoldAtOnce; });
    urgent_ = false;
    std::vector<Pending> pending;
    pending.swap(queue_);
    lock.unlock();
    fold(pending);
    lock.lock();
    done_ += pending.size();
    folded_.notify_all();
  }
}

void JournalFolder::fold(std::vector<Pending>& pending) {
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty()) return;
  }
  // One fold per run, in the order the runs first appear (almost always a single run).
  std::vector<std::string> runs;
  for (const Pending& p : pending)
    if (std::find(runs.begin(), runs.end(), p.run_id) == runs.end()) runs.push_back(p.run_id);
  for (const std::string& run : runs) {
    std::vector<JournalRecord> batches;
    for (const Pending& p : pending)
      if (p.run_id == run) batches.push_back({p.seq, p.events});
    auto folded = fold_batches(db_, run, batches);
    if (!folded) {
      std::lock_guard lock(mutex_);
      error_ = folded.error();
      return;
    }
  }
}

}  // namespace taskweave::state
