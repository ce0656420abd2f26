#include "isolation/out_of_process_runner.h"

#include <shared_mutex>

#include "isolation/worker_execution.h"
#include "model/text.h"
#include "run/scheduler.h"

namespace taskweave::isolation {

bool OutOfProcessRunner::isolates(std::string_view type) const {
  for (const auto& isolated : settings_.types)
    if (model::iequals(isolated, type)) return true;
  return false;
}

std::unique_ptr<run::TaskExecution> OutOfProcessRunner::start(run::TaskId task) {
  std::string type;
  {
    std::shared_lock lock(*services_.state_lock);
    type = std::string(services_.scheduler->instance(task).type_name());
  }
  if (isolates(type)) {
    if (auto file = plugin_file_of_(type))
      return std::make_unique<WorkerExecution>(
          services_, task, WorkerTask{settings_.worker, *file, type, settings_.kill_after_abort});
  }
  return in_process_.start(task);
}

}  // namespace taskweave::isolation
