// A task's own log file (semantics.md §10): command output, session runner output, transcripts.
// Opened on first write, appended to (a recovery run continues it), capped in size: past the
// cap one line says so and the rest is dropped, so a chatty command cannot fill the disk.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace taskweave::run {

class TaskLogFile {
 public:
  TaskLogFile(std::filesystem::path path, std::size_t max_bytes)
      : path_(std::move(path)), max_bytes_(max_bytes) {}
  ~TaskLogFile();
  TaskLogFile(const TaskLogFile&) = delete;
  TaskLogFile& operator=(const TaskLogFile&) = delete;

  void write(std::string_view bytes);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::size_t max_bytes_;
  std::FILE* file_ = nullptr;
  std::size_t written_ = 0;
  bool open_failed_ = false;
  bool capped_ = false;
};

// "WKL_A.s_load" -> "WKL_A.s_load.log", with characters that cannot be in a file name replaced.
std::string task_log_file_name(std::string_view task_path);

}  // namespace taskweave::run
