// What a session runner reports back to the session.
#pragma once

#include <taskweave/abi.h>

#include <cstdint>
#include <string>

#include "session/row_counts.h"

namespace taskweave::plugins::session {

struct RunnerOutcome {
  tw_run_result result = TW_RUN_SUCCEEDED;  // SUCCEEDED, FAILED or ABORTED
  int64_t error_code = 0;                   // for FAILED: the session's ErrorCode
  std::string error;                        // for FAILED and ABORTED: what happened
  RowCounts counts;

  static RunnerOutcome failed(int64_t code, std::string message) {
    RunnerOutcome outcome;
    outcome.result = TW_RUN_FAILED;
    outcome.error_code = code;
    outcome.error = std::move(message);
    return outcome;
  }
};

}  // namespace taskweave::plugins::session
