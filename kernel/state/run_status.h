// Names of run::RunStatus as the state database, `history` and --json-events write them
// (upper case, like task statuses). Header-only so the report module can use the same names
// without linking the state store.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "run/run_events.h"

namespace taskweave::state {

inline constexpr std::array<std::string_view, 6> kRunStatusNames = {
    "RUNNING", "SUCCEEDED", "FAILED", "STOPPED", "ABORTED", "SUSPENDED"};

inline std::string_view run_status_name(run::RunStatus status) {
  return kRunStatusNames[static_cast<std::size_t>(status)];
}

// Exact (upper-case) names only: this reads what run_status_name wrote.
inline std::optional<run::RunStatus> parse_run_status(std::string_view text) {
  for (std::size_t i = 0; i < kRunStatusNames.size(); ++i)
    if (kRunStatusNames[i] == text) return static_cast<run::RunStatus>(i);
  return std::nullopt;
}

}  // namespace taskweave::state
