// A run's journal file on disk (<state dir>/journal/<run id>.wal, mode 0600). The process
// writing the run holds an exclusive flock on it for as long as it writes, so any other process
// can tell a live journal (locked) from one left by a killed writer (unlocked), which it may
// claim and fold into the database. flock is released by the kernel when the holder dies, so
// kill -9 leaves a journal any later open can claim. The byte format is journal_record.h.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/result.h"

namespace taskweave::state {

class JournalFile {
 public:
  // Creates the journal at `path`, locked, with its header. The file appears under its final
  // name already locked (written under a temporary name, then linked), so no other process can
  // mistake it for a dead writer's. An existing file at `path` is an error: fold it first.
  static expr::Result<JournalFile> create(const std::filesystem::path& path);
  // Locks an existing journal whose writer is gone; nullopt when there is none, when a live
  // process still holds it after `wait`, or when it has just been folded and removed by someone
  // else. A lock can outlive its writer by a moment: a child the writer was spawning holds a
  // copy of the descriptor until it execs.
  static std::optional<JournalFile> claim(const std::filesystem::path& path,
                                          std::chrono::milliseconds wait = {});

  JournalFile(JournalFile&& other) noexcept;
  JournalFile& operator=(JournalFile&& other) noexcept;
  ~JournalFile();  // closes, which releases the lock; the file stays

  // Appends `bytes` with one write() (looping only if the kernel writes less): once it
  // returns, the bytes survive kill -9 of this process. "" or an error naming the file.
  std::string append(std::string_view bytes);
  expr::Result<std::string> read_all() const;
  // Deletes the file (while still holding the lock), then closes it.
  void remove();
  // The bytes of the journal at `path` without locking it (a reader looking at a live run);
  // "" when there is none.
  static std::string read_unlocked(const std::filesystem::path& path);
  const std::filesystem::path& path() const { return path_; }

 private:
  JournalFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

// The journal directory of a state directory, and a run's journal in it.
std::filesystem::path journal_dir(const std::filesystem::path& state_dir);
std::filesystem::path journal_path(const std::filesystem::path& state_dir,
                                   const std::string& run_id);
// The run ids that have a journal file, in no particular order.
std::vector<std::string> journaled_runs(const std::filesystem::path& state_dir);
// Whether `run_id` can name a journal file (run ids made by make_run_id can); a run whose id
// cannot is written to the database directly.
bool journal_name_ok(const std::string& run_id);

}  // namespace taskweave::state
