// A session's predefined output variables (semantics.md §4): the row counts a runner reports
// and the first error. Runners fill a RowCounts; the session publishes it with set_output.
#pragma once

#include <taskweave/sdk.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::plugins::session {

struct RowCounts {
  int64_t src_success_rows = 0;
  int64_t src_failed_rows = 0;
  int64_t tgt_success_rows = 0;
  int64_t tgt_failed_rows = 0;
  int64_t total_trans_errors = 0;
  int64_t first_error_code = 0;
  std::string first_error_msg;

  // Sets the variable called `name` (SrcSuccessRows ... FirstErrorMsg, any case) from text;
  // nullopt on success, else why not (unknown name, not an integer).
  std::optional<std::string> set(std::string_view name, std::string_view value);
  // True when `name` is one of the seven variables (any case).
  static bool known(std::string_view name);

  // set_output() for all seven.
  void publish(const sdk::Context& ctx) const;
  // "SrcSuccessRows=10 TgtSuccessRows=10 ..." for logs.
  std::string summary() const;
};

// Reads `KEY=VALUE` lines written by a job (blank lines and `#` comments allowed) into counts.
// Returns one message per line it could not use ("stats:3: ..."), for the caller to log; a
// missing file is no error (the job reported nothing).
std::vector<std::string> read_stats_file(const std::filesystem::path& file, RowCounts& counts);

}  // namespace taskweave::plugins::session
