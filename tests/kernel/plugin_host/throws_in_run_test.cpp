// Runs fixture tasks through the SDK's trampolines with a minimal host table: a task that
// throws must end as TW_RUN_FAILED with the exception's message recorded, never as a crash.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.h"
#include "plugin_host/plugin_registry.h"

namespace taskweave::plugin_host {
namespace {

using namespace taskweave::plugin_host::testing;

// What the task reported to the host. The tw_task_ctx handed to the plugin points at it.
struct Recorder {
  tw_task_info info{};
  std::vector<std::pair<tw_log_level, std::string>> logs;
  int64_t error_code = 0;
  std::string error_message;
  std::vector<std::pair<std::string, int64_t>> outputs;
};

Recorder& recorder(tw_task_ctx* ctx) { return *reinterpret_cast<Recorder*>(ctx); }

// Only the members these tasks use; every other pointer stays NULL.
tw_host_api minimal_host() {
  tw_host_api host{};
  host.struct_size = sizeof(tw_host_api);
  host.abi_major = TW_ABI_MAJOR;
  host.abi_minor = TW_ABI_MINOR;
  host.log = [](tw_task_ctx* ctx, tw_log_level level, const char* message) {
    recorder(ctx).logs.emplace_back(level, message);
  };
  host.task_info = [](tw_task_ctx* ctx) -> const tw_task_info* { return &recorder(ctx).info; };
  host.set_error = [](tw_task_ctx* ctx, int64_t code, const char* message) {
    recorder(ctx).error_code = code;
    recorder(ctx).error_message = message;
  };
  host.set_output = [](tw_task_ctx* ctx, const char* name, const tw_value* value) {
    recorder(ctx).outputs.emplace_back(name, value->integer);
    return TW_OK;
  };
  return host;
}

class TaskThroughTrampolines : public ::testing::Test {
 protected:
  void SetUp() override {
    RegistryOptions options;
    options.search_path = {{fixture_dir(), "--plugins-dir", true}};
    options.host = &host_;
    registry_ = std::make_unique<PluginRegistry>(PluginRegistry::load(options));
  }
  const tw_task_type& type(const char* name) {
    TypeLookup found = registry_->find(name);
    EXPECT_TRUE(found) << found.error;
    return *found.type;
  }
  tw_task_ctx* ctx() { return reinterpret_cast<tw_task_ctx*>(&recorder_); }

  static inline const tw_host_api host_ = minimal_host();
  std::unique_ptr<PluginRegistry> registry_;
  Recorder recorder_;
};

TEST_F(TaskThroughTrampolines, AnExceptionInRunFailsTheTaskWithItsMessage) {
  const tw_task_type& t = type("fixture.throws");
  char buffer[256] = {};
  tw_error_buf err{buffer, sizeof buffer};
  void* task = t.create(&host_, ctx(), &err);
  ASSERT_NE(task, nullptr) << buffer;
  EXPECT_EQ(t.run(task), TW_RUN_FAILED);
  t.destroy(task);
  EXPECT_EQ(recorder_.error_code, 1);
  EXPECT_EQ(recorder_.error_message, "task threw: disk on fire");
  ASSERT_EQ(recorder_.logs.size(), 1u);
  EXPECT_EQ(recorder_.logs[0].first, TW_LOG_ERROR);
  EXPECT_EQ(recorder_.logs[0].second, "task threw: disk on fire");
}

TEST_F(TaskThroughTrampolines, ANonStandardExceptionFailsTheTaskToo) {
  const tw_task_type& t = type("fixture.throws_int");
  void* task = t.create(&host_, ctx(), nullptr);
  ASSERT_NE(task, nullptr);
  EXPECT_EQ(t.run(task), TW_RUN_FAILED);
  t.destroy(task);
  EXPECT_EQ(recorder_.error_message, "task threw: a non-standard exception");
}

TEST_F(TaskThroughTrampolines, AnExceptionInTheConstructorFailsCreateWithItsMessage) {
  const tw_task_type& t = type("fixture.throws_in_create");
  char buffer[8];  // smaller than the message: truncated, still NUL-terminated
  tw_error_buf err{buffer, sizeof buffer};
  EXPECT_EQ(t.create(&host_, ctx(), &err), nullptr);
  EXPECT_STREQ(buffer, "no such");
}

TEST_F(TaskThroughTrampolines, AGoodTaskRunsAndKeepsItsStateBetweenRuns) {
  const tw_task_type& t = type("fixture.good");
  void* task = t.create(&host_, ctx(), nullptr);
  ASSERT_NE(task, nullptr);
  EXPECT_EQ(t.run(task), TW_RUN_SUCCEEDED);
  EXPECT_EQ(t.run(task), TW_RUN_SUCCEEDED);
  t.destroy(task);
  EXPECT_EQ(recorder_.outputs,
            (std::vector<std::pair<std::string, int64_t>>{{"Condition", 1}, {"Condition", 2}}));
  EXPECT_TRUE(recorder_.error_message.empty());
}

}  // namespace
}  // namespace taskweave::plugin_host
