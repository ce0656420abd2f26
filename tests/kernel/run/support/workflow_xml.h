// Builds small PowerCenter exports for tests: a workflow (or worklet) with its Start task,
// task definitions, instances, links and variables, without writing the XML by hand.
//
//   std::string xml = WorkflowXml("wf")
//       .task(Task("A")).task(Task("B").or_join())
//       .link("Start", "A").link("A", "B", "$A.Status = FAILED").document();
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace taskweave::testing {

// A task instance and its definition: Task("A").or_join().attribute("Outcome", "FAILED").
struct TaskSpec {
  explicit TaskSpec(std::string task_name, std::string task_type = "testkit.outcome")
      : name(std::move(task_name)), type(std::move(task_type)) {}
  TaskSpec& disabled() { return enabled = false, *this; }
  TaskSpec& or_join() { return or_input = true, *this; }
  TaskSpec& fails_parent() { return fail_parent_if_fails = true, *this; }
  TaskSpec& fails_parent_if_did_not_run() { return fail_parent_if_did_not_run = true, *this; }
  TaskSpec& attribute(std::string key, std::string value) {
    return attributes.emplace_back(std::move(key), std::move(value)), *this;
  }
  TaskSpec& value_pair(std::string key, std::string value) {
    return value_pairs.emplace_back(std::move(key), std::move(value)), *this;
  }
  TaskSpec& of_worklet(std::string worklet_name) {
    return worklet = std::move(worklet_name), *this;
  }

  std::string name;
  std::string type;
  bool enabled = true;
  bool or_input = false;
  bool fail_parent_if_fails = false;
  bool fail_parent_if_did_not_run = false;
  std::vector<std::pair<std::string, std::string>> attributes;   // on the definition
  std::vector<std::pair<std::string, std::string>> value_pairs;  // on the definition / instance
  std::string worklet;  // type Worklet: the WORKLET name ("" = same as name); may be undefined
};

inline TaskSpec Task(std::string name, std::string type = "testkit.outcome") {
  return TaskSpec(std::move(name), std::move(type));
}

class WorkflowXml {
 public:
  explicit WorkflowXml(std::string name, std::string start_name = "Start");

  WorkflowXml& task(TaskSpec spec);
  WorkflowXml& link(const std::string& from, const std::string& to,
                    const std::string& condition = "");
  WorkflowXml& variable(const std::string& name, const std::string& datatype,
                        const std::string& default_value = "", bool persistent = false);
  WorkflowXml& event(const std::string& name);
  WorkflowXml& attribute(const std::string& name, const std::string& value);
  // A non-reusable worklet defined inside this workflow (use a task of type Worklet for it).
  WorkflowXml& worklet(const WorkflowXml& worklet);
  WorkflowXml& suspend_on_error(bool on = true);

  // The whole export: POWERMART > REPOSITORY > FOLDER > WORKFLOW.
  std::string document() const;

 private:
  std::string body(bool is_worklet) const;

  std::string name_;
  std::string start_name_;
  std::vector<TaskSpec> tasks_;
  std::vector<std::string> links_, variables_, events_, attributes_, worklets_;
  bool suspend_on_error_ = false;
};

std::string xml_escape(const std::string& text);

}  // namespace taskweave::testing
