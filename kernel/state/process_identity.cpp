#include "state/process_identity.h"

#include <unistd.h>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>

namespace taskweave::state {
namespace {

struct ProcStat {
  char state = '?';
  std::uint64_t start_ticks = 0;
};

// /proc/<pid>/stat: "pid (comm) state ppid ... starttime ..."; comm may hold spaces and
// parentheses, so fields are counted from the last ')'.
std::optional<ProcStat> read_stat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!in || !std::getline(in, text)) return std::nullopt;
  auto close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(text.substr(close + 1));
  ProcStat stat;
  fields >> stat.state;
  std::string skip;
  for (int field = 4; field < 22; ++field) fields >> skip;  // ppid .. itrealvalue
  fields >> stat.start_ticks;
  if (!fields) return std::nullopt;
  return stat;
}

std::string boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

}  // namespace

std::string this_host() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "";
  return name.data();
}

ProcessIdentity identify_process(int pid) {
  ProcessIdentity identity;
  identity.pid = pid;
  identity.host = this_host();
  identity.boot_id = boot_id();
  if (pid > 0)
    if (auto stat = read_stat(pid)) identity.start_ticks = stat->start_ticks;
  return identity;
}

Liveness liveness(const ProcessIdentity& process) {
  if (process.host != this_host()) return Liveness::Unknown;
  if (process.pid <= 0 || process.boot_id != boot_id()) return Liveness::Gone;
  auto stat = read_stat(process.pid);
  if (!stat || stat->state == 'Z' || stat->state == 'X') return Liveness::Gone;
  if (process.start_ticks != 0 && stat->start_ticks != process.start_ticks) return Liveness::Gone;
  return Liveness::Alive;
}

}  // namespace taskweave::state
