// One task run out of process: the TaskExecution the OutOfProcessRunner hands the executor.
// run() starts taskweave-worker on the first call (sends Resume on later ones) and serves the
// worker's host-function calls on the calling thread, through the real tw_host_api table and
// the task's real TaskContext, until the worker reports a result, yields, or dies.
//
// What can go wrong, and what the task then reports:
//   the worker crashes, calls abort() or exits early   FAILED, "taskweave-worker for Command
//                                                      (/p/taskweave-plugin-command.so) died of
//                                                      SIGSEGV"
//   the worker sends a malformed or unexpected frame   FAILED, the protocol error; it is killed
//   the run is aborted and the worker does not end     ABORTED; its process group is killed
//     within `kill_after_abort`                        when that time is up
// A stop or abort also wakes a proxied sleep() at once, since the host answers it.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "isolation/frame_codec.h"
#include "isolation/host_call_server.h"
#include "isolation/worker_process.h"
#include "run/run_services.h"
#include "run/task_context.h"
#include "run/task_runner.h"

namespace taskweave::isolation {

struct WorkerTask {
  std::filesystem::path worker;       // the taskweave-worker binary
  std::filesystem::path plugin_file;  // the plugin serving the type
  std::string type;                   // the task type name
  // Shorter than the executor's abort timeout, so the task ends ABORTED before the executor
  // would give up on it and abandon the run.
  std::chrono::milliseconds kill_after_abort{45'000};
};

class WorkerExecution : public run::TaskExecution {
 public:
  WorkerExecution(run::RunServices& services, run::TaskId id, WorkerTask task);
  ~WorkerExecution() override;

  run::RunnerResult run() override;
  void cancel(run::CancelKind kind) override;

 private:
  // Why the conversation ended badly, when it did.
  struct Ending {
    bool yielded = false;
    std::optional<tw_run_result> result;  // the plugin's, when it got that far
    std::string failure;                  // else why not
  };
  Ending converse();
  // Handles one frame from the worker; returns true when it ends this run() call.
  bool handle(const std::string& payload, Ending& ending);
  run::TaskOutcome finish(const Ending& ending);
  std::string who() const;
  // The failure message for a worker whose stream ended or that exited.
  std::string why_gone(const std::string& stream_error);
  // Blocks until the worker wrote something, a cancel arrived or the kill time came (then
  // kills it); false when polling itself failed.
  bool wait_ready();
  void apply_simulation(run::TaskOutcome& outcome);

  run::RunServices& services_;
  run::TaskContext context_;
  HostCallServer server_;
  WorkerTask task_;
  std::optional<WorkerProcess> process_;
  FrameAssembler in_;
  int wake_fd_ = -1;  // eventfd: cancel() wakes the serving thread
  std::atomic<bool> abort_requested_{false};
  std::optional<std::chrono::steady_clock::time_point> kill_at_;
  bool killed_after_abort_ = false;
  bool exited_ = false;  // its pidfd said so
};

}  // namespace taskweave::isolation
