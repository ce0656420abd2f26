#include "state/journal_folder.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "state/journal_fold.h"

namespace taskweave::state {
namespace {

// How long batches accumulate before a fold. Long enough that a chain of tiny tasks folds
// thousands of batches per transaction; short enough that the journal stays small and readers
// in other processes rarely have to read it.
constexpr auto kFoldInterval = std::chrono::milliseconds(20);
// Fold at once when this many batches wait (bounds the memory held for a fast run).
constexpr std::uint64_t kFoldAtOnce = 8192;
// Row buffers kept for reuse (one per run being written is enough).
constexpr std::size_t kSpareBuffers = 4;
// A merged row stays below this size, so a row never has to be read as one huge string.
constexpr std::size_t kMaxRowBytes = 4 << 20;

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

void JournalFolder::enqueue(const std::string& run_id, std::uint64_t seq, std::string_view events) {
  // "[a,b]" -> "a,b": the merged row is "[" batch "," batch ... "]".
  if (events.size() >= 2) events = events.substr(1, events.size() - 2);
  bool wake;
  {
    std::lock_guard lock(mutex_);
    ++enqueued_;
    if (!error_.empty()) {
      ++done_;  // folding stopped: the batch stays in its journal only
      return;
    }
    Pending* pending = nullptr;
    for (auto it = queue_.rbegin(); it != queue_.rend() && !pending; ++it)
      if (it->run_id == run_id) pending = &*it;
    if (!pending || pending->events.size() + events.size() > kMaxRowBytes) {
      pending = &queue_.emplace_back();
      pending->run_id = run_id;
      if (!spare_.empty()) {
        pending->events = std::move(spare_.back());
        spare_.pop_back();
      }
      pending->first_seq = seq;
    }
    if (!events.empty()) {
      pending->events.push_back(pending->events.empty() ? '[' : ',');
      pending->events.append(events);
    }
    pending->last_seq = seq;
    ++pending->batches;
    ++queued_batches_;
    // Wake the thread when work appears (it then waits out the interval) and when a lot waits.
    wake = queued_batches_ == 1 || queued_batches_ == kFoldAtOnce;
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
                   [&] { return stopping_ || urgent_ || queued_batches_ >= kFoldAtOnce; });
    urgent_ = false;
    std::vector<Pending> pending;
    pending.swap(queue_);
    std::uint64_t batches = std::exchange(queued_batches_, 0);
    lock.unlock();
    fold(pending);
    lock.lock();
    for (Pending& p : pending) {
      if (spare_.size() >= kSpareBuffers) break;
      p.events.clear();  // keeps its capacity
      spare_.push_back(std::move(p.events));
    }
    done_ += batches;
    folded_.notify_all();
  }
}

void JournalFolder::fold(std::vector<Pending>& pending) {
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty()) return;
  }
  // One transaction per run, in the order the runs first appear (almost always a single run).
  std::vector<std::string> runs;
  for (const Pending& p : pending)
    if (std::find(runs.begin(), runs.end(), p.run_id) == runs.end()) runs.push_back(p.run_id);
  for (const std::string& run : runs) {
    std::vector<MergedBatches> merged;
    for (Pending& p : pending) {
      if (p.run_id != run) continue;
      if (!p.events.empty()) p.events.push_back(']');
      merged.push_back({p.first_seq, p.last_seq, p.events});
    }
    auto folded = fold_merged(db_, run, merged);
    if (!folded) {
      std::lock_guard lock(mutex_);
      error_ = folded.error();
      return;
    }
  }
}

}  // namespace taskweave::state
