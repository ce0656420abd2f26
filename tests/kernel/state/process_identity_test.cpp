#include "state/process_identity.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace taskweave::state {
namespace {

TEST(ProcessIdentity, ThisProcessIsAlive) {
  ProcessIdentity me = identify_process(getpid());
  EXPECT_EQ(me.pid, getpid());
  EXPECT_NE(me.start_ticks, 0u);
  EXPECT_FALSE(me.boot_id.empty());
  EXPECT_EQ(liveness(me), Liveness::Alive);
}

TEST(ProcessIdentity, AnExitedChildIsGoneEvenBeforeItIsReaped) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    pause();  // until killed
    _exit(0);
  }
  ProcessIdentity identity = identify_process(child);
  EXPECT_EQ(liveness(identity), Liveness::Alive);
  kill(child, SIGKILL);
  siginfo_t info{};
  // Wait for the child to die without reaping it: it stays a zombie.
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT), 0);
  EXPECT_EQ(liveness(identity), Liveness::Gone);
  waitpid(child, nullptr, 0);
  EXPECT_EQ(liveness(identity), Liveness::Gone);
}

TEST(ProcessIdentity, AReusedPidIsGone) {
  ProcessIdentity me = identify_process(getpid());
  me.start_ticks += 1;  // as if the pid now belonged to a process started later
  EXPECT_EQ(liveness(me), Liveness::Gone);
}

TEST(ProcessIdentity, AnotherBootIsGone) {
  ProcessIdentity me = identify_process(getpid());
  me.boot_id = "00000000-0000-0000-0000-000000000000";
  EXPECT_EQ(liveness(me), Liveness::Gone);
}

TEST(ProcessIdentity, AnotherHostIsUnknown) {
  ProcessIdentity me = identify_process(getpid());
  me.host += ".elsewhere";
  EXPECT_EQ(liveness(me), Liveness::Unknown);
}

}  // namespace
}  // namespace taskweave::state
