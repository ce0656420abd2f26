// The host side of the plugin ABI: every tw_host_api function, called through the real
// function table on a TaskContext of a task the scheduling core is running.
#include "run/host_api.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <shared_mutex>
#include <sstream>

#include "core_driver.h"
#include "run/task_context.h"
#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class HostApi : public ::testing::Test {
 protected:
  void SetUp() override {
    auto worklet = WorkflowXml("wl")
                       .variable("$$N", "integer", "1")
                       .event("ready")
                       .task(Task("In")
                                 .attribute("Mode", "definition")
                                 .attribute("Other", "x")
                                 .value_pair("first", "echo $$N"))
                       .link("Start", "In");
    auto xml = WorkflowXml("wf")
                   .variable("$$P", "nstring", "parent")
                   .worklet(worklet)
                   .task(Task("W", "Worklet").of_worklet("wl"))
                   .link("Start", "W");
    run_ = std::make_unique<CoreRun>(xml.document());
    run_->behaviour = [](const std::string&) { return std::nullopt; };  // In keeps running
    run_->start();
    ASSERT_EQ(run_->running, std::vector<std::string>{"W.In"});
    services_.scheduler = run_->scheduler.get();
    services_.state_lock = &lock_;
    services_.config = &config_;
    services_.secrets = &secrets_;
    services_.dirs = {"/work", log_dir_.string(), "/state", "/tmp", "/config"};
    services_.post_log = [this](run::LogEvent e) { logs_.push_back(e); };
    context_ = std::make_unique<run::TaskContext>(services_, run_->id("W.In"));
  }
  void TearDown() override { std::filesystem::remove_all(log_dir_); }

  tw_task_ctx* ctx() { return context_->handle(); }
  const tw_host_api* api() { return run::host_api(); }
  std::string text(const tw_value& v) { return std::string(v.string, v.string_size); }

  std::unique_ptr<CoreRun> run_;
  run::StateLock lock_;
  run::RunConfig config_ = *run::RunConfig::parse("[email]\nsmtp.url = smtp://x\n", "t.ini");
  run::SecretMasker secrets_;
  run::RunServices services_;
  std::filesystem::path log_dir_ = std::filesystem::temp_directory_path() / "tw-host-api-test";
  std::vector<run::LogEvent> logs_;
  std::unique_ptr<run::TaskContext> context_;
  char buffer_[512] = {};
  tw_error_buf err_{buffer_, sizeof buffer_};
};

TEST_F(HostApi, DescribesTheTaskAndItsDefinition) {
  const tw_task_info* info = api()->task_info(ctx());
  EXPECT_STREQ(info->path, "W.In");
  EXPECT_STREQ(info->instance_name, "In");
  EXPECT_STREQ(info->task_type, "testkit.outcome");
  EXPECT_STREQ(info->workflow_name, "wf");
  EXPECT_STREQ(info->folder_name, "FOLDER");
  EXPECT_EQ(info->attempt, 1);
  EXPECT_EQ(info->dry_run, 0);
  EXPECT_EQ(info->definition_found, 1);
  EXPECT_STREQ(api()->attribute(ctx(), "mode"), "definition");  // case-insensitive
  EXPECT_EQ(api()->attribute(ctx(), "Missing"), nullptr);
  const tw_value_pair* pairs = nullptr;
  ASSERT_EQ(api()->value_pairs(ctx(), &pairs), 1u);
  EXPECT_STREQ(pairs[0].name, "first");
  EXPECT_STREQ(pairs[0].value, "echo $$N");

  const tw_node* definition = api()->definition_node(ctx());
  ASSERT_NE(definition, nullptr);
  EXPECT_STREQ(api()->node_name(definition), "TASK");
  EXPECT_STREQ(api()->node_attribute(definition, "NAME"), "In");
  const tw_node* first = api()->node_find(definition, "ATTRIBUTE", nullptr);
  const tw_node* second = api()->node_find(definition, "ATTRIBUTE", first);
  EXPECT_STREQ(api()->node_attribute(second, "NAME"), "Other");
  EXPECT_EQ(api()->node_find(definition, "ATTRIBUTE", second), nullptr);
  EXPECT_EQ(api()->node_child(definition, 0), first);
  EXPECT_STREQ(api()->node_name(api()->instance_node(ctx())), "TASKINSTANCE");
  // Resolution looks in the worklet, then outwards: the workflow's own Start, the worklet.
  EXPECT_NE(api()->resolve_definition(ctx(), "WORKLET", "wl"), nullptr);
  EXPECT_EQ(api()->resolve_definition(ctx(), "TASK", "nope"), nullptr);
}

