// The pure scheduling core, driven step by step with a fake clock and scripted task outcomes.
#include "run/scheduler.h"

#include <gtest/gtest.h>

#include "core_driver.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using expr::Status;

// Start -> A -> B -> C
WorkflowXml chain() {
  return WorkflowXml("wf")
      .task(Task("A"))
      .task(Task("B"))
      .task(Task("C"))
      .link("Start", "A")
      .link("A", "B")
      .link("B", "C");
}

TEST(Scheduler, ChainRunsInOrderAndSucceeds) {
  CoreRun run(chain().document());
  run.start();
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
  std::vector<std::string> expected = {
      "run_started wf",        "started Start", "finished Start SUCCEEDED",
      "link Start->A TRUE",    "started A",     "finished A SUCCEEDED",
      "link A->B TRUE",        "started B",     "finished B SUCCEEDED",
      "link B->C TRUE",        "started C",     "finished C SUCCEEDED",
      "run_finished SUCCEEDED"};
  EXPECT_EQ(run.observer.events, expected);
}

TEST(Scheduler, FalseLinkMeansDidNotRunAndPropagatesThroughSeveralLevels) {
  auto xml = WorkflowXml("wf")
                 .task(Task("A"))
                 .task(Task("B"))
                 .task(Task("C"))
                 .task(Task("D"))
                 .link("Start", "A")
                 .link("A", "B", "$A.Status = FAILED")
                 .link("B", "C")
                 .link("C", "D");
  CoreRun run(xml.document());
  run.start();
  EXPECT_EQ(run.status("A"), "SUCCEEDED");
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("C"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("D"), "DID_NOT_RUN");
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
  ASSERT_EQ(run.observer.links.size(), 2u);  // Start->A and A->B; a dead source evaluates nothing
  EXPECT_FALSE(run.observer.links[1].result);
}

// Start -> A; A -> B (on success); Start -> C; B, C -> D
WorkflowXml join(bool or_join) {
  TaskSpec d = Task("D");
  if (or_join) d.or_join();
  return WorkflowXml("wf")
      .task(Task("A"))
      .task(Task("B"))
      .task(Task("C"))
      .task(d)
      .link("Start", "A")
      .link("A", "B", "$A.Status = SUCCEEDED")
      .link("Start", "C")
      .link("B", "D")
      .link("C", "D");
}

TEST(Scheduler, DeadAndJoinIsDidNotRunAtOnceWithoutWaitingForOtherInputs) {
  CoreRun run(join(false).document());
  run.behaviour = [](const std::string& path) -> std::optional<run::TaskOutcome> {
    if (path == "A") return outcome(Status::Failed, 7);
    if (path == "C") return std::nullopt;  // keeps running
    return run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("D"), "DID_NOT_RUN");  // decided while C still runs
  EXPECT_EQ(run.status("C"), "STARTED");
  EXPECT_EQ(run.final_status(), "RUNNING");
  run.finish("C", {});
  EXPECT_EQ(run.observer.endings["D"], 1);
  EXPECT_EQ(run.final_status(), "SUCCEEDED");  // a failed task does not fail the workflow
}

TEST(Scheduler, AndJoinWaitsForEveryInput) {
  CoreRun run(join(false).document());
  run.behaviour = [](const std::string& path) -> std::optional<run::TaskOutcome> {
    if (path == "C") return std::nullopt;
    return run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("B"), "SUCCEEDED");
  EXPECT_EQ(run.status("D"), "");
  run.finish("C", {});
  EXPECT_EQ(run.status("D"), "SUCCEEDED");
}

TEST(Scheduler, OrJoinStartsOnFirstTrueLinkAndOnlyOnce) {
  CoreRun run(join(true).document());
  run.behaviour = [](const std::string& path) -> std::optional<run::TaskOutcome> {
    if (path == "C") return std::nullopt;
    return run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("D"), "SUCCEEDED");  // through B, while C still runs
  run.finish("C", {});
  EXPECT_EQ(run.observer.endings["D"], 1);
}

TEST(Scheduler, OrJoinDidNotRunOnlyWhenEveryInputIsResolvedFalse) {
  CoreRun run(join(true).document());
  run.behaviour = [](const std::string& path) -> std::optional<run::TaskOutcome> {
    if (path == "A") return outcome(Status::Failed, 1);
    if (path == "C") return std::nullopt;
    return run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("D"), "");  // C may still fire it
  run.finish("C", {});
  EXPECT_EQ(run.status("D"), "SUCCEEDED");
}

