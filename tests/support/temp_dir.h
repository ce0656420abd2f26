// A fresh private directory (mode 0700) under the system temp directory, removed with
// everything in it when the object goes away.
#pragma once

#include <filesystem>
#include <string>

namespace taskweave::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "tw-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to `file` (creating or truncating it).
void write_file(const std::filesystem::path& file, const std::string& content);
// The whole content of `file` ("" when it cannot be read).
std::string read_file(const std::filesystem::path& file);
// Polls `file` until it contains `needle` (true) or `timeout_ms` has passed (false).
bool wait_for_text(const std::filesystem::path& file, const std::string& needle, int timeout_ms);

}  // namespace taskweave::testing
