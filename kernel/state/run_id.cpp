#include "state/run_id.h"

#include <cstdio>
#include <ctime>
#include <random>

namespace taskweave::state {

std::string make_run_id(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  auto since_epoch = duration_cast<milliseconds>(now.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(since_epoch.count() / 1000);
  int millis = static_cast<int>(since_epoch.count() % 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static thread_local std::mt19937 generator{std::random_device{}()};
  unsigned suffix = generator() & 0xFFFFFFu;
  char text[64];
  std::snprintf(text, sizeof text, "%04d%02d%02d-%02d%02d%02d-%03d-%06x", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis, suffix);
  return text;
}

}  // namespace taskweave::state
