// Recovery in the pure core: what a recorded run's tasks become (replayed, failed, run again),
// and which recorded runs cannot be recovered.
#include "run/recovery_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core_driver.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using expr::Status;

run::TaskEvent recorded(const std::string& path, Status status, int attempt = 1) {
  run::TaskEvent e;
  e.path = path;
  e.status = status;
  e.attempt = attempt;
  e.start = {1'600'000'000, 0};
  e.end = {1'600'000'010, 0};
  return e;
}

// Start -> A -> NEXT (on rows > 0); Start -> CMD (a Command, running at the crash) -> AFTER_CMD;
// Start -> STOPPED_ONE; Start -> NEVER (recorded as did not run)
WorkflowXml recovered_workflow() {
  return WorkflowXml("wf")
      .variable("$$N", "integer", "0")
      .task(Task("A"))
      .task(Task("NEXT"))
      .task(Task("CMD", "Command"))
      .task(Task("AFTER_CMD"))
      .task(Task("STOPPED_ONE"))
      .task(Task("NEVER"))
      .link("Start", "A")
      .link("A", "NEXT", "$A.TgtSuccessRows > 0 AND $$N = 5")
      .link("Start", "CMD")
      .link("CMD", "AFTER_CMD", "$CMD.Status = FAILED")
      .link("Start", "STOPPED_ONE")
      .link("Start", "NEVER");
}

run::RecordedRun stopped_run() {
  run::RecordedRun run;
  run.info.run_id = "run-1";
  run.info.status = run::RunStatus::Stopped;
  run.tasks = {recorded("Start", Status::Succeeded), recorded("A", Status::Succeeded),
               recorded("CMD", Status::Started), recorded("STOPPED_ONE", Status::Stopped, 2),
               recorded("NEVER", Status::NotStarted)};
  run.tasks[1].vars["TgtSuccessRows"] = expr::Value::integer(5);
  run.variables[""]["$$N"] = expr::Value::integer(5);
  return run;
}

TEST(Recovery, DecisionsFollowTheRecordAndTheStrategy) {
  auto loaded = model::load_export_bytes(recovered_workflow().document(), "t.xml");
  const run::RunConfig config;
  const run::RecoveryPlan plan(stopped_run(), *loaded.workflows.at(0), config);
  using D = run::RecoveryPlan::Decision;
  EXPECT_EQ(plan.decide("a", "testkit.outcome"), D::Replay);  // paths are case-insensitive
  EXPECT_EQ(plan.decide("CMD", "Command"), D::FailInterrupted);
  EXPECT_EQ(plan.decide("CMD", "Timer"), D::Run);  // other types restart
  EXPECT_EQ(plan.decide("STOPPED_ONE", "testkit.outcome"), D::Run);
  EXPECT_EQ(plan.decide("NEVER", "testkit.outcome"), D::Run);
  EXPECT_EQ(plan.decide("UNKNOWN", "testkit.outcome"), D::Run);
}

TEST(Recovery, ReplaysRecordedTasksSilentlyAndContinues) {
  const run::RunConfig config;
  auto loaded = model::load_export_bytes(recovered_workflow().document(), "t.xml");
  run::RecoveryPlan plan(stopped_run(), *loaded.workflows.at(0), config);
  run::SchedulerOptions options;
  options.recovery = &plan;
  options.info.recovery = true;
  CoreRun run(recovered_workflow().document(), options);
  std::vector<std::string> ran;
  run.behaviour = [&](const std::string& path) {
    ran.push_back(path);
    return run::TaskOutcome{};
  };
  run.start();
  // A is replayed (no events) with its outputs, so NEXT's condition sees rows and $$N.
  EXPECT_EQ(run.status("A"), "");
  EXPECT_EQ(run.status("Start"), "");
  EXPECT_EQ(run.status("NEXT"), "SUCCEEDED");
  // CMD was running when the host died: failed, and its failure link fires.
  EXPECT_EQ(run.status("CMD"), "FAILED");
  EXPECT_NE(run.observer.finished["CMD"].error_msg.find("fail task and continue"),
            std::string::npos);
  EXPECT_EQ(run.status("AFTER_CMD"), "SUCCEEDED");
  // Stopped and never-started tasks run again; attempts continue from the record.
  EXPECT_EQ(run.observer.finished["STOPPED_ONE"].attempt, 3);
  EXPECT_EQ(run.observer.finished["NEVER"].attempt, 1);
  std::sort(ran.begin(), ran.end());
  EXPECT_EQ(ran, (std::vector<std::string>{"AFTER_CMD", "NEVER", "NEXT", "STOPPED_ONE"}));
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
}

TEST(Recovery, RaisedEventsComeBackOnlyInTheFrameThatRaisedThem) {
  // The workflow and worklet W both declare READY; only W raised it before the stop.
  const WorkflowXml worklet =
      WorkflowXml("wl").event("ready").task(Task("WAIT")).link("Start", "WAIT");
  const WorkflowXml xml = WorkflowXml("wf")
                              .event("ready")
                              .worklet(worklet)
                              .task(Task("W", "Worklet").of_worklet("wl"))
                              .task(Task("TOP_WAIT"))
                              .link("Start", "W")
                              .link("Start", "TOP_WAIT");
  auto loaded = model::load_export_bytes(xml.document(), "t.xml");
  run::RecordedRun recorded_run;
  recorded_run.info.status = run::RunStatus::Stopped;
  recorded_run.raised_events = {"W.READY"};
  const run::RunConfig config;
  run::RecoveryPlan plan(std::move(recorded_run), *loaded.workflows.at(0), config);
  run::SchedulerOptions options;
  options.recovery = &plan;
  options.info.recovery = true;
  CoreRun run(xml.document(), options);
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  const run::TaskId in_worklet = run.id("W.WAIT");
  EXPECT_TRUE(run.scheduler->event_raised(in_worklet.frame, "ready"));
  EXPECT_FALSE(run.scheduler->event_raised(0, "ready"));
}

TEST(Recovery, RefusesFinishedRunningAndChangedRuns) {
  auto loaded = model::load_export_bytes(recovered_workflow().document(), "t.xml");
  const model::Workflow& wf = *loaded.workflows.at(0);
  run::RecordedRun run = stopped_run();
  run.info.workflow = "wf";
  run.info.definition_hash = wf.definition_hash_hex();
  EXPECT_FALSE(run::recovery_problem(run, wf));
  run.info.status = run::RunStatus::Suspended;
  EXPECT_FALSE(run::recovery_problem(run, wf));

  for (auto status : {run::RunStatus::Succeeded, run::RunStatus::Failed, run::RunStatus::Running}) {
    run.info.status = status;
    EXPECT_TRUE(run::recovery_problem(run, wf));
  }
  run.killed = true;  // running, but its process is gone
  EXPECT_FALSE(run::recovery_problem(run, wf));
  run.info.definition_hash = "0000000000000000";
  EXPECT_NE(run::recovery_problem(run, wf)->find("changed"), std::string::npos);
  run.info.definition_hash = wf.definition_hash_hex();
  run.info.workflow = "other";
  EXPECT_NE(run::recovery_problem(run, wf)->find("is of workflow"), std::string::npos);
}

}  // namespace
}  // namespace taskweave::testing
