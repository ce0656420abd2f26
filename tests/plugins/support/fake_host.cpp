#include "fake_host.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <regex>

namespace taskweave::testing {

FakeValue FakeValue::from(const tw_value& v) {
  FakeValue out;
  out.type = static_cast<tw_value_type>(v.type);
  out.integer = v.integer;
  out.real = v.real;
  if (v.type == TW_VALUE_STRING && v.string) out.string.assign(v.string, v.string_size);
  out.seconds = v.seconds;
  out.nanos = v.nanos;
  return out;
}

FakeValue FakeValue::of_integer(int64_t v) {
  FakeValue out;
  out.type = TW_VALUE_INTEGER;
  out.integer = v;
  return out;
}

FakeValue FakeValue::of_string(std::string v) {
  FakeValue out;
  out.type = TW_VALUE_STRING;
  out.string = std::move(v);
  return out;
}

tw_value FakeValue::view() const {
  tw_value v{};
  v.type = type;
  v.integer = integer;
  v.real = real;
  v.string = string.data();
  v.string_size = string.size();
  v.seconds = seconds;
  v.nanos = nanos;
  return v;
}

struct FakeHost::Impl {
  tw_host_api api{};
  tw_task_info info{};
  pugi::xml_document definition_doc, instance_doc, folder_doc;
  std::deque<std::string> arena;  // strings handed out with task lifetime
  std::vector<tw_value_pair> pairs;
  std::string log_path;

