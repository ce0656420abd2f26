// The background thread that moves journaled batches into the database, so that a checkpoint
// costs a store into the journal instead of a SQLite commit (docs/state.md, "The journal").
// It has its own connection and folds whatever has accumulated every few milliseconds (or at
// once when many batches wait, or when someone drains), in one transaction per run and fold.
//
// After a fold fails it folds nothing more: the batches stay in their journal files, which the
// store then keeps for the next open to fold (folding past a failed batch would advance
// runs.folded_batch over it and lose it).
//
// Thread-safe: enqueue, drain and error may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "expr/result.h"
#include "state/sqlite.h"

namespace taskweave::state {

class JournalFolder {
 public:
  // Opens the folder's own connection to `database` (already prepared by the store).
  static expr::Result<std::unique_ptr<JournalFolder>> open(const std::filesystem::path& database);
  ~JournalFolder();  // folds everything enqueued, then stops the thread
  JournalFolder(const JournalFolder&) = delete;
  JournalFolder& operator=(const JournalFolder&) = delete;

  // A batch (a JSON array) already written to the run's journal. It is appended to the run's
  // merged row at once: no allocation per batch, nothing to merge when folding.
  void enqueue(const std::string& run_id, std::uint64_t seq, std::string_view events);
  // Returns once every batch enqueued before the call is in the database, or a fold failed.
  void drain();
  // The first fold failure, or "".
  std::string error() const;

 private:
  // Consecutive batches of a run, merged into one JSON array (without its closing bracket).
  struct Pending {
    std::string run_id;
    std::uint64_t first_seq = 0, last_seq = 0;
    std::uint64_t batches = 0;
    std::string events;
  };
  explicit JournalFolder(sqlite::Database db);
  void loop();
  void fold(std::vector<Pending>& pending);  // on the folder thread, without the lock

  sqlite::Database db_;  // used by the folder thread only
  mutable std::mutex mutex_;
  std::condition_variable work_, folded_;
  std::vector<Pending> queue_;  // in the order batches arrived
  // Buffers of folded rows, kept for the next ones: a fresh megabyte-sized buffer per fold costs
  // page faults and clearing pages in the kernel (about 10% of a chain's time when measured).
  std::vector<std::string> spare_;
  std::uint64_t queued_batches_ = 0;       // in queue_
  std::uint64_t enqueued_ = 0, done_ = 0;  // batches enqueued and folded (or given up on)
  bool urgent_ = false, stopping_ = false;
  std::string error_;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace taskweave::state
