#include "run/run_config.h"

#include <gtest/gtest.h>

namespace taskweave::run {
namespace {

TEST(RunConfig, ShippedDefaultsFileParsesToTheBuiltInDefaults) {
  auto shipped = RunConfig::load(std::filesystem::path(TW_SOURCE_DIR) / "config/taskweave.ini");
  ASSERT_TRUE(shipped) << shipped.error();
  const RunConfig builtin;
  EXPECT_EQ(shipped->max_parallel(), builtin.max_parallel());
  EXPECT_EQ(shipped->abort_timeout_seconds(), builtin.abort_timeout_seconds());
  EXPECT_EQ(shipped->task_log_max_bytes(), builtin.task_log_max_bytes());
  EXPECT_EQ(shipped->suspend_types(), builtin.suspend_types());
  EXPECT_TRUE(shipped->pools().empty());
  EXPECT_EQ(shipped->recovery_strategy("Command"), RecoveryStrategy::FailAndContinue);
  EXPECT_EQ(shipped->recovery_strategy("Timer"), RecoveryStrategy::Restart);
}

TEST(RunConfig, ReadsPoolsBindingsAndPluginKeysCaseInsensitively) {
  auto config = RunConfig::parse(
      "; comment\n[run]\nmax_parallel = 6\n[pools]\nSession = 2\n[bindings]\nSession = acme\n"
      "[email]\nsmtp.url = smtp://localhost:2525\n[recovery]\nSession = restart\n",
      "test.ini");
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->max_parallel(), 6u);
  ASSERT_EQ(config->pools().size(), 1u);
  EXPECT_EQ(config->pools()[0], (std::pair<std::string, std::size_t>{"Session", 2}));
  EXPECT_EQ(config->bindings()[0].second, "acme");
  EXPECT_STREQ(config->c_str("EMAIL.SMTP.URL"), "smtp://localhost:2525");
  EXPECT_EQ(config->c_str("email.nothing"), nullptr);
  EXPECT_EQ(config->recovery_strategy("session"), RecoveryStrategy::Restart);
  EXPECT_EQ(config->recovery_strategy("Command"), RecoveryStrategy::FailAndContinue);
}

TEST(RunConfig, ErrorsNameFileAndLine) {
  auto no_section = RunConfig::parse("key = 1\n", "a.ini");
  ASSERT_FALSE(no_section);
  EXPECT_NE(no_section.error().find("a.ini:1"), std::string::npos);
  auto bad_number = RunConfig::parse("[run]\n\nmax_parallel = lots\n", "b.ini");
  ASSERT_FALSE(bad_number);
  EXPECT_NE(bad_number.error().find("b.ini:3"), std::string::npos);
  EXPECT_FALSE(RunConfig::parse("[pools]\nSession = 0\n", "c.ini"));
  EXPECT_FALSE(RunConfig::parse("[recovery]\nSession = maybe\n", "d.ini"));
  EXPECT_FALSE(RunConfig::parse("[run\n", "e.ini"));
  EXPECT_FALSE(RunConfig::load("/nonexistent/taskweave.ini"));
}

}  // namespace
}  // namespace taskweave::run
