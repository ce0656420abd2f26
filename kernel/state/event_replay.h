// Rebuilds a run's tasks, links and variables from its recorded batches (event_batch.h), in
// order: the latest event of each task path wins (a new attempt replaces the old one; events of
// the same attempt accumulate output variables), paths and links keep the order in which they
// were first seen, and a variable keeps its latest value.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "state/state_store.h"

namespace taskweave::state {

class EventReplay {
 public:
  explicit EventReplay(RunRecord& record) : record_(record) {}
  // Applies one batch (a JSON array of events). A malformed batch is an error: false, and the
  // events before the damage are applied.
  bool apply(std::string_view batch);

 private:
  void apply_task(run::TaskEvent event);
  void apply_link(run::LinkEvent link);

  RunRecord& record_;
  std::unordered_map<std::string, std::size_t> task_index_;
  std::map<std::pair<std::string, std::string>, std::size_t> link_index_;  // (from, to)
};

}  // namespace taskweave::state
