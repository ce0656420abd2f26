#include "run/inprocess_runner.h"

#include "model/text.h"
#include "run/host_api.h"
#include "run/scheduler.h"
#include "run/simulation.h"
#include "run/task_context.h"

namespace taskweave::run {
namespace {

class InProcessExecution : public TaskExecution {
 public:
  InProcessExecution(RunServices& services, TaskId id, const tw_task_type* type,
                     std::string lookup_error)
      : services_(services),
        context_(services, id),
        type_(type),
        lookup_error_(std::move(lookup_error)) {}

  ~InProcessExecution() override {
    if (object_) type_->destroy(object_);
  }

  RunnerResult run() override {
    RunnerResult result;
    if (!type_) {
      result.outcome = no_plugin();
    } else {
      result = call_plugin();
    }
    if (!result.yielded) simulate(result.outcome);
    return result;
  }

  void cancel(CancelKind kind) override { context_.cancel(kind); }

 private:
  TaskOutcome no_plugin() {
    if (context_.dry_run()) {
      TaskOutcome described;
      described.description = "would run " + context_.type_name() + " task " + context_.path() +
                              " (no plugin serves this type: " + lookup_error_ + ")";
      return described;
    }
    TaskOutcome failed;
    failed.status = expr::Status::Failed;
    failed.error_code = 1;
    failed.error_msg = lookup_error_;
    return failed;
  }

  RunnerResult call_plugin() {
    RunnerResult result;
    if (!object_) {
      char buffer[1024] = {};
      tw_error_buf err{buffer, sizeof buffer};
      object_ = type_->create(host_api(), context_.handle(), &err);
      if (!object_) {
        buffer[sizeof buffer - 1] = '\0';
        context_.set_error(1, buffer[0] ? buffer : "the plugin could not create the task");
        result.outcome = context_.take_outcome(expr::Status::Failed);
        return result;
      }
    }
    const tw_run_result r = type_->run(object_);
    if (r == TW_RUN_YIELD) {
      result.yielded = true;
      result.wake = context_.take_wake();
      return result;
    }
    expr::Status status = expr::Status::Failed;
    switch (r) {
      case TW_RUN_SUCCEEDED:
        status = expr::Status::Succeeded;
        break;
      case TW_RUN_FAILED:
        status = expr::Status::Failed;
        break;
      case TW_RUN_STOPPED:
        status = expr::Status::Stopped;
        break;
      case TW_RUN_ABORTED:
        status = expr::Status::Aborted;
        break;
      default:
        context_.set_error(
            1, ("the plugin returned an unknown result " + std::to_string(static_cast<int>(r)))
                   .c_str());
    }
    type_->destroy(object_);
    object_ = nullptr;
    result.outcome = context_.take_outcome(status);
    return result;
  }

  void simulate(TaskOutcome& outcome) {
    if (!services_.simulations) return;
    if (const Simulation* sim = services_.simulations->find(context_.path()))
      apply_simulation(outcome, *sim);
  }

  RunServices& services_;
  TaskContext context_;
  const tw_task_type* type_;
  std::string lookup_error_;
  void* object_ = nullptr;
};

}  // namespace

std::unique_ptr<TaskExecution> InProcessRunner::start(TaskId task) {
  std::string type_name;
  {
    std::shared_lock lock(*services_.state_lock);
    type_name = std::string(services_.scheduler->instance(task).type_name());
  }
  std::string error;
  const tw_task_type* type = types_ ? types_(type_name, error) : nullptr;
  if (!type && error.empty()) error = "no plugin serves task type '" + type_name + "'";
  return std::make_unique<InProcessExecution>(services_, task, type, std::move(error));
}

void apply_simulation(TaskOutcome& outcome, const Simulation& simulation) {
  outcome.status = simulation.status;
  const bool succeeded = simulation.status == expr::Status::Succeeded;
  if (!succeeded) {
    if (outcome.error_code == 0) outcome.error_code = 1;
    outcome.error_msg = "simulated " + std::string(expr::status_name(simulation.status));
  } else {
    outcome.error_code = 0;
    outcome.error_msg.clear();
  }
  const std::int64_t rows = simulation.rows.value_or(succeeded ? 1 : 0);
  auto set = [&](std::string_view name, std::int64_t value, bool add) {
    for (auto& output : outcome.outputs) {
      if (model::iequals(output.name, name)) {
        output.value = expr::Value::integer(value);
        return;
      }
    }
    if (add) outcome.outputs.push_back({std::string(name), expr::Value::integer(value)});
  };
  set("SrcSuccessRows", rows, simulation.rows.has_value());
  set("TgtSuccessRows", rows, simulation.rows.has_value());
  for (std::string_view failed : {"SrcFailedRows", "TgtFailedRows", "TotalTransErrors"})
    set(failed, 0, false);
  outcome.description +=
      (outcome.description.empty() ? "" : "\n") + std::string("simulated ") +
      std::string(expr::status_name(simulation.status)) +
      (simulation.rows ? " with " + std::to_string(*simulation.rows) + " rows" : std::string());
}

}  // namespace taskweave::run
