// The spinning locks of the executor's hot paths (run/spin_lock.h): they give up spinning after
// their budget, and they exclude as the standard locks they wrap do.
#include "run/spin_lock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace taskweave::run {
namespace {

using namespace std::chrono_literals;

TEST(SpinUntil, ReturnsAtOnceWhenAlreadyDone) {
  int calls = 0;
  EXPECT_TRUE(spin_until([&] { return ++calls == 1; }, 1s));
  EXPECT_EQ(calls, 1);
}

TEST(SpinUntil, GivesUpAfterItsBudget) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(spin_until([] { return false; }, 200us));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 200us);
}

TEST(SpinUntil, ReportsTheCallThatSucceeded) {
  int calls = 0;
  EXPECT_TRUE(spin_until([&] { return ++calls == 5; }, 1s));
  EXPECT_EQ(calls, 5);
}

TEST(SpinningPays, OnlyWithACorePerThreadAndMoreThanOneCore) {
  const unsigned cores = std::thread::hardware_concurrency();
  EXPECT_FALSE(spinning_pays(cores + 1));
  EXPECT_EQ(spinning_pays(1), cores > 1);
}

// Four threads increment one counter a great many times, holding the lock; a lost update would
// show in the total. The same with readers checking that no writer is inside with them. With
// spinning and without.
class SpinningLocks : public ::testing::TestWithParam<bool> {};

TEST_P(SpinningLocks, ExcludeOneAnother) {
  SpinningMutex mutex;
  StateLock state;
  mutex.allow_spinning(GetParam());
  state.allow_spinning(GetParam());
  long counter = 0;
  bool writing = false;
  int readers_saw_a_writer = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) {
        {
          std::lock_guard lock(mutex);
          ++counter;
        }
        if (t % 2 == 0) {
          std::unique_lock lock(state);
          writing = true;
          writing = false;
        } else {
          std::shared_lock lock(state);
          if (writing) {
            std::lock_guard count(mutex);
            ++readers_saw_a_writer;
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter, 4 * 20000);
  EXPECT_EQ(readers_saw_a_writer, 0);
}

INSTANTIATE_TEST_SUITE_P(SpinOrNot, SpinningLocks, ::testing::Bool());

}  // namespace
}  // namespace taskweave::run
