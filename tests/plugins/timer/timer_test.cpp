// The Timer plugin, loaded from its built file into the fake host: every TIMERTYPE with its
// exact deadline, the failures that name what to fix, and stop/abort while waiting.
#include <gtest/gtest.h>

#include "fake_host.h"

namespace taskweave::testing {
namespace {

constexpr int64_t kStart = 1'700'000'000;  // 2023-11-14 22:13:20

class TimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    ASSERT_NE(plugin, nullptr) << error;
    type_ = FakeHost::find_type(plugin, "Timer");
    ASSERT_NE(type_, nullptr);
    host_.task_type = "Timer";
    host_.now_seconds = kStart;
  }

  // A Timer definition with the given TIMER element content.
  void define(const std::string& timer_type, const std::string& children) {
    host_.set_definition_xml(R"(<TASK NAME ="tmr" REUSABLE ="NO" TYPE ="Timer">)"
                             R"(<ATTRIBUTE NAME ="Variable" VALUE =""/>)"
                             R"(<TIMER TIMERTYPE =")" +
                             timer_type + R"(">)" + children + "</TIMER></TASK>");
  }
  void define_relative(const std::string& timer_type, int days, int hours, int minutes) {
    define(timer_type, "<RECURRING DAYS =\"" + std::to_string(days) + "\" HOURS =\"" +
                           std::to_string(hours) + "\" MINUTES =\"" + std::to_string(minutes) +
                           "\"/>");
  }
  std::string error_message() const { return host_.error ? host_.error->second : ""; }

  // Drives create/run by hand, for tests that act between two runs.
  struct ManualRun {
    const tw_task_type* type;
    void* task;
    ~ManualRun() { type->destroy(task); }
    tw_run_result run() const { return type->run(task); }
  };
  ManualRun start() {
    char buffer[256] = {0};
    tw_error_buf err{buffer, sizeof(buffer)};
    void* task = type_->create(host_.api(), host_.ctx(), &err);
    EXPECT_NE(task, nullptr) << buffer;
    return ManualRun{type_, task};
  }

  FakeHost host_;
  const tw_task_type* type_ = nullptr;
};

TEST_F(TimerTest, RelativeToItsOwnStartWaitsForTheOffset) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 1, 2, 3);
  host_.start_seconds[0] = kStart;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, kStart + 86'400 + 2 * 3'600 + 3 * 60);
  EXPECT_EQ(host_.last_yield->nanos, 0);
  EXPECT_FALSE(host_.last_yield->event.has_value());
  EXPECT_EQ(host_.now_seconds, kStart + 93'780);
  EXPECT_FALSE(host_.error.has_value());
  EXPECT_TRUE(host_.logged("2023-11-16 00:16:20"));
}

TEST_F(TimerTest, RelativeToTheParentWorkflowUsesTheParentsStart) {
  define_relative("START_RELATIVE_TO_PARENT_WORKFLOW", 0, 0, 30);
  host_.start_seconds[0] = kStart;
  host_.start_seconds[1] = kStart - 600;  // the worklet started ten minutes ago
  host_.start_seconds[2] = kStart - 3'600;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, kStart - 600 + 1'800);
}

TEST_F(TimerTest, RelativeToTheTopLevelWorkflowUsesTheTopLevelStart) {
  // The watchdog shape of a real export: nine hours after the top-level workflow started.
  define_relative("START_RELATIVE_TO_TOPLEVEL_WORKFLOW", 0, 9, 0);
  host_.start_seconds[1] = kStart - 600;
  host_.start_seconds[2] = kStart - 3'600;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, kStart - 3'600 + 9 * 3'600);
}

TEST_F(TimerTest, AbsoluteTimeParsesStartOptions) {
  define("START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="11/27/2026" STARTTIME ="10:30"/>)");
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, 1'795'775'400);  // 2026-11-27 10:30:00
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_NE(host_.descriptions[0].find("2026-11-27 10:30:00"), std::string::npos);
}

