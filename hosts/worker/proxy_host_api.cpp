#include "proxy_host_api.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace taskweave::worker {
namespace {

using isolation::FrameReader;
using isolation::FrameWriter;
using isolation::Op;

// One task per process: the node functions get no context, so the channel is process-wide.
WorkerChannel* g_channel = nullptr;
std::deque<std::string> g_arena;  // task-lifetime strings handed to the plugin

WorkerChannel& channel() { return *g_channel; }

const char* keep(const std::optional<std::string_view>& text) {
  if (!text) return nullptr;
  return g_arena.emplace_back(*text).c_str();
}

tw_value keep(tw_value value) {
  if (value.type == TW_VALUE_STRING) {
    const std::string& copy = g_arena.emplace_back(value.string, value.string_size);
    value.string = copy.data();
  }
  return value;
}

const tw_node* node_of(std::int64_t handle) {
  return reinterpret_cast<const tw_node*>(static_cast<std::uintptr_t>(handle));
}
std::int64_t handle_of(const tw_node* node) {
  return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(node));
}

// Like the host's own writer: truncated to fit, always NUL-terminated, untouched when empty.
void copy_error(tw_error_buf* err, std::string_view text) {
  if (text.empty() || !err || !err->data || err->capacity == 0) return;
  const size_t n = std::min(text.size(), err->capacity - 1);
  std::memcpy(err->data, text.data(), n);
  err->data[n] = '\0';
}

// Calls returning one value of a kind.
const char* string_call(FrameWriter& frame) {
  FrameReader& reply = channel().call(frame);
  std::optional<std::string_view> text;
  reply.optional_string(text);
  channel().check(reply);
  return keep(text);
}

std::int64_t integer_call(FrameWriter& frame) {
  FrameReader& reply = channel().call(frame);
  std::int64_t value = 0;
  reply.integer(value);
  channel().check(reply);
  return value;
}

tw_value value_call(FrameWriter& frame) {
  FrameReader& reply = channel().call(frame);
  tw_value value{};
  reply.value(value);
  channel().check(reply);
  return keep(value);
}

const tw_node* node_call(FrameWriter& frame) { return node_of(integer_call(frame)); }

void one_way(FrameWriter& frame) { channel().send(frame); }

const tw_task_info* task_info() {
  static tw_task_info info{};
  if (info.struct_size) return &info;
  FrameWriter frame(Op::TaskInfo);
  FrameReader& reply = channel().call(frame);
  const char** strings[] = {&info.path,      &info.instance_name, &info.task_name,
                            &info.task_type, &info.workflow_name, &info.folder_name,
                            &info.run_id};
  for (const char** s : strings) {
    std::optional<std::string_view> text;
    reply.optional_string(text);
    *s = keep(text);
  }
  std::int32_t* ints[] = {&info.reusable, &info.definition_found, &info.dry_run, &info.attempt};
  for (std::int32_t* i : ints) {
    std::int64_t value = 0;
    reply.integer(value);
    *i = static_cast<std::int32_t>(value);
  }
  channel().check(reply);
  info.struct_size = sizeof info;
  return &info;
}

size_t value_pairs(const tw_value_pair** out) {
  static std::vector<tw_value_pair> pairs;
  static bool fetched = false;
  if (!fetched) {
    FrameWriter frame(Op::ValuePairs);
    FrameReader& reply = channel().call(frame);
    std::int64_t count = 0;
    reply.integer(count);
    // Each pair takes at least 11 bytes, so a count the frame cannot hold is an error below.
    for (std::int64_t i = 0; i < count && reply.ok(); ++i) {
      std::optional<std::string_view> name, value;
      std::int64_t order = 0;
      reply.optional_string(name);
      reply.optional_string(value);
      reply.integer(order);
      pairs.push_back({keep(name), keep(value), order});
    }
    channel().check(reply);
    fetched = true;
  }
  if (out) *out = pairs.data();
  return pairs.size();
}

