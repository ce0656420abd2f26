#include "run/slot_queue.h"

#include <gtest/gtest.h>

namespace taskweave::run {
namespace {

TEST(SlotQueue, GlobalLimitAndFifoOrder) {
  SlotQueue q(2, {});
  for (std::uint32_t t = 0; t < 4; ++t) q.push({0, t}, 0, false);
  EXPECT_EQ(q.pop()->task.task, 0u);
  EXPECT_EQ(q.pop()->task.task, 1u);
  EXPECT_FALSE(q.pop());  // both slots taken
  q.release(0);
  EXPECT_EQ(q.pop()->task.task, 2u);
  EXPECT_EQ(q.running(), 2u);
  EXPECT_EQ(q.queued(), 1u);
}

TEST(SlotQueue, FullPoolDoesNotBlockOtherPools) {
  SlotQueue q(4, {1});  // pool 1 holds one task at a time
  q.push({0, 0}, 1, false);
  q.push({0, 1}, 1, false);
  q.push({0, 2}, 0, false);
  EXPECT_EQ(q.pop()->task.task, 0u);
  EXPECT_EQ(q.pop()->task.task, 2u);  // task 1 waits for its pool
  EXPECT_FALSE(q.pop());
  q.release(1);
  auto next = q.pop();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->task.task, 1u);
  EXPECT_EQ(next->pool, 1u);
}

TEST(SlotQueue, ZeroMaxParallelMeansOne) {
  SlotQueue q(0, {});
  q.push({0, 0}, 0, true);
  q.push({0, 1}, 0, false);
  auto first = q.pop();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->resume);
  EXPECT_FALSE(q.pop());
}

}  // namespace
}  // namespace taskweave::run