TEST_F(TimerTest, AbsoluteTimeAcceptsSecondsAndNoLeadingZeros) {
  define("START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="3/5/2026" STARTTIME ="7:04:09"/>)");
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, 1'772'694'249);  // 2026-03-05 07:04:09
}

TEST_F(TimerTest, AbsoluteVariableWaitsUntilTheVariablesValue) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$WAKE_AT";
  FakeValue wake;
  wake.type = TW_VALUE_DATETIME;
  wake.seconds = kStart + 42;
  wake.nanos = 500'000'000;
  host_.vars["$$WAKE_AT"] = wake;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, kStart + 42);
  EXPECT_EQ(host_.last_yield->nanos, 500'000'000);
}

TEST_F(TimerTest, NullVariableFailsNamingTheVariable) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$WAKE_AT";
  host_.vars["$$WAKE_AT"] = FakeValue{};  // NULL
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  ASSERT_TRUE(host_.error.has_value());
  EXPECT_NE(host_.error->first, 0);
  EXPECT_NE(error_message().find("$$WAKE_AT"), std::string::npos) << error_message();
  EXPECT_NE(error_message().find("NULL"), std::string::npos) << error_message();
  EXPECT_FALSE(host_.last_yield.has_value());
}

TEST_F(TimerTest, VariableThatIsNotADateFails) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$WAKE_AT";
  host_.vars["$$WAKE_AT"] = FakeValue::of_string("tomorrow");
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("tomorrow"), std::string::npos) << error_message();
  EXPECT_NE(error_message().find("not a date/time"), std::string::npos) << error_message();
}

TEST_F(TimerTest, UndeclaredOrMissingVariableFails) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$NOPE";
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("$$NOPE is not declared"), std::string::npos) << error_message();

  host_.attributes["Variable"] = "";
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("Variable attribute is empty"), std::string::npos);
}

TEST_F(TimerTest, DeadlineInThePastCompletesAtOnce) {
  define_relative("START_RELATIVE_TO_TOPLEVEL_WORKFLOW", 0, 1, 0);
  host_.start_seconds[2] = kStart - 7'200;  // an hour past the deadline already
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host_.last_yield.has_value());
  EXPECT_EQ(host_.now_seconds, kStart);
}

TEST_F(TimerTest, ZeroOffsetCompletesAtOnce) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 0, 0, 0);
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host_.last_yield.has_value());
}

TEST_F(TimerTest, ResumedBeforeTheDeadlineWaitsAgain) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 0, 0, 5);
  auto timer = start();
  EXPECT_EQ(timer.run(), TW_RUN_YIELD);
  host_.now_seconds = kStart + 299;  // woken early (a host may wake a little before)
  host_.last_yield.reset();
  EXPECT_EQ(timer.run(), TW_RUN_YIELD);
  ASSERT_TRUE(host_.last_yield.has_value());
  EXPECT_EQ(host_.last_yield->seconds, kStart + 300);
  host_.now_seconds = kStart + 300;
  EXPECT_EQ(timer.run(), TW_RUN_SUCCEEDED);
}

TEST_F(TimerTest, StopWhileWaitingEndsStoppedAtOnce) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 0, 9, 0);
  auto timer = start();
  EXPECT_EQ(timer.run(), TW_RUN_YIELD);
  host_.cancel = TW_CANCEL_STOP;  // the host wakes the waiting task on stop
  EXPECT_EQ(timer.run(), TW_RUN_STOPPED);
  EXPECT_EQ(host_.now_seconds, kStart);
  EXPECT_TRUE(host_.logged("stopped"));
  EXPECT_FALSE(host_.error.has_value());
}

TEST_F(TimerTest, AbortWhileWaitingEndsAbortedAtOnce) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 0, 9, 0);
  auto timer = start();
  EXPECT_EQ(timer.run(), TW_RUN_YIELD);
  host_.cancel = TW_CANCEL_ABORT;
  EXPECT_EQ(timer.run(), TW_RUN_ABORTED);
  EXPECT_TRUE(host_.logged("aborted"));
}

