#include "run/slot_queue.h"

#include <algorithm>

namespace taskweave::run {

SlotQueue::SlotQueue(std::size_t max_parallel, std::vector<std::size_t> pool_limits)
    : max_parallel_(std::max<std::size_t>(max_parallel, 1)) {
  pools_.resize(pool_limits.size() + 1);
  for (std::size_t i = 0; i < pool_limits.size(); ++i) pools_[i + 1].limit = pool_limits[i];
}

void SlotQueue::push(TaskId task, std::uint16_t pool, bool resume) {
  if (pool >= pools_.size()) pool = 0;
  pools_[pool].queue.push_back({task, pool, resume, next_seq_++});
  ++queued_;
}

std::optional<SlotQueue::Entry> SlotQueue::pop() {
  if (running_ >= max_parallel_ || queued_ == 0) return std::nullopt;
  Pool* best = nullptr;
  for (auto& pool : pools_) {
    if (pool.queue.empty() || (pool.limit != 0 && pool.running >= pool.limit)) continue;
    if (!best || pool.queue.front().seq < best->queue.front().seq) best = &pool;
  }
  if (!best) return std::nullopt;
  Entry entry = best->queue.front();
  best->queue.pop_front();
  --queued_;
  ++best->running;
  ++running_;
  return entry;
}

void SlotQueue::release(std::uint16_t pool) {
  if (pool >= pools_.size()) pool = 0;
  if (pools_[pool].running > 0) --pools_[pool].running;
  if (running_ > 0) --running_;
}

}  // namespace taskweave::run