TEST_F(HostApi, VariablesAreReadAndAssignedWithCoercion) {
  tw_value v{};
  ASSERT_EQ(api()->get_var(ctx(), "$$n", &v), TW_OK);
  EXPECT_EQ(v.type, TW_VALUE_INTEGER);
  EXPECT_EQ(v.integer, 1);
  ASSERT_EQ(api()->get_var(ctx(), "$Start.Status", &v), TW_OK);
  EXPECT_EQ(v.type, TW_VALUE_STATUS);
  EXPECT_EQ(v.integer, TW_STATUS_SUCCEEDED);
  ASSERT_EQ(api()->get_var(ctx(), "$PMWorkflowName", &v), TW_OK);
  EXPECT_EQ(text(v), "wf");
  ASSERT_EQ(api()->get_var(ctx(), "SYSDATE", &v), TW_OK);
  EXPECT_EQ(v.type, TW_VALUE_DATETIME);
  EXPECT_EQ(api()->get_var(ctx(), "$$P", &v), TW_ERR_NOT_FOUND);  // the parent's, not ours
  EXPECT_EQ(api()->get_var(ctx(), "$Nobody.Status", &v), TW_ERR_NOT_FOUND);

  const std::string twelve = "12", abc = "abc";
  tw_value given{};
  given.type = TW_VALUE_STRING;
  given.string = twelve.data();
  given.string_size = twelve.size();
  ASSERT_EQ(api()->set_var(ctx(), "$$N", &given, &err_), TW_OK);
  ASSERT_EQ(api()->get_var(ctx(), "$$N", &v), TW_OK);  // the task sees its own assignment
  EXPECT_EQ(v.integer, 12);
  given.string = abc.data();
  given.string_size = abc.size();
  EXPECT_EQ(api()->set_var(ctx(), "$$N", &given, &err_), TW_ERR_INVALID);
  EXPECT_NE(std::string(buffer_).find("'abc'"), std::string::npos) << buffer_;
  EXPECT_NE(std::string(buffer_).find("$$N"), std::string::npos) << buffer_;
  EXPECT_EQ(api()->set_var(ctx(), "$Start.Status", &given, &err_), TW_ERR_DENIED);
  EXPECT_EQ(api()->set_var(ctx(), "$$UNDECLARED", &given, &err_), TW_ERR_NOT_FOUND);

  ASSERT_EQ(api()->eval(ctx(), "$$N + 1", &v, &err_), TW_OK);
  EXPECT_EQ(v.integer, 13);
  EXPECT_EQ(api()->eval(ctx(), "1 +", &v, &err_), TW_ERR_INVALID);
  EXPECT_NE(std::string(buffer_).find("does not parse"), std::string::npos);
  EXPECT_EQ(api()->eval(ctx(), "TO_DATE('x', 'YYYY')", &v, &err_), TW_ERR_INVALID);

  EXPECT_STREQ(api()->expand(ctx(), "n=$$N home=$HOME folder=$PMFolderName $ $$ end", &err_),
               "n=12 home=$HOME folder=FOLDER $ $$ end");

  const run::TaskOutcome outcome = context_->take_outcome(expr::Status::Succeeded);
  ASSERT_EQ(outcome.assignments.size(), 1u);
  EXPECT_EQ(outcome.assignments[0].name, "$$N");
  EXPECT_EQ(outcome.assignments[0].value, expr::Value::integer(12));
}

