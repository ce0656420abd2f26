// The taskweave-worker protocol: how the host and an out-of-process task talk over the
// socketpair end the worker gets as fd 3 (docs/isolation.md).
//
// Frames: a 4-byte little-endian payload length, then the payload (1 .. kMaxFrameBytes bytes).
// Payload: one Op byte, then typed fields, each a tag byte and its data (frame_codec.h):
//   integer  'i' + 8 bytes (int64, little-endian)      real   'r' + 8 bytes (IEEE double)
//   string   's' + 4-byte length + bytes               null   'n' (an absent string/handle)
//   value    'v' + tw_value_type byte + its data (integer/status: 8 bytes, double: 8,
//            string: 4-byte length + bytes, datetime: 8-byte seconds + 4-byte nanos, null: none)
// A reader checks every tag and length, so a frame from a crashed or hostile worker is an error
// value, never an out-of-bounds read.
//
// Conversation (the worker is started as `taskweave-worker PLUGIN_FILE TASK_TYPE`):
//   worker: loads the plugin, create(), run()        host: serves calls until a final op
//   worker -> host  a host-function op with its arguments (below); the host answers with one
//                   Reply, except for the one-way ops (log, task_log_write, set_error,
//                   yield_until, add_secret, describe), which return nothing.
//   worker -> host  CannotStart(message): the plugin could not be loaded or create() failed;
//                   the worker then exits.
//   worker -> host  RunReturned(tw_run_result). Terminal results come after destroy(), and the
//                   worker exits; after TW_RUN_YIELD it keeps the task object and waits for
//   host -> worker  Resume (run() again) or Destroy (destroy() and exit).
//
// Host-function ops mirror tw_host_api one for one (same order); arguments in ABI order
// without the context, results in the Reply in ABI order (rc first, then out values, then the
// error text for functions taking a tw_error_buf). tw_node pointers are integer handles the
// host hands out per task (0 is NULL). Strings the ABI gives "task lifetime" are copied into
// worker storage that lives until the worker exits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace taskweave::isolation {

// Bounds a frame (and so every string in it); task_log_write data is sent in chunks below it.
inline constexpr std::size_t kMaxFrameBytes = 16u << 20;
inline constexpr std::size_t kTaskLogChunkBytes = 1u << 20;
// The fd the worker finds its socket on.
inline constexpr int kWorkerFd = 3;

enum class Op : std::uint8_t {
  // worker -> host: host functions, in tw_host_api order
  Log = 1,
  TaskLogWrite,
  TaskLogPath,
  TaskInfo,
  Attribute,
  ValuePairs,
  DefinitionNode,
  InstanceNode,
  NodeName,
  NodeAttribute,
  NodeChild,
  NodeFind,
  ResolveDefinition,
  GetVar,
  SetVar,
  Eval,
  Expand,
  SetOutput,
  SetError,
  Control,
  RaiseEvent,
  EventRaised,
  CancelRequested,
  Sleep,
  YieldUntil,
  StartTime,
  Now,
  Config,
  Dir,
  AddSecret,
  Describe,
  // worker -> host: the end of a run() or of the attempt to start
  RunReturned,
  CannotStart,
  // host -> worker
  Reply,
  Resume,
  Destroy,
};
inline constexpr std::uint8_t kLastOp = static_cast<std::uint8_t>(Op::Destroy);

// "get_var", "run_returned" ...: for error messages.
std::string_view op_name(Op op);
// True for the host functions that get no Reply.
bool is_one_way(Op op);

}  // namespace taskweave::isolation
