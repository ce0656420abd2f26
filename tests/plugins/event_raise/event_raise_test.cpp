// The Event-Raise plugin, loaded from its built file into the fake host.
#include <gtest/gtest.h>

#include "fake_host.h"

namespace taskweave::testing {
namespace {

const tw_task_type& raise_type() {
  static const tw_task_type* type = [] {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Event-Raise");
  }();
  EXPECT_NE(type, nullptr);
  return *type;
}

TEST(EventRaise, RaisesTheNamedUserDefinedEvent) {
  FakeHost host;
  host.attributes["User Defined Event"] = " ev_loaded ";
  EXPECT_EQ(host.run(raise_type()), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host.raised_events, std::vector<std::string>{"ev_loaded"});
  EXPECT_TRUE(host.logged("raised the user-defined event ev_loaded"));
}

TEST(EventRaise, FindsTheAttributeWhateverItsCase) {
  FakeHost host;
  host.set_definition_xml(
      R"(<TASK NAME="raise" TYPE="Event-raise"><ATTRIBUTE NAME="User defined event" VALUE="ev_done"/></TASK>)");
  EXPECT_EQ(host.run(raise_type()), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host.raised_events, std::vector<std::string>{"ev_done"});
}

TEST(EventRaise, MissingEventNameFails) {
  FakeHost host;
  EXPECT_EQ(host.run(raise_type()), TW_RUN_FAILED);
  ASSERT_TRUE(host.error.has_value());
  EXPECT_NE(host.error->second.find("User Defined Event is empty"), std::string::npos);
  EXPECT_TRUE(host.raised_events.empty());
}

TEST(EventRaise, AnEventTheWorkflowDoesNotDeclareFails) {
  // A host whose workflow declares no WORKFLOWEVENT at all answers TW_ERR_NOT_FOUND.
  FakeHost host;
  host.workflow_name = "wf_events";
  host.attributes["User Defined Event"] = "ev_unknown";
  tw_host_api api = *host.api();
  api.raise_event = [](tw_task_ctx*, const char*) { return TW_ERR_NOT_FOUND; };
  char buffer[256] = {0};
  tw_error_buf err{buffer, sizeof(buffer)};
  void* task = raise_type().create(&api, host.ctx(), &err);
  ASSERT_NE(task, nullptr) << buffer;
  EXPECT_EQ(raise_type().run(task), TW_RUN_FAILED);
  raise_type().destroy(task);
  ASSERT_TRUE(host.error.has_value());
  EXPECT_EQ(host.error->second,
            "cannot raise the user-defined event ev_unknown: workflow wf_events declares no "
            "WORKFLOWEVENT with that name");
}

TEST(EventRaise, DryRunDescribesWithoutRaising) {
  FakeHost host;
  host.dry_run = true;
  host.attributes["User Defined Event"] = "ev_loaded";
  EXPECT_EQ(host.run(raise_type()), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host.raised_events.empty());
  EXPECT_EQ(host.descriptions,
            std::vector<std::string>{"would raise the user-defined event ev_loaded"});
}

TEST(EventRaise, DryRunWithoutAnEventNameDescribesTheFailure) {
  FakeHost host;
  host.dry_run = true;
  EXPECT_EQ(host.run(raise_type()), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host.descriptions,
            std::vector<std::string>{"would fail: the attribute User Defined Event is empty: name "
                                     "the WORKFLOWEVENT to raise"});
}

}  // namespace
}  // namespace taskweave::testing