TEST_F(HostApi, OutputsErrorsControlsAndEventsBecomeTheOutcome) {
  const tw_value rows = [] {
    tw_value v{};
    v.type = TW_VALUE_INTEGER;
    v.integer = 42;
    return v;
  }();
  EXPECT_EQ(api()->set_output(ctx(), "TgtSuccessRows", &rows), TW_OK);
  EXPECT_EQ(api()->set_output(ctx(), "Status", &rows), TW_ERR_DENIED);
  api()->set_error(ctx(), 7, "broken");
  EXPECT_EQ(api()->control(ctx(), TW_CONTROL_STOP_TOP, "why"), TW_OK);
  EXPECT_EQ(api()->control(ctx(), static_cast<tw_control>(99), "why"), TW_ERR_INVALID);
  EXPECT_EQ(api()->raise_event(ctx(), "unknown"), TW_ERR_NOT_FOUND);
  EXPECT_EQ(api()->event_raised(ctx(), "READY"), 0);
  EXPECT_EQ(api()->raise_event(ctx(), "Ready"), TW_OK);
  EXPECT_EQ(api()->event_raised(ctx(), "ready"), 1);
  api()->describe(ctx(), "did a thing");
  const run::TaskOutcome outcome = context_->take_outcome(expr::Status::Failed);
  EXPECT_EQ(outcome.status, expr::Status::Failed);
  EXPECT_EQ(outcome.error_code, 7);
  EXPECT_EQ(outcome.error_msg, "broken");
  ASSERT_EQ(outcome.outputs.size(), 1u);
  EXPECT_EQ(outcome.outputs[0].value, expr::Value::integer(42));
  ASSERT_EQ(outcome.controls.size(), 1u);
  EXPECT_EQ(outcome.controls[0].action, run::ControlAction::StopTop);
  EXPECT_EQ(outcome.raised_events, std::vector<std::string>{"Ready"});
  EXPECT_EQ(outcome.description, "did a thing");
}

TEST_F(HostApi, WaitingCancellationTimeConfigAndDirectories) {
  EXPECT_EQ(api()->cancel_requested(ctx()), TW_CANCEL_NONE);
  api()->yield_until(ctx(), 1'700'000'100, 5, "ready");
  const run::WakeCondition wake = context_->take_wake();
  ASSERT_TRUE(wake.at);
  EXPECT_EQ(wake.at->seconds, 1'700'000'100);
  EXPECT_EQ(wake.event, "ready");
  context_->cancel(run::CancelKind::Stop);
  EXPECT_EQ(api()->cancel_requested(ctx()), TW_CANCEL_STOP);
  EXPECT_EQ(api()->sleep(ctx(), 60'000), TW_CANCEL_STOP);  // returns at once once cancelled
  context_->cancel(run::CancelKind::Abort);
  EXPECT_EQ(api()->cancel_requested(ctx()), TW_CANCEL_ABORT);

  EXPECT_EQ(api()->now(ctx()).seconds, run_->clock.now().seconds);
  EXPECT_EQ(api()->start_time(ctx(), 0).seconds, run_->clock.now().seconds);
  EXPECT_STREQ(api()->config(ctx(), "email.smtp.url"), "smtp://x");
  EXPECT_EQ(api()->config(ctx(), "email.nothing"), nullptr);
  EXPECT_STREQ(api()->dir(ctx(), TW_DIR_STATE), "/state");
}

TEST_F(HostApi, LogsAndTaskLogAreMasked) {
  api()->add_secret(ctx(), "s3cr3t-value");
  api()->log(ctx(), TW_LOG_WARNING, "password is s3cr3t-value");
  ASSERT_EQ(logs_.size(), 1u);
  EXPECT_EQ(logs_[0].message, "password is ********");
  EXPECT_EQ(logs_[0].path, "W.In");
  EXPECT_EQ(logs_[0].severity, TW_LOG_WARNING);
  const std::string path = api()->task_log_path(ctx());
  EXPECT_EQ(path, (log_dir_ / "tasks" / "W.In.log").string());
  const char out[] = "output s3cr3t-value\n";
  api()->task_log_write(ctx(), out, std::strlen(out));
  context_.reset();  // closes the task log
  EXPECT_EQ(file_text(path), "output ********\n");
}

}  // namespace
}  // namespace taskweave::testing