TEST(Scheduler, DisabledTaskEvaluatesItsLinksAndPassesOnPrevTaskStatus) {
  auto xml = WorkflowXml("wf")
                 .task(Task("A"))
                 .task(Task("X").disabled())
                 .task(Task("B"))
                 .task(Task("C"))
                 .link("Start", "A")
                 .link("A", "X")
                 .link("X", "B", "$X.PrevTaskStatus = SUCCEEDED")
                 .link("X", "C", "$X.Status = Disabled");
  CoreRun run(xml.document());
  run.start();
  EXPECT_EQ(run.status("X"), "DISABLED");
  EXPECT_EQ(run.status("B"), "SUCCEEDED");
  EXPECT_EQ(run.status("C"), "SUCCEEDED");
  for (const auto& e : run.observer.events) EXPECT_NE(e, "started X");
}

TEST(Scheduler, FailParentIfInstanceFailsFailsTheWorkflowOnlyForFailed) {
  auto xml = WorkflowXml("wf").task(Task("A").fails_parent()).link("Start", "A");
  for (auto [status, expected] :
       {std::pair{Status::Failed, "FAILED"}, std::pair{Status::Stopped, "SUCCEEDED"},
        std::pair{Status::Succeeded, "SUCCEEDED"}}) {
    CoreRun run(xml.document());
    run.behaviour = [s = status](const std::string&) { return outcome(s); };
    run.start();
    EXPECT_EQ(run.final_status(), expected) << expr::status_name(status);
  }
}

TEST(Scheduler, FailParentIfDidNotRun) {
  auto xml = WorkflowXml("wf")
                 .task(Task("A"))
                 .task(Task("B").fails_parent_if_did_not_run())
                 .link("Start", "A")
                 .link("A", "B", "$A.Status = FAILED");
  CoreRun run(xml.document());
  run.start();
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  EXPECT_EQ(run.final_status(), "FAILED");
}

