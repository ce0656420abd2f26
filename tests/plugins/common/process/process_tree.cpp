#include "process_tree.h"

#include <sys/prctl.h>
#include <sys/wait.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace taskweave::testing {

std::vector<std::string> group_members(pid_t group) {
  std::vector<std::string> members;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long parent = 0, member_group = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld %ld", &state, &parent, &member_group) == 3 &&
        member_group == group)
      members.push_back(line);
  }
  return members;
}

void become_subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

bool no_child_left() {
  int status = 0;
  return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

pid_t leading_pid(const std::string& text) {
  pid_t pid = 0;
  std::from_chars(text.data(), text.data() + text.size(), pid);
  return pid;
}

}  // namespace taskweave::testing
