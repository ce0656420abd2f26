// taskweave plugin SDK: a header-only C++20 layer over the C ABI in abi.h.
//
// A vendor writes a class with a `tw_run_result run(Context&)` member and registers it:
//
//   #include <taskweave/sdk.hpp>
//   namespace sdk = taskweave::sdk;
//   class HttpGet {
//    public:
//     tw_run_result run(sdk::Context& ctx) {
//       auto url = ctx.expand(ctx.attribute("URL").value_or(""));
//       if (!url) { ctx.fail(1, url.error()); return TW_RUN_FAILED; }
//       ctx.info("fetching " + *url);
//       return TW_RUN_SUCCEEDED;
//     }
//   };
//   TASKWEAVE_PLUGIN("acme-http", "1.0.0", "Acme Corp",
//                    sdk::task_type<HttpGet>("acme.http_get", "Fetches a URL"))
//
// A task class may also have a constructor taking `Context&` (it runs inside create(); throwing
// there fails the task with the exception's message). Exceptions never cross the ABI: the
// trampolines below are noexcept and turn them into task failures.
#ifndef TASKWEAVE_SDK_HPP
#define TASKWEAVE_SDK_HPP

#include <taskweave/abi.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace taskweave::sdk {

// A value or an error message; enough for the SDK without requiring C++23 std::expected.
template <class T>
class Expected {
 public:
  Expected(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  static Expected failure(std::string message) {
    Expected e;
    e.error_ = std::move(message);
    return e;
  }
  explicit operator bool() const { return value_.has_value(); }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return &*value_; }
  const std::string& error() const { return error_; }

 private:
  Expected() = default;
  std::optional<T> value_;
  std::string error_;
};

inline tw_value make_null() { return tw_value{TW_VALUE_NULL, 0, 0.0, nullptr, 0, 0, 0}; }
inline tw_value make_integer(int64_t v) {
  tw_value out = make_null();
  out.type = TW_VALUE_INTEGER;
  out.integer = v;
  return out;
}
inline tw_value make_double(double v) {
  tw_value out = make_null();
  out.type = TW_VALUE_DOUBLE;
  out.real = v;
  return out;
}
// The view must outlive the call the value is passed to.
inline tw_value make_string(std::string_view v) {
  tw_value out = make_null();
  out.type = TW_VALUE_STRING;
  out.string = v.data();
  out.string_size = v.size();
  return out;
}
inline tw_value make_datetime(int64_t seconds, int32_t nanos) {
  tw_value out = make_null();
  out.type = TW_VALUE_DATETIME;
  out.seconds = seconds;
  out.nanos = nanos;
  return out;
}
inline std::string_view string_of(const tw_value& v) {
  return v.type == TW_VALUE_STRING && v.string ? std::string_view(v.string, v.string_size)
                                               : std::string_view();
}

// A read-only view of one element of the task's XML definition.
class Node {
 public:
  Node(const tw_host_api* host, const tw_node* node) : host_(host), node_(node) {}
  explicit operator bool() const { return node_ != nullptr; }
  std::string_view name() const { return node_ ? host_->node_name(node_) : std::string_view(); }
  std::optional<std::string_view> attribute(const char* name) const {
    const char* v = node_ ? host_->node_attribute(node_, name) : nullptr;
    return v ? std::optional<std::string_view>(v) : std::nullopt;
  }
  Node child(size_t index) const {
    return Node(host_, node_ ? host_->node_child(node_, index) : nullptr);
  }
  // First child element named `element` after `after` (default: the first one).
  Node find(const char* element, Node after = Node(nullptr, nullptr)) const {
    return Node(host_, node_ ? host_->node_find(node_, element, after.node_) : nullptr);
  }
  // Calls fn(Node) for every child element named `element`.
  template <class Fn>
  void for_each(const char* element, Fn&& fn) const {
    for (Node n = find(element); n; n = find(element, n)) fn(n);
  }

 private:
  const tw_host_api* host_;
  const tw_node* node_;
};

// Everything a running task may ask of the host, with C++ types.
class Context {
 public:
  Context(const tw_host_api* host, tw_task_ctx* ctx) : host_(host), ctx_(ctx) {}