TEST_F(TimerTest, VariableIsReadOnceWhenTheTimerStarts) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$WAKE_AT";
  FakeValue wake;
  wake.type = TW_VALUE_DATETIME;
  wake.seconds = kStart + 60;
  host_.vars["$$WAKE_AT"] = wake;
  auto timer = start();
  EXPECT_EQ(timer.run(), TW_RUN_YIELD);
  host_.vars["$$WAKE_AT"].seconds = kStart + 3'600;  // reassigned while the Timer waits
  host_.now_seconds = kStart + 60;
  EXPECT_EQ(timer.run(), TW_RUN_SUCCEEDED);
}

TEST_F(TimerTest, DryRunCompletesAtOnceDescribingTheDeadline) {
  define_relative("START_RELATIVE_TO_PREVIOUSTASK", 0, 9, 0);
  host_.dry_run = true;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host_.last_yield.has_value());
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_NE(host_.descriptions[0].find("would wait until 2023-11-15 07:13:20"), std::string::npos)
      << host_.descriptions[0];
}

TEST_F(TimerTest, DryRunReportsAnUnusableTimerWithoutFailing) {
  define("START_AT_ABSOLUTE_VARIABLE", "");
  host_.attributes["Variable"] = "$$WAKE_AT";
  host_.vars["$$WAKE_AT"] = FakeValue{};
  host_.dry_run = true;
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_NE(host_.descriptions[0].find("would fail"), std::string::npos);
}

TEST_F(TimerTest, MalformedTimersFailSayingWhatToFix) {
  struct Case {
    std::string type, children, expected;
  };
  const Case cases[] = {
      {"START_AT_NOON", "", "TIMERTYPE [START_AT_NOON]"},
      {"START_AT_ABSOLUTE_TIME", "", "no STARTOPTIONS"},
      {"START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="2/30/2026" STARTTIME ="10:00"/>)",
       "[2/30/2026 10:00] are not a valid date"},
      {"START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="2026-01-02" STARTTIME ="10:00"/>)",
       "M/D/YYYY"},
      {"START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="1/2/2026" STARTTIME ="24:00"/>)",
       "HH24:MI"},
      {"START_AT_ABSOLUTE_TIME", R"(<STARTOPTIONS STARTDATE ="1/2/20260" STARTTIME ="10:00"/>)",
       "[1/2/20260 10:00]"},
      {"START_RELATIVE_TO_PREVIOUSTASK", "", "no RECURRING"},
      {"START_RELATIVE_TO_PREVIOUSTASK", R"(<RECURRING DAYS ="0" HOURS ="-1" MINUTES ="0"/>)",
       "HOURS [-1]"},
      {"START_RELATIVE_TO_PREVIOUSTASK", R"(<RECURRING DAYS ="x" HOURS ="1" MINUTES ="0"/>)",
       "DAYS [x]"},
  };
  for (const Case& c : cases) {
    FakeHost host;
    host.set_definition_xml(R"(<TASK NAME ="tmr" TYPE ="Timer"><TIMER TIMERTYPE =")" + c.type +
                            R"(">)" + c.children + "</TIMER></TASK>");
    EXPECT_EQ(host.run(*type_), TW_RUN_FAILED) << c.type << c.children;
    ASSERT_TRUE(host.error.has_value()) << c.type << c.children;
    EXPECT_EQ(host.error->first, 1);
    EXPECT_NE(host.error->second.find(c.expected), std::string::npos) << host.error->second;
  }
  FakeHost no_timer;
  no_timer.set_definition_xml(R"(<TASK NAME ="tmr" TYPE ="Timer"/>)");
  EXPECT_EQ(no_timer.run(*type_), TW_RUN_FAILED);
  EXPECT_NE(no_timer.error->second.find("no TIMER element"), std::string::npos);
}

}  // namespace
}  // namespace taskweave::testing
