// taskweave-worker PLUGIN_FILE TASK_TYPE: runs one task of a plugin out of the host process
// (docs/isolation.md). The host starts it with a socket as fd 3 (isolation/protocol.h); the
// plugin is loaded with the host's own checks, sees a proxy tw_host_api, and is created, run
// and destroyed exactly as the in-process runner does it. A crash here fails only that task.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "isolation/protocol.h"
#include "plugin_host/plugin_library.h"
#include "proxy_host_api.h"
#include "worker_channel.h"

namespace {

using taskweave::isolation::FrameWriter;
using taskweave::isolation::Op;
using taskweave::worker::WorkerChannel;

int cannot_start(WorkerChannel& channel, const std::string& why) {
  FrameWriter frame(Op::CannotStart);
  frame.string(why);
  channel.send(frame);
  return 1;
}

// The plugin's optional init(), as the host's registry calls it (contexts are NULL there).
std::string init_plugin(const tw_plugin_descriptor& descriptor, const tw_host_api* host) {
  if (!descriptor.init) return "";
  char buffer[1024] = {};
  tw_error_buf err{buffer, sizeof buffer};
  const int rc = descriptor.init(host, &err);
  buffer[sizeof buffer - 1] = '\0';
  if (rc == 0) return "";
  return "init() returned " + std::to_string(rc) + ": " +
         (buffer[0] ? std::string(buffer) : std::string("(the plugin gave no message)"));
}

void send_result(WorkerChannel& channel, tw_run_result result) {
  FrameWriter frame(Op::RunReturned);
  frame.integer(result);
  channel.send(frame);
}

int run_task(WorkerChannel& channel, const std::filesystem::path& file, const char* type_name) {
  namespace ph = taskweave::plugin_host;
  const tw_host_api* host = taskweave::worker::proxy_host_api(channel);
  ph::OpenedPlugin opened = ph::open_plugin({file, file.parent_path()});
  if (!opened.plugin)
    return cannot_start(channel, std::string(ph::status_label(opened.outcome.status)) + ": " +
                                     opened.outcome.message);
  const tw_task_type* type = opened.plugin->task_type(type_name);
  if (!type)
    return cannot_start(channel, "plugin '" + std::string(opened.plugin->name()) + "' (" +
                                     file.string() + ") does not serve task type '" + type_name +
                                     "'");
  if (std::string error = init_plugin(*opened.plugin->descriptor, host); !error.empty())
    return cannot_start(channel, error);

  char buffer[1024] = {};
  tw_error_buf err{buffer, sizeof buffer};
  // The proxy ignores contexts (one task per process); the plugin only needs a non-NULL one.
  auto* ctx = reinterpret_cast<tw_task_ctx*>(&channel);
  void* task = type->create(host, ctx, &err);
  if (!task) {
    buffer[sizeof buffer - 1] = '\0';
    return cannot_start(channel, buffer[0] ? buffer : "the plugin could not create the task");
  }
  for (;;) {
    const tw_run_result result = type->run(task);
    if (result != TW_RUN_YIELD) {
      type->destroy(task);
      send_result(channel, result);
      return 0;
    }
    send_result(channel, result);
    if (channel.await_command() == Op::Destroy) {
      type->destroy(task);
      return 0;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  struct stat socket_stat {};
  if (argc != 3 || fstat(taskweave::isolation::kWorkerFd, &socket_stat) != 0 ||
      !S_ISSOCK(socket_stat.st_mode)) {
    std::fprintf(stderr,
                 "usage: taskweave-worker PLUGIN_FILE TASK_TYPE (with a socket as fd 3)\n"
                 "Started by taskweave to run one task out of process; see docs/isolation.md.\n");
    return 2;
  }
  // Whatever the plugin starts must not hold the socket open after this process is gone.
  fcntl(taskweave::isolation::kWorkerFd, F_SETFD, FD_CLOEXEC);
  // A host killed with SIGKILL cannot kill its workers: the kernel does. (A worker that calls
  // the host would notice anyway; one stuck in plugin code would not.)
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  WorkerChannel channel(taskweave::isolation::kWorkerFd);
  const int code = run_task(channel, argv[1], argv[2]);
  std::fflush(nullptr);
  _exit(code);  // the plugin is never unloaded; skip static destructors racing its threads
}
