// A task run through the OutOfProcessRunner in a real taskweave-worker: the same outcome as the
// in-process runner, node handles, yield/resume, stop and abort, and the ways a worker can die.
// The scheduling core is driven without threads (CoreRun); the tasks run on this thread.
#include "isolation/out_of_process_runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <shared_mutex>
#include <thread>

#include "core_driver.h"
#include "plugin_host/plugin_library.h"
#include "run/inprocess_runner.h"
#include "sanitizer_env.h"
#include "temp_dir.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

using namespace std::chrono_literals;

const std::filesystem::path kTestkit =
    std::filesystem::path(TW_TESTKIT_DIR) / "taskweave-plugin-testkit.so";
const std::filesystem::path kIsolationkit =
    std::filesystem::path(TW_ISOLATIONKIT_DIR) / "taskweave-plugin-isolationkit.so";

class WorkerExecution : public ::testing::Test {
 protected:
  // Some tasks crash their worker on purpose; it must die of the signal in sanitizer builds too.
  void SetUp() override { let_children_die_of_segv(); }

  // A workflow whose tasks all keep running until the test runs them itself.
  void load(WorkflowXml xml) {
    run_ = std::make_unique<CoreRun>(xml.document());
    run_->behaviour = [](const std::string&) { return std::nullopt; };
    run_->start();
    services_.scheduler = run_->scheduler.get();
    services_.state_lock = &lock_;
    services_.config = &config_;
    services_.secrets = &secrets_;
    services_.dirs = {"/work", log_dir_.path().string(), "/state", "/tmp", "/config"};
    services_.post_log = [this](run::LogEvent e) { logs_.push_back(e); };
  }

  isolation::OutOfProcessRunner runner(std::vector<std::string> types = {"testkit.outcome"}) {
    isolation::IsolationSettings settings{std::move(types), worker_, kill_after_abort_};
    return isolation::OutOfProcessRunner(
        services_, in_process_, settings,
        [](std::string_view type) -> std::optional<std::filesystem::path> {
          if (type.starts_with("testkit.")) return kTestkit;
          if (type.starts_with("isolationkit.")) return kIsolationkit;
          return std::nullopt;
        });
  }

  // Runs the task at `path` to its end (resuming after yields) with `r`.
  run::TaskOutcome run_to_end(run::TaskRunner& r, const std::string& path, int* yields = nullptr) {
    auto execution = r.start(run_->id(path));
    for (;;) {
      run::RunnerResult result = execution->run();
      if (!result.yielded) return result.outcome;
      if (yields) ++*yields;
    }
  }

