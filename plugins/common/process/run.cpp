// The wait loop behind process::run(): one poll() on the output pipe and the shell's pidfd,
// waking at least every poll_interval to ask whether to terminate, so an abort is acted on
// within that interval and a normal exit is seen at once.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "common/process/process.h"
#include "common/process/process_group.h"
#include "common/process/spawn.h"

namespace taskweave::plugins::process {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How long SIGKILLed processes get to disappear (they cannot refuse; a process stuck in an
// uninterruptible disk wait can take a moment) before we stop waiting for them.
constexpr milliseconds kAfterKillWait{2000};
constexpr milliseconds kLeftoverPoll{10};
// Reads per wake-up, so a command that writes without pause cannot starve the wait loop.
constexpr int kMaxReadsPerWake = 16;

milliseconds until(Clock::time_point when) {
  auto left = std::chrono::duration_cast<milliseconds>(when - Clock::now());
  return std::max(left, milliseconds(0));
}

// The read end of the output pipe, forwarding everything it reads to the sink.
class OutputPipe {
 public:
  OutputPipe(int fd, const std::function<void(std::string_view)>& sink) : fd_(fd), sink_(sink) {}
  ~OutputPipe() { close_pipe(); }
  OutputPipe(const OutputPipe&) = delete;
  OutputPipe& operator=(const OutputPipe&) = delete;

  // Waits up to `wait` for output, or for `other_fd` (-1: none) to become readable, and reads
  // what came.
  void wait_and_read(milliseconds wait, int other_fd) {
    pollfd fds[2];
    nfds_t count = 0;
    if (fd_ >= 0) fds[count++] = {fd_, POLLIN, 0};
    if (other_fd >= 0) fds[count++] = {other_fd, POLLIN, 0};
    int ready = poll(fds, count, static_cast<int>(wait.count()));
    if (ready > 0 && fd_ >= 0 && fds[0].revents != 0) read_available();
  }

  // Reads what the pipe holds now without waiting; closes it at end of file.
  void read_available() {
    for (int i = 0; fd_ >= 0 && i < kMaxReadsPerWake; ++i) {
      ssize_t n = read(fd_, buffer_.data(), buffer_.size());
      if (n > 0) {
        if (sink_) sink_(std::string_view(buffer_.data(), static_cast<size_t>(n)));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close_pipe();
      } else if (errno == EAGAIN) {
        return;
      }
    }
  }

 private:
  void close_pipe() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

  int fd_;
  const std::function<void(std::string_view)>& sink_;
  std::vector<char> buffer_ = std::vector<char>(64 * 1024);
};

// One spawned shell from start to the end of its group. The destructor kills and reaps
// whatever is left if the wait was cut short (an exception from the output sink).
class ChildWatch {
 public:
  ChildWatch(const Spawned& child, const Options& options)
      : child_(child), options_(options), output_(child.output_fd, options.on_output) {}
  ~ChildWatch() {
    if (!finished_) {
      signal_group(child_.pid, SIGKILL);
      int status = 0;
      while (!reaped_ && waitpid(child_.pid, &status, 0) < 0 && errno == EINTR) {
      }
      // Not through wait_group_gone(): that reads output, and the output sink may be what threw.
      auto give_up = Clock::now() + kAfterKillWait;
      while (group_alive(child_.pid) && Clock::now() < give_up)
        poll(nullptr, 0, static_cast<int>(kLeftoverPoll.count()));
    }
    if (child_.pid_fd >= 0) close(child_.pid_fd);
  }
  ChildWatch(const ChildWatch&) = delete;
  ChildWatch& operator=(const ChildWatch&) = delete;

  sdk::Expected<ExitStatus> wait(Clock::time_point start) {
    std::optional<int> status = wait_for_shell(start);
    bool ended_leftovers = end_leftovers();
    finished_ = true;
    output_.read_available();
    if (!status)
      return sdk::Expected<ExitStatus>::failure(
          "the command's exit status was lost: something else in this process reaped pid " +
          std::to_string(child_.pid));
    ExitStatus result;
    result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    result.ended_leftovers = ended_leftovers;
    bool exited = WIFEXITED(*status);
    result.code = exited ? WEXITSTATUS(*status) : WTERMSIG(*status);
    result.reason = forced_  ? *forced_
                    : exited ? ExitStatus::Reason::kExited
                             : ExitStatus::Reason::kSignaled;
    return result;
  }

 private:
  // Returns the shell's wait status once it has exited (nullopt: it was reaped elsewhere).
  std::optional<int> wait_for_shell(Clock::time_point start) {
    std::optional<Clock::time_point> deadline;
    if (options_.timeout.count() > 0) deadline = start + options_.timeout;
    for (;;) {
      milliseconds wait = options_.poll_interval;
      if (deadline && !forced_) wait = std::min(wait, until(*deadline));
      if (kill_at_ && !killed_) wait = std::min(wait, until(*kill_at_));
      output_.wait_and_read(wait, child_.pid_fd);

      int status = 0;
      pid_t reaped = waitpid(child_.pid, &status, WNOHANG);
      if (reaped == child_.pid || (reaped < 0 && errno == ECHILD)) {
        reaped_ = true;
        return reaped == child_.pid ? std::optional<int>(status) : std::nullopt;
      }

      auto now = Clock::now();
      if (!forced_) {
        if (options_.terminate_requested && options_.terminate_requested()) {
          forced_ = ExitStatus::Reason::kTerminated;
        } else if (deadline && now >= *deadline) {
          forced_ = ExitStatus::Reason::kTimedOut;
        }
        if (forced_) {
          signal_group(child_.pid, SIGTERM);
          kill_at_ = now + options_.kill_grace;
        }
      } else if (!killed_ && now >= *kill_at_) {
        signal_group(child_.pid, SIGKILL);
        killed_ = true;
      }
    }
  }

  // The shell is gone; ends what it left in its group. Returns true when there was something.
  bool end_leftovers() {
    if (!group_alive(child_.pid)) return false;
    if (!killed_) {
      signal_group(child_.pid, SIGTERM);
      if (wait_group_gone(options_.kill_grace)) return true;
    }
    signal_group(child_.pid, SIGKILL);
    wait_group_gone(kAfterKillWait);
    return true;
  }

  bool wait_group_gone(milliseconds limit) {
    auto give_up = Clock::now() + limit;
    while (group_alive(child_.pid)) {
      if (Clock::now() >= give_up) return false;
      output_.wait_and_read(std::min(kLeftoverPoll, until(give_up)), -1);
    }
    return true;
  }

  Spawned child_;
  const Options& options_;
  OutputPipe output_;
  bool reaped_ = false;    // the shell's exit status is collected
  bool finished_ = false;  // ...and nothing of its group is left
  bool killed_ = false;
  std::optional<ExitStatus::Reason> forced_;
  std::optional<Clock::time_point> kill_at_;
};

}  // namespace

sdk::Expected<ExitStatus> run(const Command& command, const Options& options) {
  auto start = Clock::now();
  auto spawned = spawn_shell(command);
  if (!spawned) return sdk::Expected<ExitStatus>::failure(spawned.error());
  ChildWatch watch(*spawned, options);
  return watch.wait(start);
}

}  // namespace taskweave::plugins::process
