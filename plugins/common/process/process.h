// Running a shell command as a child process, for task plugins: `/bin/sh -c TEXT` started with
// posix_spawn (a fork of a large host costs ~27 ms per child, posix_spawn ~0.1 ms) in a process
// group of its own, with its output streamed to a sink, a timeout, and termination on request.
//
// The guarantee callers rely on: when run() returns, the command's whole process group is gone.
// Whatever the shell started and left behind (`sleep 30 &`) is terminated (SIGTERM, then
// SIGKILL after the grace period) once the shell exits, so a task never leaves orphans. A
// command that really means to outlive its task must leave the group itself (setsid).
//
//   namespace process = taskweave::plugins::process;
//   process::Options options;
//   options.on_output = [&](std::string_view bytes) { ctx.write_task_log(bytes); };
//   options.terminate_requested = [&] { return ctx.cancel_requested() == TW_CANCEL_ABORT; };
//   auto status = process::run({"make -C /src", "/tmp", {{"LANG", "C"}}}, options);
//   if (!status) ...status.error()...; else if (!status->succeeded()) ...status->describe()...
#pragma once

#include <taskweave/sdk.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taskweave::plugins::process {

struct Command {
  std::string shell_text;   // run as /bin/sh -c shell_text
  std::string working_dir;  // empty: the host's current directory
  // Set in the child's environment on top of the host's (same name: this value wins).
  std::vector<std::pair<std::string, std::string>> environment;
};

struct Options {
  // Receives stdout and stderr bytes (one pipe, so their interleaving is kept) as they come.
  std::function<void(std::string_view)> on_output;
  // Asked at least every poll_interval while the command runs; true terminates the group.
  std::function<bool()> terminate_requested;
  std::chrono::milliseconds timeout{0};  // 0: no limit
  // Between SIGTERM and SIGKILL when the group is terminated (request, timeout, leftovers).
  std::chrono::milliseconds kill_grace{std::chrono::seconds(5)};
  std::chrono::milliseconds poll_interval{25};
};

// How a command ended.
struct ExitStatus {
  enum class Reason {
    kExited,     // the shell exited by itself: `code` is its exit code
    kSignaled,   // the shell was killed by a signal nobody here sent: `code` is the signal
    kTimedOut,   // terminated because Options::timeout passed
    kTerminated  // terminated because terminate_requested() said so
  };
  Reason reason = Reason::kExited;
  int code = 0;
  std::chrono::milliseconds elapsed{0};
  // The shell left processes running in its group, and they were terminated.
  bool ended_leftovers = false;

  bool succeeded() const { return reason == Reason::kExited && code == 0; }
  // "exited with code 2", "was killed by signal 9 (Killed)", "timed out after 5 s", ...
  std::string describe() const;
};

// Runs the command to its end (see the guarantee above). Fails only when the command cannot
// be started at all (missing working directory, no /bin/sh, out of processes), with a message
// that says which, or when something else in the host reaped the shell and took its status.
sdk::Expected<ExitStatus> run(const Command& command, const Options& options);

}  // namespace taskweave::plugins::process