  const tw_host_api* host() const { return host_; }
  tw_task_ctx* raw() const { return ctx_; }
  const tw_task_info& task() const { return *host_->task_info(ctx_); }
  bool dry_run() const { return task().dry_run != 0; }

  void log(tw_log_level level, const std::string& message) const {
    host_->log(ctx_, level, message.c_str());
  }
  void debug(const std::string& m) const { log(TW_LOG_DEBUG, m); }
  void info(const std::string& m) const { log(TW_LOG_INFO, m); }
  void warning(const std::string& m) const { log(TW_LOG_WARNING, m); }
  void error(const std::string& m) const { log(TW_LOG_ERROR, m); }
  void write_task_log(std::string_view bytes) const {
    host_->task_log_write(ctx_, bytes.data(), bytes.size());
  }
  std::string task_log_path() const { return host_->task_log_path(ctx_); }
  void describe(const std::string& what) const { host_->describe(ctx_, what.c_str()); }

  std::optional<std::string_view> attribute(const char* name) const {
    const char* v = host_->attribute(ctx_, name);
    return v ? std::optional<std::string_view>(v) : std::nullopt;
  }
  std::span<const tw_value_pair> value_pairs() const {
    const tw_value_pair* pairs = nullptr;
    size_t n = host_->value_pairs(ctx_, &pairs);
    return {pairs, n};
  }
  Node definition() const { return Node(host_, host_->definition_node(ctx_)); }
  Node instance() const { return Node(host_, host_->instance_node(ctx_)); }
  Node resolve(const char* element, const char* name) const {
    return Node(host_, host_->resolve_definition(ctx_, element, name));
  }

  std::optional<tw_value> var(const char* name) const {
    tw_value out = make_null();
    return host_->get_var(ctx_, name, &out) == TW_OK ? std::optional<tw_value>(out)
                                                     : std::nullopt;
  }
  // Returns an empty string on success, else the host's message.
  std::string set_var(const char* name, const tw_value& value) const {
    ErrorBuffer err;
    return host_->set_var(ctx_, name, &value, err.get()) == TW_OK ? std::string() : err.str();
  }
  Expected<tw_value> eval(const std::string& expression) const {
    ErrorBuffer err;
    tw_value out = make_null();
    if (host_->eval(ctx_, expression.c_str(), &out, err.get()) != TW_OK)
      return Expected<tw_value>::failure(err.str());
    return out;
  }
  Expected<std::string> expand(std::string_view text) const {
    ErrorBuffer err;
    std::string copy(text);
    const char* out = host_->expand(ctx_, copy.c_str(), err.get());
    if (!out) return Expected<std::string>::failure(err.str());
    return std::string(out);
  }
  bool set_output(const char* name, const tw_value& value) const {
    return host_->set_output(ctx_, name, &value) == TW_OK;
  }
  // Records ErrorCode/ErrorMsg and logs the message; the caller then returns TW_RUN_FAILED.
  void fail(int64_t code, const std::string& message) const {
    host_->set_error(ctx_, code, message.c_str());
    error(message);
  }

  bool control(tw_control action, const std::string& reason) const {
    return host_->control(ctx_, action, reason.c_str()) == TW_OK;
  }
  bool raise_event(const char* event) const { return host_->raise_event(ctx_, event) == TW_OK; }
  bool event_raised(const char* event) const { return host_->event_raised(ctx_, event) != 0; }

  tw_cancel cancel_requested() const {
    return static_cast<tw_cancel>(host_->cancel_requested(ctx_));
  }
  tw_cancel sleep(int64_t timeout_ms) const {
    return static_cast<tw_cancel>(host_->sleep(ctx_, timeout_ms));
  }
  void yield_until(int64_t seconds, int32_t nanos, const char* event = nullptr) const {
    host_->yield_until(ctx_, seconds, nanos, event);
  }
  tw_value now() const { return host_->now(ctx_); }
  tw_value start_time(int which) const { return host_->start_time(ctx_, which); }

