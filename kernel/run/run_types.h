// The vocabulary shared by the scheduling core, the executor and the task runners: how a task
// is named during a run, what a task reports when it ends or waits, and the clock.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expr/value.h"

namespace taskweave::run {

// A frame is one execution of a graph: the top-level workflow is frame 0 and every worklet
// instance that starts gets its own frame (a child run with its own variables).
using FrameIndex = std::uint32_t;
inline constexpr FrameIndex kNoFrame = 0xFFFFFFFFu;

// A task instance within a frame.
struct TaskId {
  FrameIndex frame = 0;
  std::uint32_t task = 0;  // model::TaskIndex in the frame's graph
  friend bool operator==(const TaskId&, const TaskId&) = default;
};

// Cancellation of a frame; numbered like tw_cancel.
enum class CancelKind : std::uint8_t { None = 0, Stop = 1, Abort = 2 };

// Control task effects; numbered like tw_control.
enum class ControlAction : std::uint8_t {
  FailParent = 1,
  StopParent = 2,
  AbortParent = 3,
  FailTop = 4,
  StopTop = 5,
  AbortTop = 6
};

struct ControlRequest {
  ControlAction action = ControlAction::FailParent;
  std::string reason;
};

struct NamedValue {
  std::string name;
  expr::Value value;
};

// What a task reports when run() returns a terminal result. Effects on the workflow
// (variables, controls, events) are applied by the scheduler when the task ends, in one step,
// so every observer sees them in a deterministic order.
struct TaskOutcome {
  expr::Status status = expr::Status::Succeeded;  // Succeeded, Failed, Stopped or Aborted
  std::int64_t error_code = 0;
  std::string error_msg;
  std::vector<NamedValue> outputs;      // predefined output variables (Condition, row counts)
  std::vector<NamedValue> assignments;  // user-defined $$ variables, already coerced, in order
  std::vector<ControlRequest> controls;
  std::vector<std::string> raised_events;
  std::string description;  // what the task did or, under dry run, would do
};

// What a task that returned TW_RUN_YIELD waits for: a time, an event, or both (whichever comes
// first). A stop or abort of its frame always wakes it.
struct WakeCondition {
  std::optional<expr::DateTime> at;
  std::string event;  // user-defined event of the task's frame; empty for none
};

// The host's wall clock as naive local time; tests inject a fake.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual expr::DateTime now() const = 0;
};

// The real clock: local time from the system clock.
class SystemClock : public Clock {
 public:
  expr::DateTime now() const override;

 private:
  mutable std::atomic<std::int64_t> offset_{0};                 // seconds east of UTC
  mutable std::atomic<std::int64_t> offset_minute_{INT64_MIN};  // minute it was read for
};

// Helpers for naive local date/times.
expr::DateTime add_nanos(expr::DateTime t, std::int64_t nanos);
std::int64_t nanos_between(expr::DateTime from, expr::DateTime to);

}  // namespace taskweave::run
