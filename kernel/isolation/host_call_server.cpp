#include "isolation/host_call_server.h"

#include <limits>

namespace taskweave::isolation {
namespace {

// A string argument as the C function wants it: NUL-terminated, or NULL when the worker sent
// the null field.
class CString {
 public:
  bool read(FrameReader& call) {
    std::optional<std::string_view> text;
    if (!call.optional_string(text)) return false;
    if (text) value_.emplace(*text);
    return true;
  }
  const char* get() const { return value_ ? value_->c_str() : nullptr; }

 private:
  std::optional<std::string> value_;
};

struct ErrorBuffer {
  char data[1024] = {};
  tw_error_buf buf{data, sizeof data};
  std::string_view text() const { return data; }
};

bool fits_int(std::int64_t v, std::int64_t low, std::int64_t high) { return v >= low && v <= high; }

}  // namespace

std::int64_t HostCallServer::handle_of(const tw_node* node) {
  if (!node) return 0;
  auto [it, added] = handles_.try_emplace(node, static_cast<std::int64_t>(nodes_.size() + 1));
  if (added) nodes_.push_back(node);
  return it->second;
}

bool HostCallServer::node_of(FrameReader& call, const tw_node*& node) {
  std::int64_t handle = 0;
  if (!call.integer(handle)) return false;
  if (handle < 0 || handle > static_cast<std::int64_t>(nodes_.size())) {
    node_error_ = "unknown node handle " + std::to_string(handle);
    return false;
  }
  node = handle == 0 ? nullptr : nodes_[static_cast<std::size_t>(handle - 1)];
  return true;
}

std::string HostCallServer::serve(FrameReader& call, std::optional<FrameWriter>& reply) {
  node_error_.clear();
  reply.reset();
  const Op op = *call.op();
  FrameWriter out(Op::Reply);
  bool ok = true;
  switch (op) {
    case Op::Log: {
      std::int64_t level = 0;
      CString message;
      ok = call.integer(level) && message.read(call) && call.at_end() &&
           fits_int(level, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
      if (ok) api_->log(ctx_, static_cast<tw_log_level>(level), message.get());
      break;
    }
    case Op::TaskLogWrite: {
      std::string_view data;
      ok = call.string(data) && call.at_end();
      if (ok) api_->task_log_write(ctx_, data.data(), data.size());
      break;
    }
    case Op::TaskLogPath:
      ok = call.at_end();
      if (ok) out.optional_string(api_->task_log_path(ctx_));
      break;
    case Op::TaskInfo: {
      ok = call.at_end();
      if (!ok) break;
      const tw_task_info* info = api_->task_info(ctx_);
      for (const char* s : {info->path, info->instance_name, info->task_name, info->task_type,
                            info->workflow_name, info->folder_name, info->run_id})
        out.optional_string(s);
      for (std::int32_t v : {info->reusable, info->definition_found, info->dry_run, info->attempt})
        out.integer(v);
      break;
    }
    case Op::Attribute: {
      CString name;
      ok = name.read(call) && call.at_end();
      if (ok) out.optional_string(api_->attribute(ctx_, name.get()));
      break;
    }
    case Op::ValuePairs: {
      ok = call.at_end();
      if (!ok) break;
      const tw_value_pair* pairs = nullptr;
      const size_t count = api_->value_pairs(ctx_, &pairs);
      out.integer(static_cast<std::int64_t>(count));
      for (size_t i = 0; i < count; ++i)
        out.optional_string(pairs[i].name)
            .optional_string(pairs[i].value)
            .integer(pairs[i].exec_order);
      break;
    }
    case Op::DefinitionNode:
    case Op::InstanceNode:
      ok = call.at_end();
      if (ok)
        out.integer(handle_of(op == Op::DefinitionNode ? api_->definition_node(ctx_)
                                                       : api_->instance_node(ctx_)));
      break;
    case Op::NodeName: {
      const tw_node* node = nullptr;
      ok = node_of(call, node) && call.at_end();
      if (ok) out.optional_string(api_->node_name(node));
      break;
    }
    case Op::NodeAttribute: {
      const tw_node* node = nullptr;
      CString name;
      ok = node_of(call, node) && name.read(call) && call.at_end();
      if (ok) out.optional_string(api_->node_attribute(node, name.get()));
      break;
    }
    case Op::NodeChild: {
      const tw_node* node = nullptr;
      std::int64_t index = 0;
      ok = node_of(call, node) && call.integer(index) && call.at_end() && index >= 0;
      if (ok) out.integer(handle_of(api_->node_child(node, static_cast<size_t>(index))));
      break;
    }
    case Op::NodeFind: {
      const tw_node *node = nullptr, *after = nullptr;
      CString element;
      ok = node_of(call, node) && element.read(call) && node_of(call, after) && call.at_end();
      if (ok) out.integer(handle_of(api_->node_find(node, element.get(), after)));
      break;
    }
    case Op::ResolveDefinition: {
      CString element, name;
      ok = element.read(call) && name.read(call) && call.at_end();
      if (ok) out.integer(handle_of(api_->resolve_definition(ctx_, element.get(), name.get())));
      break;
    }
    case Op::GetVar: {
      CString name;
      ok = name.read(call) && call.at_end();
      if (!ok) break;
      tw_value value{};
      out.integer(api_->get_var(ctx_, name.get(), &value)).value(value);
      break;
    }
    case Op::SetVar: {
      CString name;
      tw_value value{};
      ok = name.read(call) && call.value(value) && call.at_end();
      if (!ok) break;
      ErrorBuffer err;
      out.integer(api_->set_var(ctx_, name.get(), &value, &err.buf)).string(err.text());
      break;
    }
    case Op::Eval: {
      CString expression;
      ok = expression.read(call) && call.at_end();
      if (!ok) break;
      ErrorBuffer err;
      tw_value value{};
      out.integer(api_->eval(ctx_, expression.get(), &value, &err.buf))
          .value(value)
          .string(err.text());
      break;
    }
    case Op::Expand: {
      CString text;
      ok = text.read(call) && call.at_end();
      if (!ok) break;
      ErrorBuffer err;
      const char* expanded = api_->expand(ctx_, text.get(), &err.buf);
      out.optional_string(expanded).string(err.text());
      break;
    }
    case Op::SetOutput: {
      CString name;
      tw_value value{};
      ok = name.read(call) && call.value(value) && call.at_end();
      if (ok) out.integer(api_->set_output(ctx_, name.get(), &value));
      break;
    }
    case Op::SetError: {
      std::int64_t code = 0;
      CString message;
      ok = call.integer(code) && message.read(call) && call.at_end();
      if (ok) api_->set_error(ctx_, code, message.get());
      break;
    }
    case Op::Control: {
      std::int64_t action = 0;
      CString reason;
      ok = call.integer(action) && reason.read(call) && call.at_end() &&
           fits_int(action, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
      if (ok) out.integer(api_->control(ctx_, static_cast<tw_control>(action), reason.get()));
      break;
    }
    case Op::RaiseEvent:
    case Op::EventRaised: {
      CString event;
      ok = event.read(call) && call.at_end();
      if (ok)
        out.integer(op == Op::RaiseEvent ? api_->raise_event(ctx_, event.get())
                                         : api_->event_raised(ctx_, event.get()));
      break;
    }
    case Op::CancelRequested:
      ok = call.at_end();
      if (ok) out.integer(api_->cancel_requested(ctx_));
      break;
    case Op::Sleep: {
      std::int64_t ms = 0;
      ok = call.integer(ms) && call.at_end();
      if (ok) out.integer(api_->sleep(ctx_, ms));
      break;
    }
    case Op::YieldUntil: {
      std::int64_t seconds = 0, nanos = 0;
      CString event;
      ok = call.integer(seconds) && call.integer(nanos) && event.read(call) && call.at_end() &&
           fits_int(nanos, 0, 999'999'999);
      if (ok) api_->yield_until(ctx_, seconds, static_cast<int32_t>(nanos), event.get());
      break;
    }
    case Op::StartTime: {
      std::int64_t which = 0;
      ok = call.integer(which) && call.at_end() && fits_int(which, 0, 2);
      if (ok) out.value(api_->start_time(ctx_, static_cast<int>(which)));
      break;
    }
    case Op::Now:
      ok = call.at_end();
      if (ok) out.value(api_->now(ctx_));
      break;
    case Op::Config: {
      CString key;
      ok = key.read(call) && call.at_end();
      if (ok) out.optional_string(api_->config(ctx_, key.get()));
      break;
    }
    case Op::Dir: {
      std::int64_t which = 0;
      ok = call.integer(which) && call.at_end() && fits_int(which, TW_DIR_WORK, TW_DIR_CONFIG);
      if (ok) out.optional_string(api_->dir(ctx_, static_cast<tw_dir>(which)));
      break;
    }
    case Op::AddSecret:
    case Op::Describe: {
      CString text;
      ok = text.read(call) && call.at_end();
      if (ok && op == Op::AddSecret) api_->add_secret(ctx_, text.get());
      if (ok && op == Op::Describe) api_->describe(ctx_, text.get());
      break;
    }
    default:
      return "unexpected " + std::string(op_name(op)) + " message while the task runs";
  }
  if (!ok) {
    if (!call.ok()) return call.error();
    if (!node_error_.empty()) return node_error_ + " in " + std::string(op_name(op));
    return "an argument of " + std::string(op_name(op)) + " is out of range";
  }
  if (!is_one_way(op)) reply.emplace(std::move(out));
  return "";
}

}  // namespace taskweave::isolation