  std::optional<std::string> config(const char* key) const {
    const char* v = host_->config(ctx_, key);
    return v ? std::optional<std::string>(v) : std::nullopt;
  }
  std::string dir(tw_dir which) const { return host_->dir(ctx_, which); }
  void add_secret(const std::string& secret) const { host_->add_secret(ctx_, secret.c_str()); }

 private:
  class ErrorBuffer {
   public:
    ErrorBuffer() { data_[0] = '\0'; }
    tw_error_buf* get() {
      buf_ = {data_, sizeof(data_)};
      return &buf_;
    }
    std::string str() const { return data_[0] ? std::string(data_) : "unknown error"; }

   private:
    char data_[1024];
    tw_error_buf buf_{};
  };

  const tw_host_api* host_;
  tw_task_ctx* ctx_;
};

namespace detail {

inline void write_error(tw_error_buf* err, const char* message) noexcept {
  if (!err || !err->data || err->capacity == 0) return;
  size_t n = std::strlen(message);
  if (n >= err->capacity) n = err->capacity - 1;
  std::memcpy(err->data, message, n);
  err->data[n] = '\0';
}

// The task object behind the ABI's opaque pointer: the context plus the vendor's task.
template <class T>
struct Holder {
  Context ctx;
  T task;
  static T make(Context& ctx) {
    if constexpr (std::is_constructible_v<T, Context&>) {
      return T(ctx);
    } else {
      return T();
    }
  }
  Holder(const tw_host_api* host, tw_task_ctx* c) : ctx(host, c), task(make(ctx)) {}
};

template <class T>
void* create(const tw_host_api* host, tw_task_ctx* ctx, tw_error_buf* err) noexcept {
  try {
    return new Holder<T>(host, ctx);
  } catch (const std::exception& e) {
    write_error(err, e.what());
  } catch (...) {
    write_error(err, "task creation threw a non-standard exception");
  }
  return nullptr;
}

// Records a task failure from inside a catch handler without allocating: a std::bad_alloc
// while reporting an exception must not escape the noexcept trampoline and abort the host.
inline void report_exception(const Context& ctx, const char* what) noexcept {
  char message[512];
  std::snprintf(message, sizeof message, "task threw: %s", what);
  ctx.host()->set_error(ctx.raw(), 1, message);
  ctx.host()->log(ctx.raw(), TW_LOG_ERROR, message);
}

template <class T>
tw_run_result run(void* object) noexcept {
  auto* holder = static_cast<Holder<T>*>(object);
  try {
    return holder->task.run(holder->ctx);
  } catch (const std::exception& e) {
    report_exception(holder->ctx, e.what());
  } catch (...) {
    report_exception(holder->ctx, "a non-standard exception");
  }
  return TW_RUN_FAILED;
}

template <class T>
void destroy(void* object) noexcept {
  delete static_cast<Holder<T>*>(object);
}

}  // namespace detail

// Describes task class T as the task type `name` (static strings only).
template <class T>
constexpr tw_task_type task_type(const char* name, const char* summary) {
  return tw_task_type{sizeof(tw_task_type), name, summary, &detail::create<T>, &detail::run<T>,
                      &detail::destroy<T>};
}

}  // namespace taskweave::sdk

// Defines the plugin's entry symbol. The variadic arguments are tw_task_type values, usually
// made with taskweave::sdk::task_type<T>(...). Use once per plugin library.
#define TASKWEAVE_PLUGIN(NAME, VERSION, VENDOR, ...)                                          \
  extern "C" TW_EXPORT const tw_plugin_descriptor* tw_plugin_entry_v1(uint32_t host_major,   \
                                                                      uint32_t host_minor) { \
    static const tw_task_type types[] = {__VA_ARGS__};                                       \
    static const tw_plugin_descriptor descriptor = {                                         \
        sizeof(tw_plugin_descriptor), TW_ABI_MAJOR, TW_ABI_MINOR, TW_ABI_HASH, NAME, VERSION,  \
        VENDOR, sizeof(types) / sizeof(types[0]), types, nullptr};                           \
    (void)host_minor;                                                                        \
    return host_major == TW_ABI_MAJOR ? &descriptor : nullptr;                               \
  }

#endif  // TASKWEAVE_SDK_HPP
