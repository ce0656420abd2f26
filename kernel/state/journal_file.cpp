#include "state/journal_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

#include "state/journal_record.h"

namespace taskweave::state {
namespace {

constexpr std::string_view kSuffix = ".wal";
// The writer maps this much of the file at a time, starting at the page of the next record:
// the file grows (preallocated) by a window at a time, and the pages of a long run's journal
// leave the process's memory once written, instead of adding up to its whole size.
constexpr std::size_t kWindow = std::size_t{1} << 20;

std::string describe_errno(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

bool same_file(int fd, const std::filesystem::path& path) {
  struct stat by_fd {
  }, by_path{};
  if (fstat(fd, &by_fd) != 0 || stat(path.c_str(), &by_path) != 0) return false;
  return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

}  // namespace

expr::Result<JournalFile> JournalFile::create(const std::filesystem::path& path) {
  std::filesystem::path temporary = path;
  temporary += ".new" + std::to_string(getpid());
  int fd = ::open(temporary.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return expr::Error{describe_errno(temporary, "cannot create the journal")};
  JournalFile file(fd, temporary);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0)
    return expr::Error{describe_errno(temporary, "cannot lock the journal")};
  std::string error = file.reserve(kJournalMagic.size());
  if (error.empty()) {
    std::memcpy(file.map_, kJournalMagic.data(), kJournalMagic.size());  // at offset 0
    file.used_ = kJournalMagic.size();
  }
  // link() fails when the name exists: a journal is never replaced, only folded and removed.
  if (error.empty() && ::link(temporary.c_str(), path.c_str()) != 0)
    error = describe_errno(path, "cannot create the journal");
  if (!error.empty()) {
    file.remove();
    return expr::Error{error};
  }
  ::unlink(temporary.c_str());
  file.path_ = path;
  return file;
}

std::optional<JournalFile> JournalFile::claim(const std::filesystem::path& path,
                                              std::chrono::milliseconds wait) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  JournalFile file(fd, path);
  // flock has no timeout: poll (a lock left by a dead writer's child goes within milliseconds).
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!same_file(fd, path)) return std::nullopt;  // folded and removed while we waited
  return file;
}

JournalFile::JournalFile(JournalFile&& other) noexcept { take(other); }

JournalFile& JournalFile::operator=(JournalFile&& other) noexcept {
  if (this != &other) {
    close();
    take(other);
  }
  return *this;
}

void JournalFile::take(JournalFile& other) noexcept {
  fd_ = std::exchange(other.fd_, -1);
  path_ = std::move(other.path_);
  map_ = std::exchange(other.map_, nullptr);
  map_offset_ = std::exchange(other.map_offset_, 0);
  mapped_ = std::exchange(other.mapped_, 0);
  allocated_ = std::exchange(other.allocated_, 0);
  used_ = std::exchange(other.used_, 0);
}

JournalFile::~JournalFile() { close(); }

void JournalFile::close() {
  // A journal kept for the next open keeps its preallocated zeros, as after kill -9.
  unmap();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void JournalFile::unmap() {
  if (map_) ::munmap(map_, mapped_);
  map_ = nullptr;
  mapped_ = 0;
}

std::string JournalFile::reserve(std::size_t bytes) {
  if (map_ && used_ + bytes <= map_offset_ + mapped_) return "";
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t offset = used_ / page * page;
  const std::size_t length = std::max(kWindow, (used_ - offset + bytes + page - 1) / page * page);
  // Allocates the blocks now: a store to a page the file system cannot back is a SIGBUS.
  if (offset + length > allocated_) {
    if (int error = ::posix_fallocate(fd_, static_cast<off_t>(allocated_),
                                      static_cast<off_t>(offset + length - allocated_));
        error != 0) {
      errno = error;
      return describe_errno(path_, "cannot grow the journal");
    }
    allocated_ = offset + length;
  }
  unmap();
  void* map =
      ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, static_cast<off_t>(offset));
  if (map == MAP_FAILED) return describe_errno(path_, "cannot map the journal");
  // Commands the run forks do not need the journal in their address space.
  ::madvise(map, length, MADV_DONTFORK);
#ifdef MADV_POPULATE_WRITE
  // The window's pages, writable, in one call instead of a fault (and a read-ahead) per page
  // at the stores. An older kernel says EINVAL and the pages fault in as before.
  ::madvise(map, length, MADV_POPULATE_WRITE);
#endif
  map_ = static_cast<char*>(map);
  map_offset_ = offset;
  mapped_ = length;
  return "";
}

std::string JournalFile::append_record(std::uint64_t seq, std::string_view payload) {
  if (!map_) return path_.string() + ": the journal is not open to write";
  const std::size_t size = journal_record_size(payload);
  if (std::string error = reserve(size); !error.empty()) return error;
  write_journal_record(map_ + (used_ - map_offset_), seq, payload);
  used_ += size;
  return "";
}

expr::Result<std::string> JournalFile::read_all() const {
  std::string bytes;
  char buffer[1 << 16];
  for (off_t at = 0;;) {
    ssize_t got = ::pread(fd_, buffer, sizeof buffer, at);
    if (got < 0) {
      if (errno == EINTR) continue;
      return expr::Error{describe_errno(path_, "cannot read the journal")};
    }
    if (got == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(got));
    at += got;
  }
}

void JournalFile::remove() {
  if (fd_ < 0) return;
  unmap();
  ::unlink(path_.c_str());
  ::close(fd_);
  fd_ = -1;
}

std::filesystem::path journal_dir(const std::filesystem::path& state_dir) {
  return state_dir / "journal";
}

std::filesystem::path journal_path(const std::filesystem::path& state_dir,
                                   const std::string& run_id) {
  return journal_dir(state_dir) / (run_id + std::string(kSuffix));
}

bool journal_name_ok(const std::string& run_id) {
  if (run_id.empty() || run_id.size() > 200 || run_id.front() == '.') return false;
  for (char c : run_id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

std::vector<std::string> journaled_runs(const std::filesystem::path& state_dir) {
  std::vector<std::string> runs;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(journal_dir(state_dir), ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > kSuffix.size() && name.ends_with(kSuffix))
      runs.push_back(name.substr(0, name.size() - kSuffix.size()));
  }
  return runs;
}

void remove_abandoned_journals(const std::filesystem::path& state_dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(journal_dir(state_dir), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find(std::string(kSuffix) + ".new") == std::string::npos) continue;
    // Its creator holds the lock from the moment it opens the file; a lock we can take is a
    // dead creator's.
    if (auto file = JournalFile::claim(it->path())) file->remove();
  }
}

std::string JournalFile::read_unlocked(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  JournalFile file(fd, path);
  auto bytes = file.read_all();
  return bytes ? std::move(bytes).value() : std::string();
}

}  // namespace taskweave::state
