#include "state/state_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

namespace taskweave::state {
namespace {

// Sets or unsets environment variables for one test and restores them afterwards.
class EnvGuard {
 public:
  EnvGuard(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~EnvGuard() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(StateDir, FlagWinsOverEverything) {
  EnvGuard a("TASKWEAVE_STATE_DIR", "/env/state");
  EnvGuard b("XDG_STATE_HOME", "/xdg");
  auto dir = resolve_state_dir(std::string("/flag/state"));
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir.value(), "/flag/state");
}

TEST(StateDir, TaskweaveStateDirBeatsXdg) {
  EnvGuard a("TASKWEAVE_STATE_DIR", "/env/state");
  EnvGuard b("XDG_STATE_HOME", "/xdg");
  EXPECT_EQ(resolve_state_dir(std::nullopt).value(), "/env/state");
}

TEST(StateDir, XdgStateHome) {
  EnvGuard a("TASKWEAVE_STATE_DIR", nullptr);
  EnvGuard b("XDG_STATE_HOME", "/xdg");
  EXPECT_EQ(resolve_state_dir(std::nullopt).value(), "/xdg/taskweave");
}

TEST(StateDir, HomeFallbackAndEmptyVariablesAreIgnored) {
  EnvGuard a("TASKWEAVE_STATE_DIR", "");
  EnvGuard b("XDG_STATE_HOME", "");
  EnvGuard c("HOME", "/home/someone");
  EXPECT_EQ(resolve_state_dir(std::string()).value(), "/home/someone/.local/state/taskweave");
}

}  // namespace
}  // namespace taskweave::state
