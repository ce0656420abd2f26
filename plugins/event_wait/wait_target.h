// What an Event-Wait task waits for, read once from its attributes and the configuration.
#pragma once

#include <taskweave/sdk.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace taskweave::plugins::event_wait {

struct WaitTarget {
  // A user-defined event (WORKFLOWEVENT) when set, else the indicator file.
  std::string event;
  std::filesystem::path indicator_file;  // absolute
  bool delete_file = false;
  bool enable_past_events = false;  // read for the warning above; past events always count
  int64_t poll_ms = 200;

  // "the indicator file /data/ready.flag" or "the user-defined event ev_loaded".
  std::string describe() const;
};

// Reads `User Defined Event`, `Filewatch Name` (`$$vars` expanded, relative to the work
// directory), `Delete Filewatch File` and the event_wait.poll_ms configuration key. Fails with
// a message naming the attribute or key at fault.
sdk::Expected<WaitTarget> read_wait_target(const sdk::Context& ctx);

}  // namespace taskweave::plugins::event_wait
