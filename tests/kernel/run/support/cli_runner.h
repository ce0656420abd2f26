// Runs the real `taskweave` binary for end-to-end kernel tests and reads its --json-events.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace taskweave::testing {

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs TW_CLI with `args` (posix_spawn, stdout and stderr captured) and waits for it.
CliResult run_cli(const std::vector<std::string>& args);

// A CLI process started in the background (for stop/abort/kill tests).
class BackgroundCli {
 public:
  explicit BackgroundCli(const std::vector<std::string>& args);
  ~BackgroundCli();  // kills it if still running
  BackgroundCli(const BackgroundCli&) = delete;
  BackgroundCli& operator=(const BackgroundCli&) = delete;
  int pid() const { return pid_; }
  void signal(int sig) const;
  // Waits for the exit; the exit code (128 + signal when killed).
  int wait();
  std::string err() const;

 private:
  TempDir capture_;
  int pid_ = -1;
  bool reaped_ = false;
  int code_ = -1;
};

// Polls `file` until it contains `needle` or `timeout_ms` passes; true when found.
bool wait_for_text(const std::filesystem::path& file, const std::string& needle, int timeout_ms);

// The string value of "key":"..." (or the bare value of "key":x) in one JSON line; "" if absent.
std::string json_field(const std::string& line, const std::string& key);

// A --json-events file, read.
struct Events {
  std::vector<std::string> lines;
  std::map<std::string, std::string> status;  // task path -> last status (DID_NOT_RUN too)
  std::map<std::string, int> endings;         // task path -> task_finished + task_did_not_run
  std::string run_status;                     // of the last run_finished
  // Index of the first line with this event and task, or -1.
  int index_of(const std::string& event, const std::string& task) const;
};
Events read_events(const std::filesystem::path& file);

// Where the testkit plugin was built, and the common arguments that load it.
std::string testkit_dir();

// Writes `text` to `file`.
void write_file(const std::filesystem::path& file, const std::string& text);
std::string read_file(const std::filesystem::path& file);

}  // namespace taskweave::testing
