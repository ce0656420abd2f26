#include "run/run_types.h"

#include <chrono>
#include <ctime>

namespace taskweave::run {
namespace {
constexpr std::int64_t kNanos = 1'000'000'000;
}

expr::DateTime SystemClock::now() const {
  // Naive local time: the wall clock shifted by the local UTC offset. localtime_r is slow (it
  // consults the time zone under a lock), and the scheduler reads the clock several times per
  // task, so the offset is looked up again only when the minute changes (offsets change on
  // minute boundaries).
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  const std::int64_t seconds = nanos / kNanos;
  const std::int64_t minute = seconds / 60;
  // The minute is read first: when it matches, the offset stored before it is visible.
  const bool current = minute == offset_minute_.load(std::memory_order_acquire);
  std::int64_t offset = offset_.load(std::memory_order_relaxed);
  if (!current) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm local{};
    localtime_r(&t, &local);
    offset = local.tm_gmtoff;
    offset_.store(offset, std::memory_order_relaxed);
    offset_minute_.store(minute, std::memory_order_release);
  }
  return {seconds + offset, static_cast<std::int32_t>(nanos % kNanos)};
}

expr::DateTime add_nanos(expr::DateTime t, std::int64_t nanos) {
  std::int64_t total = static_cast<std::int64_t>(t.nanos) + nanos % kNanos;
  std::int64_t seconds = t.seconds + nanos / kNanos + total / kNanos;
  total %= kNanos;
  if (total < 0) {
    total += kNanos;
    --seconds;
  }
  return {seconds, static_cast<std::int32_t>(total)};
}

std::int64_t nanos_between(expr::DateTime from, expr::DateTime to) {
  return (to.seconds - from.seconds) * kNanos + (to.nanos - from.nanos);
}

}  // namespace taskweave::run
