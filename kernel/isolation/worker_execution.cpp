#include "isolation/worker_execution.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>

#include "isolation/frame_io.h"
#include "run/host_api.h"
#include "run/inprocess_runner.h"

namespace taskweave::isolation {
namespace {

// A worker that reported its result or was told to destroy its task exits at once; one that
// does not within this time is killed.
constexpr std::chrono::milliseconds kExitGrace{2'000};

}  // namespace

WorkerExecution::WorkerExecution(run::RunServices& services, run::TaskId id, WorkerTask task)
    : services_(services),
      context_(services, id),
      server_(run::host_api(), context_.handle()),
      task_(std::move(task)),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

WorkerExecution::~WorkerExecution() {
  if (process_ && !process_->reaped()) {
    // A yielded task the run no longer needs (or a run that ended around it).
    FrameWriter destroy(Op::Destroy);
    send_frame(process_->socket(), destroy);
    process_->reap(kExitGrace);
  }
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::string WorkerExecution::who() const {
  return "taskweave-worker for " + task_.type + " (" + task_.plugin_file.string() + ")";
}

void WorkerExecution::cancel(run::CancelKind kind) {
  context_.cancel(kind);  // wakes a sleep() the host is serving for the worker
  if (kind != run::CancelKind::Abort) return;
  abort_requested_ = true;
  const std::uint64_t one = 1;
  if (wake_fd_ >= 0 && ::write(wake_fd_, &one, sizeof one) < 0) {
    // The counter cannot overflow from a handful of cancels; nothing else can fail here.
  }
}

run::RunnerResult WorkerExecution::run() {
  run::RunnerResult result;
  Ending ending;
  if (!process_) {
    auto spawned = WorkerProcess::spawn(task_.worker, {task_.plugin_file.string(), task_.type});
    if (!spawned) {
      ending.failure = "cannot run " + task_.type + " out of process: " + spawned.error();
    } else {
      process_.emplace(std::move(spawned).value());
    }
  } else {
    FrameWriter resume(Op::Resume);
    send_frame(process_->socket(), resume);  // a dead worker shows as the end of its stream
  }
  if (process_ && ending.failure.empty()) ending = converse();
  if (ending.yielded) {
    result.yielded = true;
    result.wake = context_.take_wake();
    return result;
  }
  result.outcome = finish(ending);
  apply_simulation(result.outcome);
  return result;
}

bool WorkerExecution::wait_ready() {
  if (abort_requested_ && !kill_at_)
    kill_at_ = std::chrono::steady_clock::now() + task_.kill_after_abort;
  int timeout = -1;
  if (kill_at_) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        *kill_at_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      process_->kill_group();  // its socket closes: the next read sees the end
      killed_after_abort_ = true;
      kill_at_ = std::chrono::steady_clock::time_point::max();
      return true;
    }
    timeout = static_cast<int>(std::min<std::int64_t>(left.count() + 1, 60'000));
  }
  pollfd fds[3] = {
      {process_->socket(), POLLIN, 0}, {wake_fd_, POLLIN, 0}, {process_->pidfd(), POLLIN, 0}};
  const int ready = ::poll(fds, 3, timeout);
  if (ready < 0 && errno != EINTR) return false;
  if (ready > 0 && (fds[2].revents & POLLIN)) exited_ = true;
  if (ready > 0 && (fds[1].revents & POLLIN)) {
    std::uint64_t count = 0;
    if (::read(wake_fd_, &count, sizeof count) < 0) {
      // Drained by an earlier wake-up: nothing to do.
    }
  }
  return true;
}

WorkerExecution::Ending WorkerExecution::converse() {
  Ending ending;
  for (;;) {
    std::string payload, error;
    switch (read_frame(process_->socket(), in_, payload, error, false)) {
      case ReadStatus::Frame:
        if (handle(payload, ending)) return ending;
        continue;
      case ReadStatus::Closed:
        ending.failure = why_gone(error);
        return ending;
      case ReadStatus::Error:
        ending.failure = who() + " sent a malformed message: " + error;
        return ending;
      case ReadStatus::NeedMore:
        // Everything an exited worker wrote has been read: a child it forked may still hold
        // the socket open, so its exit, not the end of the stream, ends the conversation.
        if (exited_) {
          ending.failure = why_gone(in_.truncated().value_or(""));
          return ending;
        }
        break;
    }
    if (!wait_ready()) {
      ending.failure = "cannot wait for " + who();
      return ending;
    }
  }
}

std::string WorkerExecution::why_gone(const std::string& stream_error) {
  if (killed_after_abort_)
    return who() + " did not end within " + std::to_string(task_.kill_after_abort.count()) +
           " ms of the abort and was killed";
  std::string why = who() + " " + process_->reap(kExitGrace);
  if (!stream_error.empty()) why += " (" + stream_error + ")";
  return why;
}

bool WorkerExecution::handle(const std::string& payload, Ending& ending) {
  FrameReader frame(payload);
  if (!frame.op()) {
    ending.failure = who() + " sent a malformed message: " + frame.error();
    return true;
  }
  switch (*frame.op()) {
    case Op::RunReturned: {
      std::int64_t result = 0;
      if (!frame.integer(result) || !frame.at_end()) {
        ending.failure = who() + " sent a malformed message: " + frame.error();
      } else if (result == TW_RUN_YIELD) {
        ending.yielded = true;
      } else {
        ending.result = static_cast<tw_run_result>(result);
      }
      return true;
    }
    case Op::CannotStart: {
      std::string_view why;
      ending.failure = frame.string(why) && frame.at_end()
                           ? who() + ": " + std::string(why)
                           : who() + " sent a malformed message: " + frame.error();
      return true;
    }
    default: {
      std::optional<FrameWriter> reply;
      if (std::string error = server_.serve(frame, reply); !error.empty()) {
        ending.failure = who() + " sent a malformed message: " + error;
        return true;
      }
      // A worker that died meanwhile shows as the end of its stream on the next read.
      if (reply) send_frame(process_->socket(), *reply);
      return false;
    }
  }
}

run::TaskOutcome WorkerExecution::finish(const Ending& ending) {
  if (process_) {
    if (!ending.result) process_->kill_group();  // nothing more to hear from it
    process_->reap(kExitGrace);
  }
  if (!ending.result) {
    context_.set_error(1, ending.failure.c_str());
    return context_.take_outcome(killed_after_abort_ ? expr::Status::Aborted
                                                     : expr::Status::Failed);
  }
  switch (*ending.result) {
    case TW_RUN_SUCCEEDED:
      return context_.take_outcome(expr::Status::Succeeded);
    case TW_RUN_FAILED:
      return context_.take_outcome(expr::Status::Failed);
    case TW_RUN_STOPPED:
      return context_.take_outcome(expr::Status::Stopped);
    case TW_RUN_ABORTED:
      return context_.take_outcome(expr::Status::Aborted);
    default:
      context_.set_error(1, ("the plugin returned an unknown result " +
                             std::to_string(static_cast<int>(*ending.result)))
                                .c_str());
      return context_.take_outcome(expr::Status::Failed);
  }
}

void WorkerExecution::apply_simulation(run::TaskOutcome& outcome) {
  if (!services_.simulations) return;
  if (const run::Simulation* sim = services_.simulations->find(context_.path()))
    run::apply_simulation(outcome, *sim);
}

}  // namespace taskweave::isolation
