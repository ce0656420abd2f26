#include "isolation/worker_process.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "isolation/protocol.h"

extern char** environ;

namespace taskweave::isolation {
namespace {

std::string errno_text(const char* what, int error) {
  return std::string(what) + ": " + std::strerror(error);
}

}  // namespace

std::string signal_name(int signal) {
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

expr::Result<WorkerProcess> WorkerProcess::spawn(const std::filesystem::path& program,
                                                 const std::vector<std::string>& args) {
  int pair[2];
  // CLOEXEC on both ends: no other child started meanwhile (by another task's thread) may
  // inherit them, or the worker would never see the host's end close.
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    return expr::Error{errno_text("socketpair", errno)};
  std::vector<std::string> storage{program.string()};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pair[1], kWorkerFd);  // dup2 clears CLOEXEC
  // Descriptors some other module opened without CLOEXEC (state store, logs) stay here.
  posix_spawn_file_actions_addclosefrom_np(&actions, kWorkerFd + 1);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group: a terminal's Ctrl-C reaches the host only (which stops or aborts
  // the task through the protocol), and an abort can kill the worker with all it started.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pair[1]);
  if (rc != 0) {
    ::close(pair[0]);
    return expr::Error{"cannot start " + program.string() + ": " + std::strerror(rc)};
  }
  // glibc 2.36's <sys/pidfd.h> lacks extern "C" for C++; the system call is the same.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    const int error = errno;
    ::kill(-pid, SIGKILL);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    ::close(pair[0]);
    return expr::Error{errno_text("pidfd_open", error)};
  }
  return WorkerProcess(pid, pair[0], pidfd);
}

WorkerProcess::WorkerProcess(WorkerProcess&& other) noexcept
    : pid_(other.pid_),
      socket_(other.socket_),
      pidfd_(other.pidfd_),
      reaped_(other.reaped_),
      ending_(std::move(other.ending_)) {
  other.pid_ = -1;
  other.socket_ = other.pidfd_ = -1;
  other.reaped_ = true;
}

WorkerProcess::~WorkerProcess() {
  if (pid_ > 0 && !reaped_) reap(std::chrono::milliseconds(0));
  if (socket_ >= 0) ::close(socket_);
  if (pidfd_ >= 0) ::close(pidfd_);
}

void WorkerProcess::kill_group() const {
  if (pid_ > 0 && !reaped_) ::kill(-pid_, SIGKILL);
}

std::string WorkerProcess::reap(std::chrono::milliseconds grace) {
  if (reaped_) return ending_;
  pollfd exited{pidfd_, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&exited, 1, static_cast<int>(grace.count()));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) kill_group();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  if (WIFSIGNALED(status)) {
    ending_ = "died of " + signal_name(WTERMSIG(status));
  } else {
    ending_ = "exited with code " + std::to_string(WEXITSTATUS(status));
  }
  return ending_;
}

}  // namespace taskweave::isolation
