// A fresh state directory per test, removed afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace taskweave::state::testing {

class TempStateDir {
 public:
  TempStateDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("tw_state_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
  }
  ~TempStateDir() { std::filesystem::remove_all(path_); }
  TempStateDir(const TempStateDir&) = delete;
  TempStateDir& operator=(const TempStateDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace taskweave::state::testing
