// A run's journal file on disk (<state dir>/journal/<run id>.wal, mode 0600). The process
// writing the run holds an exclusive flock on it for as long as it writes, so any other process
// can tell a live journal (locked) from one left by a killed writer (unlocked), which it may
// claim and fold into the database. flock is released by the kernel when the holder dies, so
// kill -9 leaves a journal any later open can claim. The byte format is journal_record.h.
//
// The writer stores records into a shared mapping of the file instead of calling write(): a
// store to a MAP_SHARED page is in the page cache at once, so it survives kill -9 of the process
// exactly as a write() does, and it costs no system call (a write() was a third of a no-op
// task's time). The file grows in preallocated steps, so a full disk is an error when it grows,
// never a SIGBUS at a store; the bytes after the last record are zeros, which readers take for
// unused space.
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

  // Appends one record (a journal made by create() only): once it returns, the record survives
  // kill -9 of this process. "" or an error naming the file; after an error, part of the record
  // may be in the file (read as a torn tail).
  std::string append_record(std::uint64_t seq, std::string_view payload);
  // The bytes written so far: the magic and the records.
  std::size_t size() const { return used_; }
  expr::Result<std::string> read_all() const;
  // Deletes the file (while still holding the lock), then closes it.
  void remove();
  // The bytes of the journal at `path` without locking it (a reader looking at a live run);
  // "" when there is none.
  static std::string read_unlocked(const std::filesystem::path& path);
  const std::filesystem::path& path() const { return path_; }

 private:
  JournalFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  std::string reserve(std::size_t bytes);  // maps room for `bytes` more at used_
  void unmap();
  void close();                            // what the destructor does
  void take(JournalFile& other) noexcept;  // moves other's members here (this one is closed)
  int fd_ = -1;
  std::filesystem::path path_;
  char* map_ = nullptr;  // the writer's window on the file: mapped_ bytes from map_offset_
  std::size_t map_offset_ = 0, mapped_ = 0;
  std::size_t allocated_ = 0;  // the file's size: preallocated, zeros after used_
  std::size_t used_ = 0;
};

// The journal directory of a state directory, and a run's journal in it.
std::filesystem::path journal_dir(const std::filesystem::path& state_dir);
std::filesystem::path journal_path(const std::filesystem::path& state_dir,
                                   const std::string& run_id);
// The run ids that have a journal file, in no particular order.
std::vector<std::string> journaled_runs(const std::filesystem::path& state_dir);
// Deletes the temporary files of journals whose creator died between creating and naming them
// (<run id>.wal.new<pid>, never locked again once their creator is gone).
void remove_abandoned_journals(const std::filesystem::path& state_dir);
// Whether `run_id` can name a journal file (run ids made by make_run_id can); a run whose id
// cannot is written to the database directly.
bool journal_name_ok(const std::string& run_id);

}  // namespace taskweave::state
