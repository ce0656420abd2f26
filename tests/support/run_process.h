// Runs a program to completion for a test and captures what it printed, so tests can drive the
// real `taskweave` binary (and tools like nm or cmake) and assert on exit status and output.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace taskweave::testing {

struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + signal number when killed by a signal
  std::string out;
  std::string err;
  std::string spawn_error;  // set when the program could not be started at all
  bool timed_out = false;   // killed by wait(timeout) because it ran longer
};

struct ProcessOptions {
  std::map<std::string, std::string> env;  // added to (or replacing in) the test's environment
  std::vector<std::string> unset_env;      // removed from the environment
  std::filesystem::path cwd;               // "" keeps the test's working directory
};

// argv[0] is the program: a path, or a name looked up in PATH. No shell is involved.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// A program started in the background, for tests that signal it while it runs (stop, abort,
// kill -9). Its output goes to files, read when it has ended. Killed and reaped if still running
// when the object goes away, so a failing test leaves nothing behind.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  int pid() const { return pid_; }
  // Sends `sig` to the process alone (not to its group), once.
  void signal(int sig) const;
  // Waits for the end and returns what it printed; the exit code is 128 + signal when killed.
  const ProcessResult& wait();
  // The same, but a process still running after `timeout` is killed (SIGKILL) and reported
  // timed_out, so a hang fails the test instead of holding up the suite.
  const ProcessResult& wait(std::chrono::milliseconds timeout);

 private:
  const ProcessResult& finish(int wait_status);  // records the exit and the output

  std::string scratch_;
  int pid_ = -1;
  bool reaped_ = false;
  ProcessResult result_;
};

}  // namespace taskweave::testing