tw_host_api make_api() {
  tw_host_api a{};
  a.struct_size = sizeof(tw_host_api);
  a.abi_major = TW_ABI_MAJOR;
  a.abi_minor = TW_ABI_MINOR;
  a.log = [](tw_task_ctx*, tw_log_level level, const char* message) {
    FrameWriter frame(Op::Log);
    frame.integer(level).optional_string(message);
    one_way(frame);
  };
  a.task_log_write = [](tw_task_ctx*, const char* data, size_t size) {
    if (!data) return;
    for (size_t at = 0; at < size; at += isolation::kTaskLogChunkBytes) {
      FrameWriter frame(Op::TaskLogWrite);
      frame.string({data + at, std::min(size - at, isolation::kTaskLogChunkBytes)});
      one_way(frame);
    }
  };
  a.task_log_path = [](tw_task_ctx*) {
    FrameWriter frame(Op::TaskLogPath);
    return string_call(frame);
  };
  a.task_info = [](tw_task_ctx*) { return task_info(); };
  a.attribute = [](tw_task_ctx*, const char* name) {
    FrameWriter frame(Op::Attribute);
    frame.optional_string(name);
    return string_call(frame);
  };
  a.value_pairs = [](tw_task_ctx*, const tw_value_pair** out) { return value_pairs(out); };
  a.definition_node = [](tw_task_ctx*) {
    FrameWriter frame(Op::DefinitionNode);
    return node_call(frame);
  };
  a.instance_node = [](tw_task_ctx*) {
    FrameWriter frame(Op::InstanceNode);
    return node_call(frame);
  };
  a.node_name = [](const tw_node* node) {
    FrameWriter frame(Op::NodeName);
    frame.integer(handle_of(node));
    return string_call(frame);
  };
  a.node_attribute = [](const tw_node* node, const char* name) {
    FrameWriter frame(Op::NodeAttribute);
    frame.integer(handle_of(node)).optional_string(name);
    return string_call(frame);
  };
  a.node_child = [](const tw_node* node, size_t index) {
    FrameWriter frame(Op::NodeChild);
    frame.integer(handle_of(node))
        .integer(static_cast<std::int64_t>(std::min<size_t>(index, INT64_MAX)));
    return node_call(frame);
  };
  a.node_find = [](const tw_node* node, const char* element, const tw_node* after) {
    FrameWriter frame(Op::NodeFind);
    frame.integer(handle_of(node)).optional_string(element).integer(handle_of(after));
    return node_call(frame);
  };
  a.resolve_definition = [](tw_task_ctx*, const char* element, const char* name) {
    FrameWriter frame(Op::ResolveDefinition);
    frame.optional_string(element).optional_string(name);
    return node_call(frame);
  };
  a.get_var = [](tw_task_ctx*, const char* name, tw_value* out) {
    FrameWriter frame(Op::GetVar);
    frame.optional_string(name);
    FrameReader& reply = channel().call(frame);
    std::int64_t rc = 0;
    tw_value value{};
    reply.integer(rc);
    reply.value(value);
    channel().check(reply);
    if (out) *out = keep(value);
    return static_cast<tw_rc>(rc);
  };
  a.set_var = [](tw_task_ctx*, const char* name, const tw_value* value, tw_error_buf* err) {
    if (!value) return TW_ERR_INVALID;  // as the host answers a missing value
    FrameWriter frame(Op::SetVar);
    frame.optional_string(name).value(*value);
    FrameReader& reply = channel().call(frame);
    std::int64_t rc = 0;
    std::string_view error;
    reply.integer(rc);
    reply.string(error);
    channel().check(reply);
    copy_error(err, error);
    return static_cast<tw_rc>(rc);
  };
  a.eval = [](tw_task_ctx*, const char* expression, tw_value* out, tw_error_buf* err) {
    FrameWriter frame(Op::Eval);
    frame.optional_string(expression);
    FrameReader& reply = channel().call(frame);
    std::int64_t rc = 0;
    tw_value value{};
    std::string_view error;
    reply.integer(rc);
    reply.value(value);
    reply.string(error);
    channel().check(reply);
    if (out) *out = keep(value);
    copy_error(err, error);
    return static_cast<tw_rc>(rc);
  };
  a.expand = [](tw_task_ctx*, const char* text, tw_error_buf* err) {
    FrameWriter frame(Op::Expand);
    frame.optional_string(text);
    FrameReader& reply = channel().call(frame);
    std::optional<std::string_view> expanded;
    std::string_view error;
    reply.optional_string(expanded);
    reply.string(error);
    channel().check(reply);
    copy_error(err, error);
    return keep(expanded);
  };
  a.set_output = [](tw_task_ctx*, const char* name, const tw_value* value) {
    if (!value) return TW_ERR_INVALID;
    FrameWriter frame(Op::SetOutput);
    frame.optional_string(name).value(*value);
    return static_cast<tw_rc>(integer_call(frame));
  };
  a.set_error = [](tw_task_ctx*, int64_t code, const char* message) {
    FrameWriter frame(Op::SetError);
    frame.integer(code).optional_string(message);
    one_way(frame);
  };
  a.control = [](tw_task_ctx*, tw_control action, const char* reason) {
    FrameWriter frame(Op::Control);
    frame.integer(action).optional_string(reason);
    return static_cast<tw_rc>(integer_call(frame));
  };
  a.raise_event = [](tw_task_ctx*, const char* event) {
    FrameWriter frame(Op::RaiseEvent);
    frame.optional_string(event);
    return static_cast<tw_rc>(integer_call(frame));
  };
  a.event_raised = [](tw_task_ctx*, const char* event) {
    FrameWriter frame(Op::EventRaised);
    frame.optional_string(event);
    return static_cast<int>(integer_call(frame));
  };
  a.cancel_requested = [](tw_task_ctx*) {
    FrameWriter frame(Op::CancelRequested);
    return static_cast<int>(integer_call(frame));
  };
  a.sleep = [](tw_task_ctx*, int64_t timeout_ms) {
    FrameWriter frame(Op::Sleep);
    frame.integer(timeout_ms);
    return static_cast<int>(integer_call(frame));
  };
  a.yield_until = [](tw_task_ctx*, int64_t seconds, int32_t nanos, const char* event) {
    FrameWriter frame(Op::YieldUntil);
    frame.integer(seconds).integer(nanos).optional_string(event);
    one_way(frame);
  };
  a.start_time = [](tw_task_ctx*, int which) {
    FrameWriter frame(Op::StartTime);
    frame.integer(which);
    return value_call(frame);
  };
  a.now = [](tw_task_ctx*) {
    FrameWriter frame(Op::Now);
    return value_call(frame);
  };
  a.config = [](tw_task_ctx*, const char* key) {
    FrameWriter frame(Op::Config);
    frame.optional_string(key);
    return string_call(frame);
  };
  a.dir = [](tw_task_ctx*, tw_dir which) {
    FrameWriter frame(Op::Dir);
    frame.integer(which);
    return string_call(frame);
  };
  a.add_secret = [](tw_task_ctx*, const char* secret) {
    FrameWriter frame(Op::AddSecret);
    frame.optional_string(secret);
    one_way(frame);
  };
  a.describe = [](tw_task_ctx*, const char* what) {
    FrameWriter frame(Op::Describe);
    frame.optional_string(what);
    one_way(frame);
  };
  return a;
}

}  // namespace

const tw_host_api* proxy_host_api(WorkerChannel& channel) {
  g_channel = &channel;
  static const tw_host_api api = make_api();
  return &api;
}

}  // namespace taskweave::worker
