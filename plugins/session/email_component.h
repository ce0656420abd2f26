// A session's "Success Email" and "Failure Email" components, sent with the same mail library
// as the Email task. The component either holds an Email TASK or, REUSABLE="YES", names a
// folder-level one (PAQO's `Email_Failed`). A mail that cannot be sent is logged as a warning
// and never changes the session's status, as in PowerCenter.
#pragma once

#include <taskweave/sdk.hpp>

#include <string>
#include <string_view>

#include "session/row_counts.h"

namespace taskweave::plugins::session {

inline constexpr std::string_view kSuccessEmail = "Success Email";
inline constexpr std::string_view kFailureEmail = "Failure Email";

// What the `%` tokens of the mail report about the session.
struct SessionReport {
  std::string session_name;  // %s
  std::string mapping_name;  // %m
  std::string status;        // %e: "Succeeded" or "Failed"
  RowCounts counts;          // %l loaded (TgtSuccessRows), %r rejected (TgtFailedRows), %t
};

// Sends the component of TYPE `type` if the session has one.
void send_email_component(const sdk::Context& ctx, std::string_view type,
                          const SessionReport& report);

}  // namespace taskweave::plugins::session
