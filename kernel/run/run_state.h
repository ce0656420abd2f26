// The mutable state of a run as the scheduling core keeps it: one Frame per graph execution
// (the workflow, each worklet instance that started) and one TaskRecord per task instance of
// that graph, addressed by the model's task index.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "expr/value.h"
#include "model/graph.h"
#include "run/run_events.h"
#include "run/run_types.h"

namespace taskweave::run {

// Where a task is in its life. Status (what expressions see) is kept separately.
enum class Phase : std::uint8_t {
  Waiting,    // input links not yet resolved
  Queued,     // ready, waiting for a concurrency slot
  Running,    // a runner executes it (or it is a worklet whose child frame runs)
  Yielded,    // waiting for a time or an event; holds no thread and no slot
  Woken,      // yielded task queued for a slot to resume
  Done,       // terminal status (SUCCEEDED, FAILED, STOPPED, ABORTED, DISABLED)
  DidNotRun,  // will never run: its input links did not fire, or the run stopped first
  Suspended,  // failed under Suspend on Error: its links wait for `recover`
};

struct TaskRecord {
  Phase phase = Phase::Waiting;
  expr::Status status = expr::Status::NotStarted;
  bool has_prev_status = false;
  expr::Status prev_status = expr::Status::NotStarted;
  bool triggered = false;            // an input link fired (OR-join: start at most once)
  std::uint32_t resolved_links = 0;  // input links evaluated or known dead
  std::uint16_t attempt = 0;         // runs of this task in this run (recovery restarts add one)
  bool has_start = false;
  bool has_end = false;
  expr::DateTime start{};
  expr::DateTime end{};
  std::int64_t error_code = 0;
  std::string error_msg;
  std::vector<NamedValue> outputs;
  FrameIndex child = kNoFrame;        // worklet instance: its frame
  std::uint64_t wake_generation = 0;  // invalidates stale timer entries of a yielded task
};

struct Frame {
  const model::Graph* graph = nullptr;
  FrameIndex parent = kNoFrame;
  std::uint32_t parent_task = 0;  // the worklet instance in the parent frame
  std::string prefix;             // "" for the workflow, "WKL_A." inside worklet instance WKL_A
  std::vector<std::string> worklet_path;  // instance names from the top: {"WKL_A"}
  std::vector<TaskRecord> tasks;
  std::vector<expr::Value> variables;      // parallel to graph->variables
  std::vector<std::string> raised_events;  // upper-cased names
  // Yielded tasks waiting for a user-defined event: (task, upper-cased event name).
  std::vector<std::pair<std::uint32_t, std::string>> event_waiters;
  std::uint32_t active = 0;  // tasks queued/running/yielded and child frames running
  CancelKind cancel = CancelKind::None;
  bool fail_requested = false;  // a Control task failed this frame, or a fail-parent flag fired
  std::string fail_reason;
  std::uint32_t suspended = 0;  // tasks or child frames suspended
  bool finished = false;
  bool dirty = false;  // queued for the "can this frame finish?" check
  RunStatus status = RunStatus::Running;
  expr::DateTime start{};
  expr::DateTime end{};
};

// The frame's variable scope as the state store and parameter sections name it: "" for the
// workflow, the worklet instance path ("WKL_A", "WKL_A.WKL_INNER") inside a worklet.
inline std::string frame_scope_name(const Frame& frame) {
  return frame.prefix.empty() ? std::string() : frame.prefix.substr(0, frame.prefix.size() - 1);
}

}  // namespace taskweave::run
