// The transitions of one run between two checkpoints, encoded as one JSON array: the state
// store appends the whole batch as a single row of the `transitions` table. One row per batch
// instead of one per event is what keeps a transition cheap (docs/state.md has the figures);
// the views task_runs, link_results and run_variables decode the rows for the sqlite3 shell.
//
// Event objects (absent members mean their default: 0, "", no start/end, no vars):
//   {"kind":"task","path":"WKL_A.s_load","type":"Session","status":"SUCCEEDED","attempt":1,
//    "start":"2026-11-27 10:00:00.000000000","end":"...","error_code":0,"error_msg":"",
//    "description":"","vars":{"TgtSuccessRows":["integer",120]}}
//   {"kind":"link","from":"Start","to":"s_load","condition":"","result":1,"error":""}
//   {"kind":"var","scope":"","name":"$$X","value":["integer",7]}
// A task that did not run has status "DID_NOT_RUN".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "expr/value.h"
#include "run/run_events.h"

namespace taskweave::state {

class EventBatch {
 public:
  void add_task(const run::TaskEvent& event, bool did_not_run);
  void add_link(const run::LinkEvent& event);
  void add_variable(const run::VariableEvent& event);

  bool empty() const { return events_.size() <= 1; }
  // The JSON array of everything added since clear(). It closes the array: clear() before
  // adding again.
  std::string_view json();
  void clear() { events_.assign(1, '['); }

 private:
  void begin_event(std::string_view kind);
  void member(std::string_view separator_and_name);  // R"(,"name":)"
  void time(const expr::DateTime& t);
  void text(std::string_view value);
  void value(const expr::Value& value);  // ["type", value]

  std::string events_ = "[";  // "[{...},{...}," until json() closes it
  // time() formats the text of each second once.
  struct SecondText {
    int64_t second = INT64_MIN;
    std::string text;
  };
  std::array<SecondText, 2> seconds_;
  int next_slot_ = 0;
};

// Appends `text` as a JSON string literal. Plain ASCII is copied as is; anything else goes
// through the project's one JSON escaper (util/json_writer.h).
void append_json_string(std::string& out, std::string_view text);

}  // namespace taskweave::state
