#include "isolation/protocol.h"

#include <array>

namespace taskweave::isolation {

std::string_view op_name(Op op) {
  static constexpr std::array<std::string_view, kLastOp + 1> kNames = {
      "invalid",        "log",
      "task_log_write", "task_log_path",
      "task_info",      "attribute",
      "value_pairs",    "definition_node",
      "instance_node",  "node_name",
      "node_attribute", "node_child",
      "node_find",      "resolve_definition",
      "get_var",        "set_var",
      "eval",           "expand",
      "set_output",     "set_error",
      "control",        "raise_event",
      "event_raised",   "cancel_requested",
      "sleep",          "yield_until",
      "start_time",     "now",
      "config",         "dir",
      "add_secret",     "describe",
      "run_returned",   "cannot_start",
      "reply",          "resume",
      "destroy"};
  const auto index = static_cast<std::size_t>(op);
  return index < kNames.size() ? kNames[index] : "invalid";
}

bool is_one_way(Op op) {
  switch (op) {
    case Op::Log:
    case Op::TaskLogWrite:
    case Op::SetError:
    case Op::YieldUntil:
    case Op::AddSecret:
    case Op::Describe:
      return true;
    default:
      return false;
  }
}

}  // namespace taskweave::isolation
