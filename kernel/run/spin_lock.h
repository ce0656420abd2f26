// Locks for the run's hot paths that spin briefly before they sleep.
//
// The stepper holds the run state for a few microseconds per step, and a worker holds its
// executions table for less. A futex sleep plus the wake-up costs more than that on each side
// (measured: most of the per-task time of 100,000 no-op tasks on two workers went to it), so a
// thread that finds such a lock taken first retries for a bounded time, then blocks as usual.
// SpinningMutex is Lockable, StateLock SharedLockable, as the standard locks they wrap.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace taskweave::run {

// Tells the CPU this thread is spin-waiting (less power, and a sibling hyper-thread runs).
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Calls `done` until it returns true or `budget` has passed; returns its last answer. The
// pause between calls doubles up to a bound: a `done` that tries a lock writes to the lock's
// cache line, and trying in a tight loop slows down the very holder it waits for.
template <class Done>
bool spin_until(Done done, std::chrono::nanoseconds budget) {
  if (done()) return true;  // the common case reads no clock
  const auto until = std::chrono::steady_clock::now() + budget;
  for (unsigned pauses = 1;; pauses = pauses < 64 ? pauses * 2 : pauses) {
    for (unsigned i = 0; i < pauses; ++i) cpu_relax();
    if (done()) return true;
    if (pauses == 64 && std::chrono::steady_clock::now() >= until) return false;
  }
}

// Spinning pays only when the thread waited for has a core of its own: with more threads that
// want to run than cores, a spinner takes the CPU from the very thread it waits for (measured:
// 8 workers on 2 cores ran no-op tasks 2-3x slower when they spun). So spinning is for runs
// with at most one worker per core, on more than one core.
inline bool spinning_pays(std::size_t threads) {
  static const unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 && threads <= cores;
}

// Longer than a step usually holds a lock, far shorter than a time slice.
inline constexpr std::chrono::microseconds kLockSpin{20};

// A lock of type Mutex whose lock() spins first (when allowed), then blocks.
template <class Mutex>
class Spinning {
 public:
  // Set before the lock is shared (spinning_pays); on by default.
  void allow_spinning(bool spin) { spin_ = spin; }
  void lock() {
    acquire([&] { return mutex_.try_lock(); }, [&] { mutex_.lock(); });
  }
  bool try_lock() { return mutex_.try_lock(); }
  void unlock() { mutex_.unlock(); }

 protected:
  template <class Try, class Block>
  void acquire(Try try_it, Block block) {
    if (!spin_ || !spin_until(try_it, kLockSpin)) block();
  }
  Mutex mutex_;

 private:
  bool spin_ = true;
};

using SpinningMutex = Spinning<std::mutex>;

// The lock around the run state: the stepper takes it exclusively, task contexts shared.
class StateLock : public Spinning<std::shared_mutex> {
 public:
  void lock_shared() {
    acquire([&] { return mutex_.try_lock_shared(); }, [&] { mutex_.lock_shared(); });
  }
  bool try_lock_shared() { return mutex_.try_lock_shared(); }
  void unlock_shared() { mutex_.unlock_shared(); }
};

}  // namespace taskweave::run
