#include "run/orphan_reaper.h"

#include <dirent.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace taskweave::run {
namespace {

constexpr auto kSweepInterval = std::chrono::milliseconds(500);

struct ProcStat {
  char state = 0;
  long parent = 0, group = 0, session = 0;
};

// "pid (comm) S ppid pgrp session ...": the command may hold spaces and parentheses, so the
// fields are counted from the last ')'.
bool read_stat(long pid, ProcStat& stat) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  FILE* file = std::fopen(path.c_str(), "re");
  if (!file) return false;
  char buffer[512];
  const std::size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, file);
  std::fclose(file);
  buffer[n] = '\0';
  const char* close_paren = std::strrchr(buffer, ')');
  return close_paren && std::sscanf(close_paren + 1, " %c %ld %ld %ld", &stat.state, &stat.parent,
                                    &stat.group, &stat.session) == 4;
}

// A zombie child of this process that no plugin can be waiting for (see the header).
bool orphan_zombie(long pid, const ProcStat& stat) {
  if (stat.state != 'Z' || stat.parent != getpid()) return false;
  if (stat.session != getsid(0)) return true;
  return stat.group != pid && stat.group != getpgrp();
}

// Reaps `pid` if it is still the orphan it was seen as. The pidfd pins the process, so a pid
// reaped by someone else and reused in between is never waited for by mistake.
bool reap_if_orphan(long pid) {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0));
  if (pidfd < 0) return false;  // gone, or no pidfd: the final sweep takes it
  ProcStat stat;
  bool reaped = false;
  if (read_stat(pid, stat) && orphan_zombie(pid, stat)) {
    siginfo_t info{};
    reaped = waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED | WNOHANG) == 0 &&
             info.si_pid != 0;
  }
  close(pidfd);
  return reaped;
}

}  // namespace

OrphanReaper::OrphanReaper() {
  // Without the flag (an old kernel) orphans go to init as before; nothing else changes.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  thread_ = std::thread([this] { loop(); });
}

OrphanReaper::~OrphanReaper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sweep_all();
}

void OrphanReaper::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kSweepInterval, [this] { return stopping_; })) {
    lock.unlock();
    sweep_orphans();
    lock.lock();
  }
}

int OrphanReaper::sweep_orphans() {
  // Scanning /proc costs a file read per process: look only when some child is a zombie.
  siginfo_t any{};
  if (waitid(P_ALL, 0, &any, WEXITED | WNOHANG | WNOWAIT) != 0 || any.si_pid == 0) return 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  int reaped = 0;
  while (const dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    const long pid = std::strtol(entry->d_name, nullptr, 10);
    ProcStat stat;
    if (read_stat(pid, stat) && orphan_zombie(pid, stat) && reap_if_orphan(pid)) ++reaped;
  }
  closedir(proc);
  return reaped;
}

int OrphanReaper::sweep_all() {
  int reaped = 0;
  while (waitpid(-1, nullptr, WNOHANG) > 0) ++reaped;
  return reaped;
}

}  // namespace taskweave::run
