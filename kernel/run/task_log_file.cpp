#include "run/task_log_file.h"

#include <system_error>

namespace taskweave::run {

TaskLogFile::~TaskLogFile() {
  if (file_) std::fclose(file_);
}

void TaskLogFile::write(std::string_view bytes) {
  if (capped_ || open_failed_ || bytes.empty()) return;
  if (!file_) {
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
    file_ = std::fopen(path_.c_str(), "ab");
    if (!file_) {
      open_failed_ = true;
      return;
    }
    written_ = static_cast<std::size_t>(std::ftell(file_));
  }
  if (written_ + bytes.size() > max_bytes_) {
    const std::size_t room = max_bytes_ > written_ ? max_bytes_ - written_ : 0;
    std::fwrite(bytes.data(), 1, room, file_);
    const std::string note = "\n[taskweave: task log capped at " + std::to_string(max_bytes_) +
                             " bytes; further output dropped]\n";
    std::fwrite(note.data(), 1, note.size(), file_);
    capped_ = true;
  } else {
    std::fwrite(bytes.data(), 1, bytes.size(), file_);
    written_ += bytes.size();
  }
  std::fflush(file_);
}

std::string task_log_file_name(std::string_view task_path) {
  std::string name(task_path);
  for (char& c : name)
    if (c == '/' || c == '\\' || c == '\0' || c == ':' || c == ' ') c = '_';
  if (name.empty() || name.front() == '.') name.insert(0, "_");
  return name + ".log";
}

}  // namespace taskweave::run
