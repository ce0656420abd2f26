// The executor with real threads and a fake runner: the slot limit holds under concurrency,
// yielded tasks free their slot and wake on time, and a stop reaches running tasks.
#include "run/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core_driver.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using namespace std::chrono_literals;

// Runs tasks by name: "Y*" yields once for 50 ms, "WaitCancel" runs until it is cancelled,
// everything else succeeds at once. Counts tasks in flight.
class FakeRunner : public run::TaskRunner {
 public:
  explicit FakeRunner(const run::Scheduler& scheduler, run::StateLock& lock)
      : scheduler_(scheduler), lock_(lock) {}

  std::unique_ptr<run::TaskExecution> start(run::TaskId task) override {
    std::shared_lock lock(lock_);
    return std::make_unique<Execution>(*this, std::string(scheduler_.instance(task).name));
  }

  std::atomic<int> in_flight{0}, most{0}, runs{0};

 private:
  class Execution : public run::TaskExecution {
   public:
    Execution(FakeRunner& owner, std::string name) : owner_(owner), name_(std::move(name)) {}
    run::RunnerResult run() override {
      const int now = ++owner_.in_flight;
      for (int most = owner_.most; now > most && !owner_.most.compare_exchange_weak(most, now);) {
      }
      ++owner_.runs;
      run::RunnerResult result;
      if (name_.starts_with("Y") && !yielded_) {
        yielded_ = true;
        result.yielded = true;
        result.wake.at = run::add_nanos(run::SystemClock().now(), 50'000'000);
      } else if (name_ == "WaitCancel") {
        while (cancel_ == run::CancelKind::None) std::this_thread::sleep_for(1ms);
        result.outcome.status = expr::Status::Stopped;
      }
      --owner_.in_flight;
      return result;
    }
    void cancel(run::CancelKind kind) override { cancel_ = kind; }

   private:
    FakeRunner& owner_;
    std::string name_;
    bool yielded_ = false;
    std::atomic<run::CancelKind> cancel_{run::CancelKind::None};
  };
  const run::Scheduler& scheduler_;
  run::StateLock& lock_;
};

struct ExecutorRun {
  ExecutorRun(const std::string& xml, std::size_t max_parallel) {
    auto loaded = model::load_export_bytes(xml, "test.xml");
    workflow = loaded.workflows.at(0);
    run::SchedulerOptions options;
    options.info.run_id = "run";
    options.limits.max_parallel = max_parallel;
    scheduler = std::make_unique<run::Scheduler>(*workflow, options, clock, observer);
    runner = std::make_unique<FakeRunner>(*scheduler, lock);
    executor = std::make_unique<run::Executor>(*scheduler, observer, *runner, lock,
                                               run::ExecutorOptions{max_parallel, 1s});
  }
  std::shared_ptr<const model::Workflow> workflow;
  run::SystemClock clock;
  RecordingObserver observer;
  run::StateLock lock;
  std::unique_ptr<run::Scheduler> scheduler;
  std::unique_ptr<FakeRunner> runner;
  std::unique_ptr<run::Executor> executor;
};

TEST(Executor, ManyTasksRunWithinTheSlotLimit) {
  auto xml = WorkflowXml("wf");
  for (int layer = 0; layer < 50; ++layer)
    for (int i = 0; i < 20; ++i) {
      const std::string name = "T" + std::to_string(layer) + "_" + std::to_string(i);
      xml.task(Task(name))
          .link(layer == 0 ? "Start" : "T" + std::to_string(layer - 1) + "_" + std::to_string(i),
                name);
    }
  ExecutorRun run(xml.document(), 3);
  EXPECT_EQ(run.executor->run(), run::RunStatus::Succeeded);
  EXPECT_EQ(run.runner->runs, 1000);
  EXPECT_LE(run.runner->most, 3);
  EXPECT_EQ(run.observer.status.size(), 1001u);
}

TEST(Executor, YieldedTasksFreeTheirSlotAndWakeOnTime) {
  auto xml = WorkflowXml("wf")
                 .task(Task("Y1"))
                 .task(Task("Y2"))
                 .task(Task("A"))
                 .task(Task("B"))
                 .link("Start", "Y1")
                 .link("Start", "Y2")
                 .link("Start", "A")
                 .link("A", "B");
  ExecutorRun run(xml.document(), 1);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(run.executor->run(), run::RunStatus::Succeeded);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, 45ms);  // the yields really waited
  EXPECT_LT(took, 5s);
  EXPECT_EQ(run.runner->runs, 6);  // two runs per yielding task
  EXPECT_EQ(run.observer.status["Y1"], "SUCCEEDED");
  // With one slot, A and B ran while the Y tasks waited.
  const auto& events = run.observer.events;
  auto at = [&](const std::string& e) { return std::find(events.begin(), events.end(), e); };
  EXPECT_LT(at("finished B SUCCEEDED"), at("finished Y1 SUCCEEDED"));
}

TEST(Executor, StopReachesRunningTasks) {
  auto xml = WorkflowXml("wf")
                 .task(Task("WaitCancel"))
                 .task(Task("After"))
                 .link("Start", "WaitCancel")
                 .link("WaitCancel", "After");
  ExecutorRun run(xml.document(), 2);
  std::thread stopper([&] {
    while (run.runner->in_flight == 0) std::this_thread::sleep_for(1ms);
    run.executor->request_cancel(run::CancelKind::Stop, "test");
  });
  EXPECT_EQ(run.executor->run(), run::RunStatus::Stopped);
  stopper.join();
  EXPECT_EQ(run.observer.status["WaitCancel"], "STOPPED");
  EXPECT_EQ(run.observer.status["After"], "DID_NOT_RUN");
}

}  // namespace
}  // namespace taskweave::testing
