// The Control plugin, loaded from its built file into the fake host.
#include <gtest/gtest.h>

#include "fake_host.h"

namespace taskweave::testing {
namespace {

const tw_task_type& control_type() {
  static const tw_task_type* type = [] {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Control");
  }();
  EXPECT_NE(type, nullptr);
  return *type;
}

tw_run_result run(FakeHost& host, const std::string& option) {
  host.instance_name = "ctl_watchdog";
  host.attributes["Control Option"] = option;
  std::optional<tw_run_result> result = host.run(control_type());
  EXPECT_TRUE(result.has_value()) << host.create_error;
  return result.value_or(TW_RUN_FAILED);
}

TEST(Control, FailMeFailsTheTaskItselfAndTouchesNoWorkflow) {
  FakeHost host;
  EXPECT_EQ(run(host, "Fail me"), TW_RUN_FAILED);
  ASSERT_TRUE(host.error.has_value());
  EXPECT_NE(host.error->first, 0);
  EXPECT_EQ(host.error->second,
            "Control task ctl_watchdog failed itself (Control Option = Fail me)");
  EXPECT_TRUE(host.controls.empty());
}

struct Case {
  const char* option;
  tw_control action;
};

class ControlOptions : public ::testing::TestWithParam<Case> {};

TEST_P(ControlOptions, SucceedAndAskTheHostForTheEffect) {
  FakeHost host;
  EXPECT_EQ(run(host, GetParam().option), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host.controls.size(), 1u);
  EXPECT_EQ(host.controls[0].first, GetParam().action);
  // The host puts the task's path in front of it; the reason says what was asked, once.
  EXPECT_EQ(host.controls[0].second, std::string("Control Option = ") + GetParam().option);
  EXPECT_FALSE(host.error.has_value());
}

INSTANTIATE_TEST_SUITE_P(AllSix, ControlOptions,
                         ::testing::Values(Case{"Fail parent", TW_CONTROL_FAIL_PARENT},
                                           Case{"Stop parent", TW_CONTROL_STOP_PARENT},
                                           Case{"Abort parent", TW_CONTROL_ABORT_PARENT},
                                           Case{"Fail top-level workflow", TW_CONTROL_FAIL_TOP},
                                           Case{"Stop top-level workflow", TW_CONTROL_STOP_TOP},
                                           Case{"Abort top-level workflow", TW_CONTROL_ABORT_TOP}));

TEST(Control, OptionsMatchIgnoringCaseAndSurroundingSpace) {
  FakeHost host;
  EXPECT_EQ(run(host, "  STOP Top-Level Workflow\r\n"), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host.controls.size(), 1u);
  EXPECT_EQ(host.controls[0].first, TW_CONTROL_STOP_TOP);
  FakeHost again;
  EXPECT_EQ(run(again, "fail ME"), TW_RUN_FAILED);
}

TEST(Control, UnknownOrMissingOptionFailsListingTheValidOnes) {
  for (const char* option : {"Explode", ""}) {
    FakeHost host;
    EXPECT_EQ(run(host, option), TW_RUN_FAILED);
    ASSERT_TRUE(host.error.has_value());
    EXPECT_NE(host.error->second.find("unknown Control Option '" + std::string(option) + "'"),
              std::string::npos);
    EXPECT_NE(host.error->second.find("Fail me, Fail parent, Stop parent, Abort parent, Fail "
                                      "top-level workflow, Stop top-level workflow, Abort "
                                      "top-level workflow"),
              std::string::npos)
        << host.error->second;
    EXPECT_TRUE(host.controls.empty());
  }
}

TEST(Control, DryRunDescribesAndHasNoEffect) {
  FakeHost host;
  host.dry_run = true;
  EXPECT_EQ(run(host, "Abort top-level workflow"), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host.controls.empty());
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(host.descriptions[0], "would abort the top-level workflow");
  FakeHost fail_me;
  fail_me.dry_run = true;
  EXPECT_EQ(run(fail_me, "Fail me"), TW_RUN_SUCCEEDED);
  EXPECT_EQ(fail_me.descriptions[0], "would fail this task");
}

TEST(Control, DryRunOfAnUnknownOptionSucceedsDescribingTheFailure) {
  FakeHost host;
  host.dry_run = true;
  EXPECT_EQ(run(host, "Explode"), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(host.descriptions[0].rfind("would fail: unknown Control Option 'Explode'", 0), 0u)
      << host.descriptions[0];
}

}  // namespace
}  // namespace taskweave::testing
