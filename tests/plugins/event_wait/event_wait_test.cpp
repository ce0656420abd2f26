// The Event-Wait plugin, loaded from its built file into the fake host. The task never sleeps:
// each run() looks once and yields; the tests make the awaited thing happen between resumes.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "fake_host.h"
#include "temp_dir.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

const tw_task_type& wait_type() {
  static const tw_task_type* type = [] {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Event-Wait");
  }();
  EXPECT_NE(type, nullptr);
  return *type;
}

struct Yield {
  int64_t seconds;
  int32_t nanos;
  std::optional<std::string> event;
};

class EventWaitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "work");
    host_.dirs[TW_DIR_WORK] = dir_.path() / "work";
    host_.task_type = "Event-Wait";
    host_.now_nanos = 900'000'000;
  }
  // Runs the task to the end like FakeHost::run, but calls between(n) before the n-th resume
  // (n from 1), after moving the fake clock to the deadline the task yielded until.
  tw_run_result run(const std::function<void(int)>& between = [](int) {}) {
    char buffer[1024] = {0};
    tw_error_buf err{buffer, sizeof(buffer)};
    void* task = wait_type().create(host_.api(), host_.ctx(), &err);
    EXPECT_NE(task, nullptr) << buffer;
    if (!task) return TW_RUN_FAILED;
    tw_run_result result = wait_type().run(task);
    while (result == TW_RUN_YIELD && resumes_ < 50) {
      const auto& y = *host_.last_yield;
      yields_.push_back({y.seconds, y.nanos, y.event});
      host_.now_seconds = y.seconds;
      host_.now_nanos = y.nanos;
      between(++resumes_);
      result = wait_type().run(task);
    }
    wait_type().destroy(task);
    return result;
  }

  std::string error_message() const { return host_.error ? host_.error->second : ""; }

  TempDir dir_{"tw-event-wait"};
  FakeHost host_;
  std::vector<Yield> yields_;
  int resumes_ = 0;
};

