// The TaskRunner that runs chosen task types in taskweave-worker child processes (a crash, an
// abort() or a hang in their plugin then fails or aborts that task only) and hands every other
// task to the in-process runner. ninja's CommandRunner seam, with two implementations.
//
//   InProcessRunner in_process(services, types);
//   OutOfProcessRunner runner(services, in_process, settings, plugin_file_of);
//   Executor executor(scheduler, observer, runner, ...);
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run/run_services.h"
#include "run/task_runner.h"

namespace taskweave::isolation {

struct IsolationSettings {
  std::vector<std::string> types;  // task type names, compared case-insensitively
  std::filesystem::path worker;    // the taskweave-worker binary
  std::chrono::milliseconds kill_after_abort{45'000};
};

// The plugin file serving a task type, or nullopt when no plugin does (the in-process runner
// then reports that, as for any task).
using PluginFileLookup = std::function<std::optional<std::filesystem::path>(std::string_view)>;

class OutOfProcessRunner : public run::TaskRunner {
 public:
  OutOfProcessRunner(run::RunServices& services, run::TaskRunner& in_process,
                     IsolationSettings settings, PluginFileLookup plugin_file_of)
      : services_(services),
        in_process_(in_process),
        settings_(std::move(settings)),
        plugin_file_of_(std::move(plugin_file_of)) {}

  std::unique_ptr<run::TaskExecution> start(run::TaskId task) override;
  bool isolates(std::string_view type) const;

 private:
  run::RunServices& services_;
  run::TaskRunner& in_process_;
  IsolationSettings settings_;
  PluginFileLookup plugin_file_of_;
};

}  // namespace taskweave::isolation
