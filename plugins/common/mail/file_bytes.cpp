#include "file_bytes.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace taskweave::plugins::mail {

std::string read_file_bytes(const std::filesystem::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::strerror(errno);
  out.clear();
  char chunk[65536];
  while (in.read(chunk, sizeof(chunk)) || in.gcount() > 0)
    out.append(chunk, static_cast<size_t>(in.gcount()));
  if (in.bad()) return "read error";
  return {};
}

}  // namespace taskweave::plugins::mail
