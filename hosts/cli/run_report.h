// What `taskweave history` and `taskweave show` share: opening the state store named by
// --state-dir (or the default), and printing runs and tasks as aligned text or JSON.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "expr/value.h"
#include "run/run_events.h"
#include "state/state_store.h"
#include "subcommand.h"
#include "util/json_writer.h"

namespace taskweave::cli {

// --state-dir DIR and --json.
void define_state_report_options(Poco::Util::OptionSet& options);

// The store of --state-dir or the default state directory; null after printing the error.
std::unique_ptr<state::StateStore> open_state_store(const Invocation& invocation,
                                                    const char* command);

// "2026-11-27 10:00:00.123", or "" for an unset time.
std::string local_time(const expr::DateTime& time);
// "0.250s", "12.5s", "5m03s", "2h05m07s"; "" when either end is unset.
std::string duration(const expr::DateTime& start, const expr::DateTime& end);
// The run's status as people read it: KILLED for a run whose process is gone.
std::string run_status_text(const run::RunInfo& info, bool killed);

// Writes the members describing a run (inside an open JSON object): run_id, workflow, folder,
// file, run_instance, status, killed, recovered, start, end (UTC ISO-8601 or null).
void write_run_members(util::JsonWriter& w, const run::RunInfo& info, bool killed);

// Columns padded to their widest cell, two spaces apart; the last column is not padded.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace taskweave::cli
