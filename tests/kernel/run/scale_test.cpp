// The core at scale: 100,000-task graphs (loading them takes a few seconds, hence `slow`).
#include <gtest/gtest.h>

#include <chrono>

#include "core_driver.h"
#include "run/scheduler.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using expr::Status;

TEST(SchedulerScale, HundredThousandChainNeedsNoRecursion) {
  constexpr int kTasks = 100'000;
  auto xml = WorkflowXml("wf");
  std::string previous = "Start";
  for (int i = 0; i < kTasks; ++i) {
    const std::string name = "T" + std::to_string(i);
    // The first task fails and its successor's link wants success, so "did not run" propagates
    // down the whole chain in one step.
    xml.task(Task(name)).link(previous, name, i == 1 ? "$T0.Status = SUCCEEDED" : "");
    previous = name;
  }
  CoreRun run(xml.document());
  run.behaviour = [](const std::string&) { return outcome(Status::Failed, 1); };
  const auto begin = std::chrono::steady_clock::now();
  run.start();
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  EXPECT_EQ(run.status("T99999"), "DID_NOT_RUN");
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
  // Not a benchmark (bench/run_kernel_bench is): a guard against per-edge rescans. Linear takes
  // well under a second; quadratic on 100k tasks would take hours, so the bound leaves room
  // for a loaded machine and sanitizer builds.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 60);
}

}  // namespace
}  // namespace taskweave::testing
