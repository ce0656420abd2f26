#include "common/process/environment.h"

#include <gtest/gtest.h>

namespace taskweave::plugins::process {
namespace {

TEST(MergedEnvironment, OverridesReplaceHostEntriesAndNewOnesAreAdded) {
  const char* base[] = {"PATH=/bin", "HOME=/root", "EMPTY=", nullptr};
  auto env = merged_environment(base, {{"HOME", "/tmp"}, {"NEW", "a=b"}});
  EXPECT_EQ(env, (std::vector<std::string>{"HOME=/tmp", "NEW=a=b", "PATH=/bin", "EMPTY="}));
}

TEST(MergedEnvironment, ALaterOverrideOfTheSameNameWins) {
  const char* base[] = {"X=host", nullptr};
  auto env = merged_environment(base, {{"X", "first"}, {"X", "second"}});
  EXPECT_EQ(env, (std::vector<std::string>{"X=second"}));
}

TEST(MergedEnvironment, NoBaseIsJustTheOverrides) {
  EXPECT_EQ(merged_environment(nullptr, {{"A", "1"}}), (std::vector<std::string>{"A=1"}));
}

}  // namespace
}  // namespace taskweave::plugins::process