TEST(Scheduler, UnreachableTaskIsReportedDidNotRunOnce) {
  auto xml = WorkflowXml("wf")
                 .task(Task("A"))
                 .task(Task("Orphan"))
                 .task(Task("AfterOrphan"))
                 .link("Start", "A")
                 .link("Orphan", "AfterOrphan");
  CoreRun run(xml.document());
  run.start();
  EXPECT_EQ(run.status("Orphan"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("AfterOrphan"), "DID_NOT_RUN");
  EXPECT_EQ(run.observer.endings["Orphan"], 1);
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
}

TEST(Scheduler, LinkConditionRunTimeErrorIsFalseAndLogged) {
  auto xml = WorkflowXml("wf")
                 .task(Task("A"))
                 .task(Task("B"))
                 .link("Start", "A")
                 .link("A", "B", "TO_DATE('not a date', 'YYYY-MM-DD') > SYSDATE");
  CoreRun run(xml.document());
  run.start();
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  ASSERT_EQ(run.observer.links.size(), 2u);
  EXPECT_FALSE(run.observer.links[1].error.empty());
}

TEST(Scheduler, TaskOutputsAreSeenByItsLinks) {
  auto xml = WorkflowXml("wf")
                 .task(Task("S"))
                 .task(Task("Next"))
                 .task(Task("Err").or_join())
                 .link("Start", "S")
                 .link("S", "Next", "$S.TgtSuccessRows > 0 AND $S.Status = Succeeded")
                 .link("S", "Err", "$S.Status = Failed OR $S.Status = Aborted");
  CoreRun run(xml.document());
  run.behaviour = [](const std::string& path) {
    run::TaskOutcome o;
    if (path == "S") o.outputs.push_back({"TgtSuccessRows", expr::Value::integer(12)});
    return o;
  };
  run.start();
  EXPECT_EQ(run.status("Next"), "SUCCEEDED");
  EXPECT_EQ(run.status("Err"), "DID_NOT_RUN");
  EXPECT_EQ(run.observer.finished["S"].vars["TgtSuccessRows"], expr::Value::integer(12));
}

TEST(Scheduler, AssignmentsApplyAtTheEndAndLinksSeeThem) {
  auto xml = WorkflowXml("wf")
                 .variable("$$N", "integer", "1")
                 .task(Task("Set"))
                 .task(Task("Big"))
                 .link("Start", "Set")
                 .link("Set", "Big", "$$N > 5");
  CoreRun run(xml.document());
  run.behaviour = [](const std::string& path) {
    run::TaskOutcome o;
    if (path == "Set") o.assignments.push_back({"$$n", expr::Value::integer(9)});
    return o;
  };
  run.start();
  EXPECT_EQ(run.status("Big"), "SUCCEEDED");
  ASSERT_EQ(run.observer.variables.size(), 1u);
  EXPECT_EQ(run.observer.variables[0].name, "$$N");
}

run::TaskOutcome control(run::ControlAction action) {
  run::TaskOutcome o;
  o.controls.push_back({action, ""});
  return o;
}

// Start -> Ctl -> After; Start -> Slow (still running when Ctl acts)
TEST(Scheduler, ControlOptionsActOnParentOrTopLevel) {
  struct Case {
    run::ControlAction action;
    const char* status;
    const char* after;
  };
  for (const Case& c : {Case{run::ControlAction::FailParent, "FAILED", "SUCCEEDED"},
                        Case{run::ControlAction::FailTop, "FAILED", "SUCCEEDED"},
                        Case{run::ControlAction::StopParent, "STOPPED", "DID_NOT_RUN"},
                        Case{run::ControlAction::StopTop, "STOPPED", "DID_NOT_RUN"},
                        Case{run::ControlAction::AbortParent, "ABORTED", "DID_NOT_RUN"},
                        Case{run::ControlAction::AbortTop, "ABORTED", "DID_NOT_RUN"}}) {
    auto xml = WorkflowXml("wf")
                   .task(Task("Ctl"))
                   .task(Task("After"))
                   .task(Task("Slow"))
                   .link("Start", "Ctl")
                   .link("Ctl", "After")
                   .link("Start", "Slow");
    CoreRun run(xml.document());
    run.behaviour = [&](const std::string& path) -> std::optional<run::TaskOutcome> {
      if (path == "Slow") return std::nullopt;
      if (path == "Ctl") return control(c.action);
      return run::TaskOutcome{};
    };
    run.start();
    const bool cancels =
        c.action != run::ControlAction::FailParent && c.action != run::ControlAction::FailTop;
    EXPECT_EQ(run.cancels.size(), cancels ? 1u : 0u) << c.status;
    run.finish("Slow", outcome(cancels ? Status::Stopped : Status::Succeeded));
    EXPECT_EQ(run.final_status(), c.status);
    EXPECT_EQ(run.status("Ctl"), "SUCCEEDED");
    EXPECT_EQ(run.status("After"), c.after);
  }
}

// wf: Start -> W (worklet wl: Start -> In -> Out) -> After (on success of W)
WorkflowXml with_worklet(const std::string& input_value = "$$P * 2") {
  auto worklet = WorkflowXml("wl")
                     .variable("$$V", "integer", "0")
                     .task(Task("In"))
                     .task(Task("Out"))
                     .link("Start", "In")
                     .link("In", "Out", "$$V = 42");
  return WorkflowXml("wf")
      .variable("$$P", "integer", "21")
      .worklet(worklet)
      .task(Task("W", "Worklet").value_pair("$$V", input_value).of_worklet("wl"))
      .task(Task("After"))
      .link("Start", "W")
      .link("W", "After", "$W.Status = SUCCEEDED");
}

TEST(Scheduler, WorkletRunsAsChildWithInputsEvaluatedInParentScope) {
  CoreRun run(with_worklet().document());
  run.start();
  EXPECT_EQ(run.status("W.Start"), "SUCCEEDED");
  EXPECT_EQ(run.status("W.In"), "SUCCEEDED");
  EXPECT_EQ(run.status("W.Out"), "SUCCEEDED");  // $$V = 42 came from the input
  EXPECT_EQ(run.status("W"), "SUCCEEDED");
  EXPECT_EQ(run.status("After"), "SUCCEEDED");
}

TEST(Scheduler, WorkletStatusFollowsItsOwnRules) {
  auto worklet = WorkflowXml("wl").task(Task("In").fails_parent()).link("Start", "In");
  auto xml = WorkflowXml("wf")
                 .worklet(worklet)
                 .task(Task("W", "Worklet").of_worklet("wl"))
                 .task(Task("OnFail"))
                 .link("Start", "W")
                 .link("W", "OnFail", "$W.Status = FAILED");
  CoreRun run(xml.document());
  run.behaviour = [](const std::string& path) {
    return path == "W.In" ? outcome(Status::Failed, 3) : run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("W"), "FAILED");
  EXPECT_EQ(run.status("OnFail"), "SUCCEEDED");
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
}

TEST(Scheduler, WorkletInputThatFailsToEvaluateFailsTheWorkletWithoutRunningIt) {
  CoreRun run(with_worklet("TO_DATE('x', 'YYYY')").document());
  run.start();
  EXPECT_EQ(run.status("W"), "FAILED");
  EXPECT_EQ(run.status("W.In"), "");
  EXPECT_NE(run.observer.finished["W"].error_msg.find("$$V"), std::string::npos);
}

TEST(Scheduler, MissingWorkletDefinitionFailsUnlessDryRun) {
  auto xml =
      WorkflowXml("wf").task(Task("W", "Worklet").of_worklet("not_exported")).link("Start", "W");
  CoreRun real(xml.document());
  real.start();
  EXPECT_EQ(real.status("W"), "FAILED");
  run::SchedulerOptions options;
  options.dry_run = true;
  CoreRun dry(xml.document(), options);
  dry.start();
  EXPECT_EQ(dry.status("W"), "SUCCEEDED");
}

TEST(Scheduler, SuspendOnErrorHoldsTheFailedTaskLinksAndSuspends) {
  auto xml = WorkflowXml("wf")
                 .suspend_on_error()
                 .task(Task("Cmd", "Command"))
                 .task(Task("AfterCmd"))
                 .task(Task("Other"))
                 .link("Start", "Cmd")
                 .link("Cmd", "AfterCmd")
                 .link("Start", "Other");
  CoreRun run(xml.document());
  run.behaviour = [](const std::string& path) {
    return path == "Cmd" ? outcome(Status::Failed, 2) : run::TaskOutcome{};
  };
  run.start();
  EXPECT_EQ(run.status("Cmd"), "FAILED");
  EXPECT_EQ(run.status("Other"), "SUCCEEDED");  // other branches run on
  EXPECT_EQ(run.final_status(), "SUSPENDED");
  for (const auto& l : run.observer.links) EXPECT_NE(l.from, "Cmd");
}

TEST(Scheduler, MaxParallelAndPoolsLimitRunningTasks) {
  auto xml = WorkflowXml("wf");
  for (int i = 0; i < 6; ++i) {
    const std::string name = "T" + std::to_string(i);
    xml.task(Task(name, i < 3 ? "Session" : "Command")).link("Start", name);
  }
  run::SchedulerOptions options;
  options.limits.max_parallel = 3;
  options.limits.pools = {{"session", 1}};
  CoreRun run(xml.document(), options);
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  // One session (its pool is 1) and two commands: the later commands are not blocked by the
  // sessions queued ahead of them.
  EXPECT_EQ(run.running, (std::vector<std::string>{"T0", "T3", "T4"}));
  run.finish("T0", {});
  EXPECT_EQ(run.running, (std::vector<std::string>{"T3", "T4", "T1"}));
}

TEST(Scheduler, YieldedTaskHoldsNoSlotAndWakesAtItsTime) {
  auto xml = WorkflowXml("wf")
                 .task(Task("Timer"))
                 .task(Task("Work"))
                 .link("Start", "Timer")
                 .link("Start", "Work");
  run::SchedulerOptions options;
  options.limits.max_parallel = 1;
  CoreRun run(xml.document(), options);
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  ASSERT_EQ(run.running, std::vector<std::string>{"Timer"});
  run.yield("Timer", {.at = run::add_nanos(run.clock.now(), 5'000'000'000), .event = ""});
  EXPECT_EQ(run.running, std::vector<std::string>{"Work"});  // got the freed slot
  run.finish("Work", {});
  EXPECT_TRUE(run.resumed.empty());
  run.clock.advance_ms(5000);
  run.scheduler->wake_due();
  run.pump();
  EXPECT_EQ(run.resumed, std::vector<std::string>{"Timer"});
  run.finish("Timer", {});
  EXPECT_EQ(run.final_status(), "SUCCEEDED");
}

TEST(Scheduler, RaisedEventWakesTheTaskWaitingForIt) {
  auto xml = WorkflowXml("wf")
                 .event("ready")
                 .task(Task("Wait"))
                 .task(Task("Raise"))
                 .link("Start", "Wait")
                 .link("Start", "Raise");
  CoreRun run(xml.document());
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  run.yield("Wait", {.at = std::nullopt, .event = "Ready"});
  run::TaskOutcome raised;
  raised.raised_events.push_back("READY");
  run.finish("Raise", raised);
  EXPECT_EQ(run.resumed, std::vector<std::string>{"Wait"});
  EXPECT_TRUE(run.scheduler->event_raised(0, "ready"));
}

TEST(Scheduler, StopCancelsRunningTasksWakesWaitersAndStartsNothingNew) {
  CoreRun run(chain().task(Task("Waiter")).link("Start", "Waiter").document());
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  run.yield("Waiter", {.at = run::add_nanos(run.clock.now(), 3'600'000'000'000LL), .event = ""});
  run.scheduler->cancel(run::CancelKind::Stop, "SIGINT");
  run.pump();
  EXPECT_EQ(run.cancels, (std::vector<std::string>{"A:STOP", "Waiter:STOP"}));
  EXPECT_EQ(run.resumed, std::vector<std::string>{"Waiter"});
  run.finish("Waiter", outcome(Status::Stopped));
  run.finish("A", {});  // finishes its unit of work; its successor must not start
  EXPECT_EQ(run.status("B"), "DID_NOT_RUN");
  EXPECT_EQ(run.status("C"), "DID_NOT_RUN");
  EXPECT_EQ(run.final_status(), "STOPPED");
}

TEST(Scheduler, AbandonEndsRunningYieldedAndWokenTasks) {
  auto xml = WorkflowXml("wf")
                 .task(Task("Stuck"))
                 .task(Task("Waiting"))
                 .task(Task("Woken"))
                 .link("Start", "Stuck")
                 .link("Start", "Waiting")
                 .link("Start", "Woken");
  run::SchedulerOptions options;
  options.limits.max_parallel = 1;
  CoreRun run(xml.document(), options);
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.start();
  ASSERT_EQ(run.running, std::vector<std::string>{"Stuck"});
  // Stuck holds the only slot; the others got theirs in turn and yielded.
  run.scheduler->abandon(run.id("Stuck"), outcome(Status::Aborted, 1));
  run.pump();
  run.yield("Waiting", {.at = run::add_nanos(run.clock.now(), 3'600'000'000'000LL), .event = ""});
  run.yield("Woken", {.at = std::nullopt, .event = "never"});
  run.scheduler->cancel(run::CancelKind::Abort, "abort");
  // Both are woken to see the abort; Waiting gets the slot, Woken waits in the queue.
  run.behaviour = [](const std::string&) { return std::nullopt; };
  run.pump();
  for (const auto& task : run.scheduler->unfinished_tasks())
    run.scheduler->abandon(task, outcome(Status::Aborted, 1));
  run.pump();
  EXPECT_EQ(run.status("Stuck"), "ABORTED");
  EXPECT_EQ(run.status("Waiting"), "ABORTED");
  EXPECT_EQ(run.status("Woken"), "ABORTED");
  EXPECT_EQ(run.final_status(), "ABORTED");
  EXPECT_EQ(run.scheduler->running(), 0u);
}

TEST(Scheduler, ParameterAndDefaultStartValues) {
  struct Inputs : run::RunInputs {
    std::optional<std::string> parameter(std::span<const std::string>, std::string_view,
                                         std::string_view name) const override {
      if (name == "$$FromFile") return "7";
      return std::nullopt;
    }
    std::optional<expr::Value> persisted(std::string_view, std::string_view name) const override {
      if (name == "$$Saved" || name == "$$FromFile") return expr::Value::integer(100);
      return std::nullopt;
    }
  } inputs;
  auto xml = WorkflowXml("wf")
                 .variable("$$FromFile", "integer", "1", true)
                 .variable("$$Saved", "integer", "1", true)
                 .variable("$$Default", "integer", "3")
                 .variable("$$Typed", "date/time")
                 .task(Task("A"))
                 .link("Start", "A",
                       "$$FromFile = 7 AND $$Saved = 100 AND $$Default = 3 AND "
                       "$$Typed = TO_DATE('1753-01-01', 'YYYY-MM-DD')");
  run::SchedulerOptions options;
  options.inputs = &inputs;
  CoreRun run(xml.document(), options);
  run.start();
  EXPECT_EQ(run.status("A"), "SUCCEEDED");
  // Persistent variables are saved at the end of a completed run.
  int saved = 0;
  for (const auto& v : run.observer.variables) saved += v.persistent;
  EXPECT_EQ(saved, 2);
}

TEST(Scheduler, BadParameterValueFailsTheRunBeforeAnythingRuns) {
  struct Inputs : run::NoRunInputs {
    std::optional<std::string> parameter(std::span<const std::string>, std::string_view,
                                         std::string_view) const override {
      return "abc";
    }
  } inputs;
  auto xml = WorkflowXml("wf").variable("$$N", "integer").task(Task("A")).link("Start", "A");
  run::SchedulerOptions options;
  options.inputs = &inputs;
  CoreRun run(xml.document(), options);
  run.start();
  EXPECT_EQ(run.final_status(), "FAILED");
  EXPECT_EQ(run.status("A"), "");
}

}  // namespace
}  // namespace taskweave::testing
