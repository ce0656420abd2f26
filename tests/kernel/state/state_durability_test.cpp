// What survives kill -9 of the writing process: every checkpointed batch (in the journal, folded
// or not), and nothing of the batch that was open when it died.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "state/state_store.h"
#include "temp_state_dir.h"

namespace taskweave::state {
namespace {

run::TaskEvent finished(const std::string& path) {
  run::TaskEvent e;
  e.run_id = "r1";
  e.path = path;
  e.type = "Command";
  e.status = expr::Status::Succeeded;
  return e;
}

TEST(StateDurability, CheckpointedBatchesSurviveKillMinus9) {
  testing::TempStateDir dir;
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = StateStore::open(dir.path());
    if (!store) _exit(2);
    run::RunInfo info;
    info.run_id = "r1";
    info.workflow = "wf";
    store.value()->run_started(info);
    for (int i = 0; i < 100; ++i) {
      store.value()->task_finished(finished("done_" + std::to_string(i)));
      store.value()->checkpoint();
    }
    store.value()->task_finished(finished("uncommitted"));
    kill(getpid(), SIGKILL);  // no destructor, no commit
    _exit(3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok()) << store.error();
  auto record = store.value()->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->killed);
  EXPECT_EQ(record->pid, child);
  ASSERT_EQ(record->tasks.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(record->tasks[i].path, "done_" + std::to_string(i));
}

// Kills the writer at a random moment of a long run of checkpoints (inside write(), between
// batches, while the folder commits): every batch it acknowledged (reported through a pipe after
// checkpoint() returned) is recovered, in order, and no batch is seen twice.
TEST(StateDurability, AcknowledgedBatchesSurviveKillMinus9AtRandomMoments) {
  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 5; ++round) {
    testing::TempStateDir dir;
    int pipe_fds[2];
    ASSERT_EQ(pipe(pipe_fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(pipe_fds[0]);
      auto store = StateStore::open(dir.path());
      if (!store) _exit(2);
      run::RunInfo info;
      info.run_id = "r1";
      info.workflow = "wf";
      store.value()->run_started(info);
      store.value()->checkpoint();
      for (int i = 0;; ++i) {
        store.value()->task_finished(finished("done_" + std::to_string(i)));
        store.value()->checkpoint();
        if (write(pipe_fds[1], &i, sizeof i) != sizeof i) _exit(3);
      }
    }
    close(pipe_fds[1]);
    int wanted = std::uniform_int_distribution<int>(1, 20000)(random);
    int acknowledged = -1;
    while (acknowledged < wanted) {
      int i = 0;
      ASSERT_EQ(read(pipe_fds[0], &i, sizeof i), static_cast<ssize_t>(sizeof i));
      acknowledged = i;
    }
    kill(child, SIGKILL);
    close(pipe_fds[0]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);

    auto store = StateStore::open(dir.path());
    ASSERT_TRUE(store.ok()) << store.error();
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "journal" / "r1.wal"));  // folded
    auto record = store.value()->load_run("r1");
    ASSERT_TRUE(record);
    EXPECT_FALSE(record->damaged);
    ASSERT_GT(record->tasks.size(), static_cast<size_t>(acknowledged));
    for (size_t i = 0; i < record->tasks.size(); ++i)
      ASSERT_EQ(record->tasks[i].path, "done_" + std::to_string(i));
  }
}

}  // namespace
}  // namespace taskweave::state
