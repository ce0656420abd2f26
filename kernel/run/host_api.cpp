#include "run/host_api.h"

#include "run/task_context.h"

namespace taskweave::run {
namespace {

TaskContext& ctx(tw_task_ctx* c) { return TaskContext::from(c); }

pugi::xml_node node_of(const tw_node* n) {
  return pugi::xml_node(reinterpret_cast<pugi::xml_node_struct*>(const_cast<tw_node*>(n)));
}
const tw_node* handle_of(pugi::xml_node n) {
  return n ? reinterpret_cast<const tw_node*>(n.internal_object()) : nullptr;
}

tw_host_api make_api() {
  tw_host_api a{};
  a.struct_size = sizeof(tw_host_api);
  a.abi_major = TW_ABI_MAJOR;
  a.abi_minor = TW_ABI_MINOR;
  a.log = [](tw_task_ctx* c, tw_log_level level, const char* m) { ctx(c).log(level, m); };
  a.task_log_write = [](tw_task_ctx* c, const char* d, size_t n) { ctx(c).task_log_write(d, n); };
  a.task_log_path = [](tw_task_ctx* c) { return ctx(c).task_log_path(); };
  a.task_info = [](tw_task_ctx* c) { return ctx(c).task_info(); };
  a.attribute = [](tw_task_ctx* c, const char* name) { return ctx(c).attribute(name); };
  a.value_pairs = [](tw_task_ctx* c, const tw_value_pair** out) { return ctx(c).value_pairs(out); };
  a.definition_node = [](tw_task_ctx* c) { return ctx(c).definition_node(); };
  a.instance_node = [](tw_task_ctx* c) { return ctx(c).instance_node(); };
  a.node_name = [](const tw_node* n) { return n ? node_of(n).name() : ""; };
  a.node_attribute = [](const tw_node* n, const char* name) -> const char* {
    if (!n || !name) return nullptr;
    auto attribute = node_of(n).attribute(name);
    return attribute ? attribute.value() : nullptr;
  };
  a.node_child = [](const tw_node* n, size_t index) -> const tw_node* {
    if (!n) return nullptr;
    for (auto child : node_of(n).children()) {
      if (child.type() != pugi::node_element) continue;
      if (index-- == 0) return handle_of(child);
    }
    return nullptr;
  };
  a.node_find = [](const tw_node* n, const char* element, const tw_node* after) {
    if (!n || !element) return static_cast<const tw_node*>(nullptr);
    return handle_of(after ? node_of(after).next_sibling(element) : node_of(n).child(element));
  };
  a.resolve_definition = [](tw_task_ctx* c, const char* element, const char* name) {
    return ctx(c).resolve_definition(element, name);
  };
  a.get_var = [](tw_task_ctx* c, const char* name, tw_value* out) {
    return ctx(c).get_var(name, out);
  };
  a.set_var = [](tw_task_ctx* c, const char* name, const tw_value* v, tw_error_buf* err) {
    return ctx(c).set_var(name, v, err);
  };
  a.eval = [](tw_task_ctx* c, const char* e, tw_value* out, tw_error_buf* err) {
    return ctx(c).eval(e, out, err);
  };
  a.expand = [](tw_task_ctx* c, const char* text, tw_error_buf* err) {
    return ctx(c).expand(text, err);
  };
  a.set_output = [](tw_task_ctx* c, const char* name, const tw_value* v) {
    return ctx(c).set_output(name, v);
  };
  a.set_error = [](tw_task_ctx* c, int64_t code, const char* m) { ctx(c).set_error(code, m); };
  a.control = [](tw_task_ctx* c, tw_control action, const char* reason) {
    return ctx(c).control(action, reason);
  };
  a.raise_event = [](tw_task_ctx* c, const char* e) { return ctx(c).raise_event(e); };
  a.event_raised = [](tw_task_ctx* c, const char* e) { return ctx(c).event_raised(e); };
  a.cancel_requested = [](tw_task_ctx* c) { return ctx(c).cancel_requested(); };
  a.sleep = [](tw_task_ctx* c, int64_t ms) { return ctx(c).sleep(ms); };
  a.yield_until = [](tw_task_ctx* c, int64_t s, int32_t ns, const char* e) {
    ctx(c).yield_until(s, ns, e);
  };
  a.start_time = [](tw_task_ctx* c, int which) { return ctx(c).start_time(which); };
  a.now = [](tw_task_ctx* c) { return ctx(c).now(); };
  a.config = [](tw_task_ctx* c, const char* key) { return ctx(c).config(key); };
  a.dir = [](tw_task_ctx* c, tw_dir which) { return ctx(c).dir(which); };
  a.add_secret = [](tw_task_ctx* c, const char* s) { ctx(c).add_secret(s); };
  a.describe = [](tw_task_ctx* c, const char* what) { ctx(c).describe(what); };
  return a;
}

}  // namespace

const tw_host_api* host_api() {
  static const tw_host_api api = make_api();
  return &api;
}

}  // namespace taskweave::run