TEST_F(EventWaitTest, WaitsForAnIndicatorFileCreatedLaterPollingWithoutBlocking) {
  host_.attributes["Filewatch Name"] = "flags/$$RUN_TAG.flag";  // relative to the work dir
  host_.vars["$$RUN_TAG"] = FakeValue::of_string("ready");
  host_.config["event_wait.poll_ms"] = "1500";
  fs::create_directories(dir_.path() / "work" / "flags");
  fs::path flag = dir_.path() / "work" / "flags" / "ready.flag";

  EXPECT_EQ(run([&](int n) {
              if (n == 3) std::ofstream(flag) << "done";
            }),
            TW_RUN_SUCCEEDED)
      << error_message();
  EXPECT_EQ(resumes_, 3);
  ASSERT_EQ(yields_.size(), 3u);
  // Each poll is 1.5 s after the previous one, carried from nanoseconds into seconds.
  EXPECT_EQ(yields_[0].seconds, 1'700'000'002);
  EXPECT_EQ(yields_[0].nanos, 400'000'000);
  EXPECT_EQ(yields_[1].seconds, 1'700'000'003);
  EXPECT_EQ(yields_[1].nanos, 900'000'000);
  EXPECT_FALSE(yields_[0].event.has_value());
  EXPECT_TRUE(host_.sleeps_ms.empty());  // never blocked a thread
  EXPECT_TRUE(fs::exists(flag));         // not asked to delete it
  EXPECT_TRUE(host_.logged("waiting for the indicator file " + flag.string()));
  EXPECT_EQ(host_.descriptions,
            std::vector<std::string>{"found the indicator file " + flag.string()});
}

TEST_F(EventWaitTest, DefaultPollIntervalIs200Milliseconds) {
  host_.attributes["Filewatch Name"] = (dir_.path() / "never.flag").string();
  host_.cancel = TW_CANCEL_NONE;
  EXPECT_EQ(run([&](int) { host_.cancel = TW_CANCEL_STOP; }), TW_RUN_STOPPED);
  ASSERT_EQ(yields_.size(), 1u);
  EXPECT_EQ(yields_[0].seconds, 1'700'000'001);
  EXPECT_EQ(yields_[0].nanos, 100'000'000);
}

TEST_F(EventWaitTest, DeletesTheIndicatorFileWhenAsked) {
  fs::path flag = dir_.path() / "work" / "go.flag";
  std::ofstream(flag) << "x";
  host_.attributes["Filewatch Name"] = flag.string();
  host_.attributes["Delete Filewatch File"] = "YES";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << error_message();
  EXPECT_EQ(resumes_, 0);  // already there: no wait at all
  EXPECT_FALSE(fs::exists(flag));
  EXPECT_EQ(host_.descriptions, std::vector<std::string>{"found the indicator file " +
                                                         flag.string() + " and deleted it"});
}

TEST_F(EventWaitTest, AnIndicatorFileThatCannotBeDeletedFailsTheTask) {
  // A regular file no user can delete, root included: procfs has no unlink, so it refuses with
  // EPERM whoever asks (a read-only directory would not stop root, who runs this suite in CI).
  const fs::path flag = "/proc/self/status";
  ASSERT_TRUE(fs::is_regular_file(flag));
  host_.attributes["Filewatch Name"] = flag.string();
  host_.attributes["Delete Filewatch File"] = "YES";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_EQ(error_message(),
            "the indicator file /proc/self/status appeared but cannot be deleted: Operation not "
            "permitted");
  EXPECT_TRUE(fs::exists(flag));
}

TEST_F(EventWaitTest, AnIndicatorThatIsANonEmptyDirectoryCannotBeDeletedAndFailsTheTask) {
  // The failure path even root cannot get around.
  fs::path flag = dir_.path() / "work" / "flag.d";
  fs::create_directories(flag / "inside");
  host_.attributes["Filewatch Name"] = "flag.d";
  host_.attributes["Delete Filewatch File"] = "Yes";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_EQ(error_message(), "the indicator file " + flag.string() +
                                 " appeared but cannot be deleted: Directory not empty");
}

TEST_F(EventWaitTest, StopWhileWaitingEndsAtOnce) {
  host_.attributes["Filewatch Name"] = "never.flag";
  EXPECT_EQ(run([&](int n) {
              if (n == 2) host_.cancel = TW_CANCEL_STOP;
            }),
            TW_RUN_STOPPED);
  EXPECT_EQ(resumes_, 2);
  EXPECT_FALSE(host_.error.has_value());
  EXPECT_TRUE(host_.logged("stopped while waiting for the indicator file"));
}

TEST_F(EventWaitTest, AbortWhileWaitingEndsAtOnce) {
  host_.attributes["User Defined Event"] = "ev_never";
  EXPECT_EQ(run([&](int) { host_.cancel = TW_CANCEL_ABORT; }), TW_RUN_ABORTED);
  EXPECT_EQ(resumes_, 1);
}

TEST_F(EventWaitTest, WaitsForAUserDefinedEventRaisedLater) {
  host_.attributes["User Defined Event"] = "ev_loaded";
  EXPECT_EQ(run([&](int n) {
              if (n == 2) host_.raised_events.push_back("ev_loaded");
            }),
            TW_RUN_SUCCEEDED)
      << error_message();
  EXPECT_EQ(resumes_, 2);
  ASSERT_FALSE(yields_.empty());
  EXPECT_EQ(yields_[0].event, "ev_loaded");  // the host may wake it the moment it is raised
  EXPECT_EQ(host_.descriptions,
            std::vector<std::string>{"received the user-defined event ev_loaded"});
}

TEST_F(EventWaitTest, AnEventRaisedBeforeTheWaitStartsCounts) {
  host_.attributes["User Defined Event"] = "ev_loaded";
  host_.raised_events.push_back("ev_loaded");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(resumes_, 0);
}

TEST_F(EventWaitTest, AttributeNamesMatchWhateverTheirCase) {
  fs::path flag = dir_.path() / "work" / "go.flag";
  std::ofstream(flag) << "x";
  host_.set_definition_xml(R"(<TASK NAME="ew" TYPE="Event Wait">
      <ATTRIBUTE NAME="Filewatch name" VALUE="go.flag"/>
      <ATTRIBUTE NAME="Delete filewatch file" VALUE="yes"/></TASK>)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << error_message();
  EXPECT_FALSE(fs::exists(flag));
}

TEST_F(EventWaitTest, DryRunDescribesAndCompletesAtOnce) {
  host_.dry_run = true;
  host_.attributes["Filewatch Name"] = "never.flag";
  host_.attributes["Delete Filewatch File"] = "YES";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(resumes_, 0);
  EXPECT_EQ(host_.descriptions,
            std::vector<std::string>{"would wait for the indicator file " +
                                     (dir_.path() / "work" / "never.flag").string() +
                                     " (then delete it)"});
}

TEST_F(EventWaitTest, DryRunOfABadDefinitionSucceedsDescribingTheFailure) {
  host_.dry_run = true;
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_EQ(host_.descriptions[0].rfind("would fail: the Event-Wait task waits for nothing", 0),
            0u);
}

TEST_F(EventWaitTest, APastEventCountsEvenWithEnablePastEventsNoButIsReported) {
  host_.attributes["User Defined Event"] = "ev_loaded";
  host_.attributes["Enable Past Events"] = "NO";
  host_.raised_events.push_back("ev_loaded");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host_.logged("Enable Past Events is NO, but taskweave counts past events"));

  FakeHost quiet;
  quiet.attributes["User Defined Event"] = "ev_loaded";
  quiet.attributes["Enable Past Events"] = "YES";
  quiet.raised_events.push_back("ev_loaded");
  EXPECT_EQ(quiet.run(wait_type()), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(quiet.logged("Enable Past Events"));
}

TEST_F(EventWaitTest, BadDefinitionsFailNamingTheProblem) {
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("waits for nothing"), std::string::npos) << error_message();

  host_.attributes["Filewatch Name"] = "x.flag";
  host_.attributes["Delete Filewatch File"] = "maybe";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("Delete Filewatch File must be YES or NO, not 'maybe'"),
            std::string::npos)
      << error_message();

  host_.attributes["Delete Filewatch File"] = "NO";
  host_.config["event_wait.poll_ms"] = "0";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("event_wait.poll_ms"), std::string::npos) << error_message();
}

}  // namespace
}  // namespace taskweave::testing
