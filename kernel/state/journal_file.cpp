#include "state/journal_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

#include "state/journal_record.h"

namespace taskweave::state {
namespace {

constexpr std::string_view kSuffix = ".wal";

std::string describe_errno(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

bool same_file(int fd, const std::filesystem::path& path) {
  struct stat by_fd {
  }, by_path{};
  if (fstat(fd, &by_fd) != 0 || stat(path.c_str(), &by_path) != 0) return false;
  return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

std::string write_fully(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return describe_errno(path, "cannot write the journal");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return "";
}

}  // namespace

expr::Result<JournalFile> JournalFile::create(const std::filesystem::path& path) {
  std::filesystem::path temporary = path;
  temporary += ".new" + std::to_string(getpid());
  int fd = ::open(temporary.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return expr::Error{describe_errno(temporary, "cannot create the journal")};
  JournalFile file(fd, temporary);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0)
    return expr::Error{describe_errno(temporary, "cannot lock the journal")};
  if (auto error = file.append(kJournalMagic); !error.empty()) {
    file.remove();
    return expr::Error{error};
  }
  // link() fails when the name exists: a journal is never replaced, only folded and removed.
  if (::link(temporary.c_str(), path.c_str()) != 0) {
    std::string error = describe_errno(path, "cannot create the journal");
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

JournalFile::JournalFile(JournalFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

JournalFile& JournalFile::operator=(JournalFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

JournalFile::~JournalFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string JournalFile::append(std::string_view bytes) { return write_fully(fd_, bytes, path_); }

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

std::string JournalFile::read_unlocked(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  JournalFile file(fd, path);
  auto bytes = file.read_all();
  return bytes ? std::move(bytes).value() : std::string();
}

}  // namespace taskweave::state
