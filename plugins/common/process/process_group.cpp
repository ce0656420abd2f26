#include "common/process/process_group.h"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace taskweave::plugins::process {
namespace {

// The state letter and process group of /proc/<pid>/stat ("pid (comm) S ppid pgrp ..."). The
// command name may hold spaces and parentheses, so fields are counted from the last ')'.
bool read_stat(const char* pid, char& state, long& group) {
  std::string path = std::string("/proc/") + pid + "/stat";
  FILE* file = std::fopen(path.c_str(), "re");
  if (!file) return false;
  char buffer[512];
  size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, file);
  std::fclose(file);
  buffer[n] = '\0';
  const char* close_paren = std::strrchr(buffer, ')');
  if (!close_paren) return false;
  long parent = 0;
  return std::sscanf(close_paren + 1, " %c %ld %ld", &state, &parent, &group) == 3;
}

// A live (not zombie) process whose process group is `group`, found by scanning /proc. Only
// called when kill(-group, 0) says the group exists, which a zombie left to a non-reaping init
// is enough for.
bool live_member_in_proc(pid_t group) {
  DIR* proc = opendir("/proc");
  if (!proc) return true;  // cannot tell: assume alive, the caller escalates and gives up in time
  bool found = false;
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    char state = 0;
    long member_group = 0;
    if (read_stat(entry->d_name, state, member_group) && member_group == group && state != 'Z') {
      found = true;
      break;
    }
  }
  closedir(proc);
  return found;
}

}  // namespace

void signal_group(pid_t group, int signal) { kill(-group, signal); }

void reap_group(pid_t group) {
  int status = 0;
  while (waitpid(-group, &status, WNOHANG) > 0) {
  }
}

bool group_alive(pid_t group) {
  reap_group(group);
  if (kill(-group, 0) != 0 && errno == ESRCH) return false;
  if (live_member_in_proc(group)) return true;
  // Only zombies: those that died since the first reap and are ours go now.
  reap_group(group);
  return false;
}

}  // namespace taskweave::plugins::process