  const char* keep(std::string s) { return arena.emplace_back(std::move(s)).c_str(); }
};

namespace {

FakeHost& self(tw_task_ctx* ctx) { return *reinterpret_cast<FakeHost*>(ctx); }
pugi::xml_node node_of(const tw_node* n) {
  return pugi::xml_node(reinterpret_cast<pugi::xml_node_struct*>(const_cast<tw_node*>(n)));
}
const tw_node* handle(pugi::xml_node n) {
  return n ? reinterpret_cast<const tw_node*>(n.internal_object()) : nullptr;
}
void write(tw_error_buf* err, const std::string& message) {
  if (!err || !err->data || err->capacity == 0) return;
  size_t n = std::min(message.size(), err->capacity - 1);
  std::memcpy(err->data, message.data(), n);
  err->data[n] = '\0';
}
tw_value datetime(int64_t seconds) {
  tw_value v{};
  v.type = TW_VALUE_DATETIME;
  v.seconds = seconds;
  return v;
}

tw_host_api make_api() {
  tw_host_api a{};
  a.struct_size = sizeof(tw_host_api);
  a.abi_major = TW_ABI_MAJOR;
  a.abi_minor = TW_ABI_MINOR;
  a.log = [](tw_task_ctx* c, tw_log_level level, const char* m) {
    self(c).logs.push_back({level, m});
  };
  a.task_log_write = [](tw_task_ctx* c, const char* data, size_t size) {
    self(c).task_log.append(data, size);
  };
  a.task_log_path = [](tw_task_ctx* c) {
    auto& h = self(c);
    return h.impl()->log_path.c_str();
  };
  a.task_info = [](tw_task_ctx* c) -> const tw_task_info* {
    auto& h = self(c);
    auto& i = h.impl()->info;
    i.struct_size = sizeof(tw_task_info);
    i.path = h.path.c_str();
    i.instance_name = h.instance_name.c_str();
    i.task_name = h.task_name.c_str();
    i.task_type = h.task_type.c_str();
    i.workflow_name = h.workflow_name.c_str();
    i.folder_name = h.folder_name.c_str();
    i.run_id = h.run_id.c_str();
    i.reusable = 0;
    i.definition_found = h.definition_found ? 1 : 0;
    i.dry_run = h.dry_run ? 1 : 0;
    i.attempt = 1;
    return &i;
  };
  a.attribute = [](tw_task_ctx* c, const char* name) -> const char* {
    auto& h = self(c);
    auto it = h.attributes.find(name);
    return it == h.attributes.end() ? nullptr : it->second.c_str();
  };
  a.value_pairs = [](tw_task_ctx* c, const tw_value_pair** out) -> size_t {
    auto& h = self(c);
    auto& pairs = h.impl()->pairs;
    pairs.clear();
    int64_t order = 1;
    for (auto& [name, value] : h.value_pairs)
      pairs.push_back({name.c_str(), value.c_str(), order++});
    *out = pairs.data();
    return pairs.size();
  };
  a.definition_node = [](tw_task_ctx* c) {
    return handle(self(c).impl()->definition_doc.document_element());
  };
  a.instance_node = [](tw_task_ctx* c) {
    return handle(self(c).impl()->instance_doc.document_element());
  };
  a.node_name = [](const tw_node* n) { return node_of(n).name(); };
  a.node_attribute = [](const tw_node* n, const char* name) -> const char* {
    auto attr = node_of(n).attribute(name);
    return attr ? attr.value() : nullptr;
  };
  a.node_child = [](const tw_node* n, size_t index) -> const tw_node* {
    for (auto child : node_of(n).children()) {
      if (child.type() != pugi::node_element) continue;
      if (index-- == 0) return handle(child);
    }
    return nullptr;
  };
  a.node_find = [](const tw_node* n, const char* element, const tw_node* after) {
    return handle(after ? node_of(after).next_sibling(element) : node_of(n).child(element));
  };
  a.resolve_definition = [](tw_task_ctx* c, const char* element, const char* name) {
    auto root = self(c).impl()->folder_doc.document_element();
    return handle(root.find_child_by_attribute(element, "NAME", name));
  };
  a.get_var = [](tw_task_ctx* c, const char* name, tw_value* out) {
    auto& h = self(c);
    auto it = h.vars.find(name);
    if (it == h.vars.end()) return TW_ERR_NOT_FOUND;
    *out = it->second.view();
    return TW_OK;
  };
  a.set_var = [](tw_task_ctx* c, const char* name, const tw_value* value, tw_error_buf* err) {
    if (auto& hook = self(c).set_var_hook) {
      std::string error;
      tw_rc rc = hook(name, FakeValue::from(*value), error);
      if (rc != TW_OK) write(err, error);
      return rc;
    }
    if (std::strncmp(name, "$$", 2) != 0) {
      write(err, std::string("cannot assign ") + name + ": not a user-defined $$ variable");
      return TW_ERR_DENIED;
    }
    self(c).vars[name] = FakeValue::from(*value);
    return TW_OK;
  };
  a.eval = [](tw_task_ctx* c, const char* expression, tw_value* out, tw_error_buf* err) {
    auto& h = self(c);
    if (!h.eval_hook) {
      write(err, "the fake host has no eval_hook");
      return TW_ERR_INVALID;
    }
    std::string error;
    auto value = h.eval_hook(expression, error);
    if (!value) {
      write(err, error);
      return TW_ERR_INVALID;
    }
    auto& kept = h.outputs["__eval__"] = *value;  // keep string bytes alive
    *out = kept.view();
    return TW_OK;
  };
  a.expand = [](tw_task_ctx* c, const char* text, tw_error_buf*) -> const char* {
    auto& h = self(c);
    static const std::regex ref(R"(\$\$[A-Za-z0-9_]+)");
    std::string in = text, out;
    std::sregex_iterator it(in.begin(), in.end(), ref), end;
    size_t last = 0;
    for (; it != end; ++it) {
      out.append(in, last, it->position() - last);
      auto var = h.vars.find(it->str());
      out += var == h.vars.end()                    ? it->str()
             : var->second.type == TW_VALUE_INTEGER ? std::to_string(var->second.integer)
                                                    : var->second.string;
      last = it->position() + it->length();
    }
    out.append(in, last);
    return h.impl()->keep(std::move(out));
  };
  a.set_output = [](tw_task_ctx* c, const char* name, const tw_value* value) {
    self(c).outputs[name] = FakeValue::from(*value);
    return TW_OK;
  };
  a.set_error = [](tw_task_ctx* c, int64_t code, const char* message) {
    self(c).error = std::make_pair(code, std::string(message));
  };
  a.control = [](tw_task_ctx* c, tw_control action, const char* reason) {
    self(c).controls.emplace_back(action, reason);
    return TW_OK;
  };
  a.raise_event = [](tw_task_ctx* c, const char* event) {
    self(c).raised_events.emplace_back(event);
    return TW_OK;
  };
  a.event_raised = [](tw_task_ctx* c, const char* event) {
    auto& e = self(c).raised_events;
    return std::find(e.begin(), e.end(), event) != e.end() ? 1 : 0;
  };
  a.cancel_requested = [](tw_task_ctx* c) { return self(c).cancel.load(); };
  a.sleep = [](tw_task_ctx* c, int64_t ms) {
    auto& h = self(c);
    h.sleeps_ms.push_back(ms);
    h.now_seconds += ms / 1000;
    return h.cancel.load();
  };
  a.yield_until = [](tw_task_ctx* c, int64_t seconds, int32_t nanos, const char* event) {
    self(c).last_yield =
        FakeHost::Yield{seconds, nanos, event ? std::optional<std::string>(event) : std::nullopt};
  };
  a.start_time = [](tw_task_ctx* c, int which) {
    return datetime(self(c).start_seconds[std::clamp(which, 0, 2)]);
  };
  a.now = [](tw_task_ctx* c) {
    tw_value v = datetime(self(c).now_seconds);
    v.nanos = self(c).now_nanos;
    return v;
  };
  a.config = [](tw_task_ctx* c, const char* key) -> const char* {
    auto& h = self(c);
    auto it = h.config.find(key);
    return it == h.config.end() ? nullptr : it->second.c_str();
  };
  a.dir = [](tw_task_ctx* c, tw_dir which) -> const char* {
    auto& h = self(c);
    auto it = h.dirs.find(which);
    return h.impl()->keep(it == h.dirs.end() ? std::filesystem::temp_directory_path().string()
                                             : it->second.string());
  };
  a.add_secret = [](tw_task_ctx* c, const char* secret) { self(c).secrets.emplace_back(secret); };
  a.describe = [](tw_task_ctx* c, const char* what) { self(c).descriptions.emplace_back(what); };
  return a;
}

}  // namespace

FakeHost::FakeHost() : impl_(std::make_unique<Impl>()) {
  impl_->api = make_api();
  impl_->log_path = (std::filesystem::temp_directory_path() / "taskweave-fake-task.log").string();
}

FakeHost::~FakeHost() = default;

const tw_host_api* FakeHost::api() const { return &impl_->api; }
tw_task_ctx* FakeHost::ctx() { return reinterpret_cast<tw_task_ctx*>(this); }

void FakeHost::set_definition_xml(const std::string& xml) {
  impl_->definition_doc.load_string(xml.c_str());
}
void FakeHost::set_instance_xml(const std::string& xml) {
  impl_->instance_doc.load_string(xml.c_str());
}
void FakeHost::set_folder_xml(const std::string& xml) {
  impl_->folder_doc.load_string(xml.c_str());
}

std::optional<tw_run_result> FakeHost::run(const tw_task_type& type, int max_resumes) {
  char buffer[1024] = {0};
  tw_error_buf err{buffer, sizeof(buffer)};
  void* task = type.create(api(), ctx(), &err);
  if (!task) {
    create_error = buffer;
    return std::nullopt;
  }
  tw_run_result result = type.run(task);
  for (int i = 0; result == TW_RUN_YIELD && i < max_resumes; ++i) {
    // Time passes until the requested deadline (a cancelled run wakes the task at once).
    if (last_yield && cancel.load() == TW_CANCEL_NONE &&
        std::pair(last_yield->seconds, last_yield->nanos) > std::pair(now_seconds, now_nanos)) {
      now_seconds = last_yield->seconds;
      now_nanos = last_yield->nanos;
    }
    result = type.run(task);
  }
  type.destroy(task);
  return result;
}

const tw_task_type* FakeHost::find_type(const tw_plugin_descriptor* plugin,
                                        const std::string& name) {
  for (size_t i = 0; plugin && i < plugin->task_type_count; ++i)
    if (name == plugin->task_types[i].name) return &plugin->task_types[i];
  return nullptr;
}

const tw_plugin_descriptor* FakeHost::open_plugin(const std::filesystem::path& file,
                                                  std::string& error) {
  void* library = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    error = dlerror();
    return nullptr;
  }
  auto entry = reinterpret_cast<tw_plugin_entry_fn>(dlsym(library, TW_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    error = std::string("no ") + TW_PLUGIN_ENTRY_SYMBOL + " in " + file.string();
    return nullptr;
  }
  return entry(TW_ABI_MAJOR, TW_ABI_MINOR);
}

bool FakeHost::logged(const std::string& needle) const {
  if (task_log.find(needle) != std::string::npos) return true;
  for (const auto& line : logs)
    if (line.message.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace taskweave::testing
