// Task types: the TASKTYPE / TYPE strings of an export, normalised.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace taskweave::model {

enum class TaskType : std::uint8_t {
  Start,
  Session,
  Command,
  Email,
  Decision,
  Assignment,
  Timer,
  Control,
  EventWait,
  EventRaise,
  Worklet,
  Other,  // a vendor or unknown type: keep the raw string (TaskInstance::raw_type)
};

// Case-, space-, '-' and '_'-insensitive: "Event-wait", "Event Wait", "EventWait" and
// "EVENT_WAIT" are all EventWait. Anything unknown is Other.
TaskType task_type_from_string(std::string_view raw);

// The contract name (cli-contract.md): "Start", "Session", ..., "Event-Wait", "Event-Raise",
// "Worklet"; "" for Other (callers show the raw string instead).
std::string_view task_type_name(TaskType type);

// The predefined task variables of a type (semantics.md §4), e.g. Status, TgtSuccessRows.
// Empty for Other, whose variables are unknown.
std::span<const std::string_view> predefined_variables(TaskType type);

// Whether `$Task.<name>` is a variable of a task of this type; case-insensitive. Every name is
// accepted for Other, since a vendor type may define its own.
bool is_predefined_variable(TaskType type, std::string_view name);

}  // namespace taskweave::model
