// Run ids: "20261127-100000-123-3fa9c2" (UTC time to the millisecond, then 24 random bits), so
// they sort by start time as plain text and two runs started in the same millisecond differ.
#pragma once

#include <chrono>
#include <string>

namespace taskweave::state {

std::string make_run_id(std::chrono::system_clock::time_point now);

}  // namespace taskweave::state
