// Concurrency slots: a global maximum of running tasks plus per-pool maxima (pools are task
// types configured with their own limit, e.g. sessions). Ready tasks wait in one FIFO per pool
// and the oldest task whose pool has room starts first, so a full pool never blocks another
// pool's tasks (no head-of-line blocking) and no queue is ever rescanned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "run/run_types.h"

namespace taskweave::run {

class SlotQueue {
 public:
  struct Entry {
    TaskId task;
    std::uint16_t pool = 0;
    bool resume = false;  // a yielded task waking up, not a first start
    std::uint64_t seq = 0;
  };

  // Pool 0 is the default pool, limited by the global maximum only. pool_limits[i] is the
  // limit of pool i + 1. A max_parallel of 0 means 1.
  SlotQueue(std::size_t max_parallel, std::vector<std::size_t> pool_limits);

  void push(TaskId task, std::uint16_t pool, bool resume);
  // Takes the oldest queued entry that may start now and counts it as running.
  std::optional<Entry> pop();
  // A running task of `pool` ended or yielded.
  void release(std::uint16_t pool);

  std::size_t running() const { return running_; }
  std::size_t queued() const { return queued_; }
  std::size_t pool_count() const { return pools_.size(); }

 private:
  struct Pool {
    std::size_t limit = 0;  // 0: unlimited
    std::size_t running = 0;
    std::deque<Entry> queue;
  };
  std::size_t max_parallel_;
  std::size_t running_ = 0;
  std::size_t queued_ = 0;
  std::uint64_t next_seq_ = 0;
  std::vector<Pool> pools_;
};

}  // namespace taskweave::run
