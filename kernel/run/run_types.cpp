#include "run/run_types.h"

#include <chrono>
#include <ctime>

namespace taskweave::run {
namespace {
constexpr std::int64_t kNanos = 1'000'000'000;
}

expr::DateTime SystemClock::now() const {
  // Naive local time: the wall clock shifted by the local UTC offset at this instant.
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  std::time_t seconds = static_cast<std::time_t>(nanos / kNanos);
  std::tm local{};
  localtime_r(&seconds, &local);
  return {static_cast<std::int64_t>(seconds) + local.tm_gmtoff,
          static_cast<std::int32_t>(nanos % kNanos)};
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
