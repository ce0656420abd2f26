// An in-memory tw_host_api for unit-testing a plugin's task types without the kernel: the test
// sets the task's attributes, value pairs, XML definition, variables and configuration, runs the
// task through the plugin's real create/run/destroy, and inspects what the task reported.
// End-to-end behaviour is tested separately through the real `taskweave run`.
#pragma once

#include <taskweave/abi.h>

#include <pugixml.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace taskweave::testing {

// A variable value as the fake stores it (strings keep their bytes alive for the ABI).
struct FakeValue {
  tw_value_type type = TW_VALUE_NULL;
  int64_t integer = 0;
  double real = 0.0;
  std::string string;
  int64_t seconds = 0;
  int32_t nanos = 0;

  static FakeValue from(const tw_value& v);
  static FakeValue of_integer(int64_t v);
  static FakeValue of_string(std::string v);
  tw_value view() const;  // points into this object
};

class FakeHost {
 public:
  FakeHost();
  ~FakeHost();
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  // --- What the task sees -----------------------------------------------------------------
  std::string path = "t", instance_name = "t", task_name = "t", task_type = "Test";
  std::string workflow_name = "wf_test", folder_name = "FOLDER", run_id = "run-1";
  bool dry_run = false;
  bool definition_found = true;  // false: a reusable definition missing from the export
  std::map<std::string, std::string> attributes;
  std::vector<std::pair<std::string, std::string>> value_pairs;  // in EXECORDER
  std::map<std::string, FakeValue> vars;                         // "$$X", "$t.Status", ...
  std::map<std::string, std::string> config;
  std::map<tw_dir, std::filesystem::path> dirs;
  // Optional hooks; without them eval fails and expand replaces `$$Name` from `vars`.
  std::function<std::optional<FakeValue>(const std::string& expr, std::string& error)> eval_hook;
  // Replaces the default set_var (which stores any `$$` name as given, refusing others), e.g. to
  // coerce to declared datatypes. Returns TW_OK or an error code with the message in `error`.
  std::function<tw_rc(const std::string& name, const FakeValue& value, std::string& error)>
      set_var_hook;
  // Wall clock seen by the task (seconds since epoch, naive local).
  int64_t now_seconds = 1'700'000'000;
  int32_t now_nanos = 0;
  int64_t start_seconds[3] = {1'700'000'000, 1'700'000'000, 1'700'000'000};
  std::atomic<int> cancel{TW_CANCEL_NONE};

  // Parses `xml` and uses its document element as the task's definition node (and, when
  // given, `instance_xml` as the TASKINSTANCE node). Folder-level definitions for
  // resolve_definition() are the document element's siblings in `folder_xml`.
  void set_definition_xml(const std::string& xml);
  void set_instance_xml(const std::string& xml);
  void set_folder_xml(const std::string& xml);

  // --- What the task did ------------------------------------------------------------------
  struct LogLine {
    tw_log_level level;
    std::string message;
  };
  std::vector<LogLine> logs;
  std::string task_log;  // bytes written with task_log_write
  std::map<std::string, FakeValue> outputs;
  std::optional<std::pair<int64_t, std::string>> error;
  std::vector<std::pair<tw_control, std::string>> controls;
  std::vector<std::string> raised_events;
  std::vector<std::string> secrets;
  std::vector<std::string> descriptions;
  struct Yield {
    int64_t seconds;
    int32_t nanos;
    std::optional<std::string> event;
  };
  std::optional<Yield> last_yield;
  std::vector<int64_t> sleeps_ms;

  // Runs one task of `type` to completion: create, run (again after each TW_RUN_YIELD, after
  // advancing the clock to the yield deadline, up to `max_resumes` times), destroy.
  // Returns the final result, or nullopt when create() failed (message in create_error).
  std::optional<tw_run_result> run(const tw_task_type& type, int max_resumes = 100);
  std::string create_error;

  // Looks a task type up in a plugin's descriptor (entry point linked into the test).
  static const tw_task_type* find_type(const tw_plugin_descriptor* plugin, const std::string& name);

  // True when a log line or the task log contains `needle`.
  bool logged(const std::string& needle) const;

  const tw_host_api* api() const;
  tw_task_ctx* ctx();

  // dlopens a built plugin file (never closed) and returns its descriptor, or nullptr with
  // the reason in `error`.
  static const tw_plugin_descriptor* open_plugin(const std::filesystem::path& file,
                                                 std::string& error);

  struct Impl;
  Impl* impl() { return impl_.get(); }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace taskweave::testing