  std::unique_ptr<CoreRun> run_;
  run::StateLock lock_;
  run::RunConfig config_;
  run::SecretMasker secrets_;
  run::RunServices services_;
  TempDir log_dir_{"tw-isolation"};
  std::vector<run::LogEvent> logs_;
  run::InProcessRunner in_process_{
      services_, [](std::string_view type, std::string& error) -> const tw_task_type* {
        error = "no in-process plugin for " + std::string(type) + " in this test";
        return nullptr;
      }};
  std::filesystem::path worker_ = TW_WORKER;
  std::chrono::milliseconds kill_after_abort_{300};
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(WorkerExecution, ReportsWhatTheInProcessRunnerReports) {
  // Two instances of one definition: one runs in a worker, the other in process.
  auto task = [](const std::string& name) {
    return Task(name)
        .attribute("Outputs", "SrcSuccessRows=5;TgtSuccessRows=4")
        .attribute("Raise Event", "ready")
        .attribute("Log", "hello from $$N")
        .attribute("Outcome", "FAILED")
        .attribute("Error Code", "7")
        .attribute("Error Message", "it failed on $$N")
        .value_pair("$$N", "$$N + 41")
        .value_pair("$$S", "'x' || TO_CHAR($$N)");
  };
  load(WorkflowXml("wf")
           .variable("$$N", "integer", "1")
           .variable("$$S", "string", "")
           .event("ready")
           .task(task("OUT"))
           .task(task("IN"))
           .link("Start", "OUT")
           .link("Start", "IN"));
  auto isolated = runner({"testkit.outcome"});
  // In process, through the same plugin the worker loads.
  plugin_host::OpenedPlugin testkit = plugin_host::open_plugin({kTestkit, kTestkit.parent_path()});
  ASSERT_TRUE(testkit.plugin) << testkit.outcome.message;
  run::InProcessRunner direct(services_,
                              [&](std::string_view type, std::string&) -> const tw_task_type* {
                                return testkit.plugin->task_type(type);
                              });
  const run::TaskOutcome out = run_to_end(isolated, "OUT");
  const run::TaskOutcome in = run_to_end(direct, "IN");

  EXPECT_EQ(out.status, expr::Status::Failed);
  EXPECT_EQ(out.status, in.status);
  EXPECT_EQ(out.error_code, 7);
  EXPECT_EQ(out.error_msg, "it failed on 42");  // a task sees its own assignments
  EXPECT_EQ(out.error_msg, in.error_msg);
  ASSERT_EQ(out.outputs.size(), 2u);
  ASSERT_EQ(out.outputs.size(), in.outputs.size());
  for (size_t i = 0; i < out.outputs.size(); ++i) {
    EXPECT_EQ(out.outputs[i].name, in.outputs[i].name);
    EXPECT_EQ(out.outputs[i].value, in.outputs[i].value);
  }
  ASSERT_EQ(out.assignments.size(), 2u);
  for (size_t i = 0; i < out.assignments.size(); ++i) {
    EXPECT_EQ(out.assignments[i].name, in.assignments[i].name);
    EXPECT_EQ(out.assignments[i].value, in.assignments[i].value);
  }
  EXPECT_EQ(out.assignments[0].value, expr::Value::integer(42));
  EXPECT_EQ(out.raised_events, std::vector<std::string>{"ready"});
  EXPECT_EQ(out.raised_events, in.raised_events);
  // The task log went through task_log_write (after expand): same bytes in both files.
  EXPECT_EQ(read_file(log_dir_.path() / "tasks" / "OUT.log"), "hello from 42\n");
}

TEST_F(WorkerExecution, NodeHandlesWalkTheDefinitionLikePointers) {
  load(WorkflowXml("wf")
           .task(Task("W", "isolationkit.walk").attribute("Mode", "m").attribute("Other", "o"))
           .link("Start", "W"));
  auto isolated = runner({"isolationkit.walk"});
  const run::TaskOutcome out = run_to_end(isolated, "W");
  EXPECT_EQ(out.status, expr::Status::Succeeded) << out.error_msg;
  EXPECT_EQ(out.description, "TASK[ATTRIBUTE=Mode,ATTRIBUTE=Other] second=Other");
}

TEST_F(WorkerExecution, ThousandsOfRoundTripsInOneTask) {
  load(WorkflowXml("wf")
           .task(Task("C", "isolationkit.calls").attribute("Calls", "5000"))
           .link("Start", "C"));
  auto isolated = runner({"isolationkit.calls"});
  const run::TaskOutcome out = run_to_end(isolated, "C");
  EXPECT_EQ(out.status, expr::Status::Succeeded) << out.error_msg;
}

TEST_F(WorkerExecution, YieldsAndResumesInTheSameWorker) {
  load(WorkflowXml("wf")
           .variable("$$N", "integer", "1")
           .task(Task("T").attribute("Wait Ms", "1").value_pair("$$N", "$$N + 1"))
           .link("Start", "T"));
  auto isolated = runner();
  auto execution = isolated.start(run_->id("T"));
  run::RunnerResult first = execution->run();
  ASSERT_TRUE(first.yielded) << first.outcome.error_msg;
  EXPECT_TRUE(first.wake.at.has_value());
  // The testkit remembers it waited: only the same task object, kept alive in the same worker,
  // goes on to assign instead of yielding again.
  run::RunnerResult second = execution->run();
  ASSERT_FALSE(second.yielded);
  EXPECT_EQ(second.outcome.status, expr::Status::Succeeded) << second.outcome.error_msg;
  ASSERT_EQ(second.outcome.assignments.size(), 1u);
  EXPECT_EQ(second.outcome.assignments[0].value, expr::Value::integer(2));
}

TEST_F(WorkerExecution, DestroyingAYieldedTaskEndsItsWorker) {
  load(WorkflowXml("wf").task(Task("T").attribute("Wait Ms", "60000")).link("Start", "T"));
  auto isolated = runner();
  auto execution = isolated.start(run_->id("T"));
  ASSERT_TRUE(execution->run().yielded);
  const auto begin = std::chrono::steady_clock::now();
  execution.reset();  // sends Destroy and reaps the worker
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 1s);
}

TEST_F(WorkerExecution, AStopWakesAProxiedSleepAtOnce) {
  load(WorkflowXml("wf").task(Task("T").attribute("Sleep Ms", "60000")).link("Start", "T"));
  auto isolated = runner();
  auto execution = isolated.start(run_->id("T"));
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);  // let the worker get into its sleep
    execution->cancel(run::CancelKind::Stop);
  });
  const auto begin = std::chrono::steady_clock::now();
  run::RunnerResult result = execution->run();
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 5s);
  EXPECT_EQ(result.outcome.status, expr::Status::Stopped) << result.outcome.error_msg;
}

TEST_F(WorkerExecution, AHangIsKilledAfterTheAbort) {
  load(WorkflowXml("wf").task(Task("H", "isolationkit.hang")).link("Start", "H"));
  auto isolated = runner({"isolationkit.hang"});
  auto execution = isolated.start(run_->id("H"));
  std::thread aborter([&] {
    std::this_thread::sleep_for(200ms);
    execution->cancel(run::CancelKind::Abort);
  });
  const auto begin = std::chrono::steady_clock::now();
  run::RunnerResult result = execution->run();
  aborter.join();
  const auto took = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(took, 500ms);  // 200 ms before the abort + 300 ms kill_after_abort
  EXPECT_LT(took, 5s);
  EXPECT_EQ(result.outcome.status, expr::Status::Aborted);
  EXPECT_TRUE(contains(result.outcome.error_msg,
                       "taskweave-worker for isolationkit.hang (" + kIsolationkit.string() +
                           ") did not end within 300 ms of the abort and was killed"))
      << result.outcome.error_msg;
}

struct Death {
  const char* type;
  const char* message;
};

class WorkerDeath : public WorkerExecution, public ::testing::WithParamInterface<Death> {};

TEST_P(WorkerDeath, FailsTheTaskWithAMessageNamingPluginTypeAndCause) {
  const Death death = GetParam();
  load(WorkflowXml("wf").task(Task("X", death.type)).link("Start", "X"));
  auto isolated = runner({death.type});
  const run::TaskOutcome out = run_to_end(isolated, "X");
  EXPECT_EQ(out.status, expr::Status::Failed);
  EXPECT_EQ(out.error_code, 1);
  EXPECT_EQ(out.error_msg, "taskweave-worker for " + std::string(death.type) + " (" +
                               kIsolationkit.string() + ") " + death.message);
}

INSTANTIATE_TEST_SUITE_P(
    Ways, WorkerDeath,
    ::testing::Values(Death{"isolationkit.segv", "died of SIGSEGV"},
                      Death{"isolationkit.abort", "died of SIGABRT"},
                      Death{"isolationkit.exit", "exited with code 3"},
                      Death{"isolationkit.garbage",
                            "sent a malformed message: unknown message type 238"}),
    [](const auto& param) { return std::string(param.param.type).substr(13); });

TEST_F(WorkerExecution, AWorkerThatDiesIsNoticedWhileAChildItForkedHoldsItsSocket) {
  load(WorkflowXml("wf").task(Task("F", "isolationkit.forked_segv")).link("Start", "F"));
  auto isolated = runner({"isolationkit.forked_segv"});
  const auto begin = std::chrono::steady_clock::now();
  const run::TaskOutcome out = run_to_end(isolated, "F");
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s) << "the child keeps the socket 3 s";
  EXPECT_EQ(out.error_msg, "taskweave-worker for isolationkit.forked_segv (" +
                               kIsolationkit.string() + ") died of SIGSEGV");
}

TEST_F(WorkerExecution, AWorkerThatCannotStartFailsTheTask) {
  load(WorkflowXml("wf").task(Task("T")).link("Start", "T"));
  worker_ = "/nonexistent/taskweave-worker";
  auto isolated = runner();
  const run::TaskOutcome out = run_to_end(isolated, "T");
  EXPECT_EQ(out.status, expr::Status::Failed);
  EXPECT_EQ(out.error_msg,
            "cannot run testkit.outcome out of process: cannot start "
            "/nonexistent/taskweave-worker: No such file or directory");
}

TEST_F(WorkerExecution, APluginTheWorkerCannotLoadFailsTheTaskWithTheLoaderMessage) {
  load(WorkflowXml("wf").task(Task("T", "testkit.nothing")).link("Start", "T"));
  auto isolated = runner({"testkit.nothing"});
  const run::TaskOutcome out = run_to_end(isolated, "T");
  EXPECT_EQ(out.status, expr::Status::Failed);
  EXPECT_TRUE(contains(out.error_msg, "does not serve task type 'testkit.nothing'"))
      << out.error_msg;
}

TEST_F(WorkerExecution, TypesNotIsolatedRunInProcess) {
  load(WorkflowXml("wf").task(Task("T")).link("Start", "T"));
  auto isolated = runner({"Session"});
  EXPECT_TRUE(isolated.isolates("session"));
  EXPECT_FALSE(isolated.isolates("testkit.outcome"));
  const run::TaskOutcome out = run_to_end(isolated, "T");
  EXPECT_EQ(out.error_msg, "no in-process plugin for testkit.outcome in this test");
}

}  // namespace
}  // namespace taskweave::testing
