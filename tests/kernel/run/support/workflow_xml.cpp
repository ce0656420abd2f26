#include "workflow_xml.h"

namespace taskweave::testing {
namespace {

std::string yes(bool b) { return b ? "YES" : "NO"; }

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + " =\"" + xml_escape(value) + "\"";
}

std::string value_pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  int order = 1;
  for (const auto& [name, value] : pairs)
    out += "<VALUEPAIR" + attr("EXECORDER", std::to_string(order++)) + attr("NAME", name) +
           attr("REVERSEASSIGNMENT", "NO") + attr("VALUE", value) + "/>\n";
  return out;
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      case '\n':
        out += "&#xA;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

WorkflowXml::WorkflowXml(std::string name, std::string start_name)
    : name_(std::move(name)), start_name_(std::move(start_name)) {}

WorkflowXml& WorkflowXml::task(TaskSpec spec) {
  tasks_.push_back(std::move(spec));
  return *this;
}

WorkflowXml& WorkflowXml::link(const std::string& from, const std::string& to,
                               const std::string& condition) {
  links_.push_back("<WORKFLOWLINK" + attr("CONDITION", condition) + attr("FROMTASK", from) +
                   attr("TOTASK", to) + "/>\n");
  return *this;
}

WorkflowXml& WorkflowXml::variable(const std::string& name, const std::string& datatype,
                                   const std::string& default_value, bool persistent) {
  variables_.push_back("<WORKFLOWVARIABLE" + attr("DATATYPE", datatype) +
                       attr("DEFAULTVALUE", default_value) + attr("DESCRIPTION", "") +
                       attr("ISNULL", "NO") + attr("ISPERSISTENT", yes(persistent)) +
                       attr("NAME", name) + attr("USERDEFINED", "YES") + "/>\n");
  return *this;
}

WorkflowXml& WorkflowXml::event(const std::string& name) {
  events_.push_back("<WORKFLOWEVENT" + attr("DESCRIPTION", "") + attr("NAME", name) + "/>\n");
  return *this;
}

WorkflowXml& WorkflowXml::attribute(const std::string& name, const std::string& value) {
  attributes_.push_back("<ATTRIBUTE" + attr("NAME", name) + attr("VALUE", value) + "/>\n");
  return *this;
}

WorkflowXml& WorkflowXml::worklet(const WorkflowXml& worklet) {
  worklets_.push_back("<WORKLET" + attr("DESCRIPTION", "") + attr("ISVALID", "YES") +
                      attr("NAME", worklet.name_) + attr("REUSABLE", "NO") +
                      attr("VERSIONNUMBER", "1") + ">\n" + worklet.body(true) + "</WORKLET>\n");
  return *this;
}

WorkflowXml& WorkflowXml::suspend_on_error(bool on) {
  suspend_on_error_ = on;
  return *this;
}

std::string WorkflowXml::body(bool is_worklet) const {
  std::string out;
  out += "<TASK" + attr("DESCRIPTION", "") + attr("NAME", start_name_) + attr("REUSABLE", "NO") +
         attr("TYPE", "Start") + attr("VERSIONNUMBER", "1") + "/>\n";
  for (const auto& t : tasks_) {
    if (t.type == "Worklet") continue;
    out += "<TASK" + attr("DESCRIPTION", "") + attr("NAME", t.name) + attr("REUSABLE", "NO") +
           attr("TYPE", t.type) + attr("VERSIONNUMBER", "1") + ">\n";
    for (const auto& [name, value] : t.attributes)
      out += "<ATTRIBUTE" + attr("NAME", name) + attr("VALUE", value) + "/>\n";
    out += value_pairs(t.value_pairs) + "</TASK>\n";
  }
  if (!is_worklet)
    for (const auto& w : worklets_) out += w;
  out += "<TASKINSTANCE" + attr("DESCRIPTION", "") + attr("ISENABLED", "YES") +
         attr("NAME", start_name_) + attr("REUSABLE", "NO") + attr("TASKNAME", start_name_) +
         attr("TASKTYPE", "Start") + "/>\n";
  for (const auto& t : tasks_) {
    const bool is_worklet_task = t.type == "Worklet";
    const std::string task_name = is_worklet_task && !t.worklet.empty() ? t.worklet : t.name;
    out += "<TASKINSTANCE" + attr("DESCRIPTION", "") +
           attr("FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN", yes(t.fail_parent_if_did_not_run)) +
           attr("FAIL_PARENT_IF_INSTANCE_FAILS", yes(t.fail_parent_if_fails)) +
           attr("ISENABLED", yes(t.enabled)) + attr("NAME", t.name) + attr("REUSABLE", "NO") +
           attr("TASKNAME", task_name) + attr("TASKTYPE", t.type) +
           attr("TREAT_INPUTLINK_AS_AND", yes(!t.or_input)) + ">\n";
    if (is_worklet_task) out += value_pairs(t.value_pairs);
    out += "</TASKINSTANCE>\n";
  }
  for (const auto& l : links_) out += l;
  for (const auto& v : variables_) out += v;
  for (const auto& e : events_) out += e;
  for (const auto& a : attributes_) out += a;
  return out;
}

std::string WorkflowXml::document() const {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<POWERMART CREATION_DATE=\"01/01/2026 00:00:00\" REPOSITORY_VERSION=\"186.95\">\n"
      "<REPOSITORY NAME=\"REPO\" VERSION=\"186\" CODEPAGE=\"UTF-8\" DATABASETYPE=\"Oracle\">\n"
      "<FOLDER NAME=\"FOLDER\" GROUP=\"\" OWNER=\"test\" SHARED=\"NOTSHARED\" DESCRIPTION=\"\" "
      "PERMISSIONS=\"rwx---r--\" UUID=\"0\">\n";
  out += "<WORKFLOW" + attr("DESCRIPTION", "") + attr("ISENABLED", "YES") +
         attr("ISRUNNABLESERVICE", "NO") + attr("ISSERVICE", "NO") + attr("ISVALID", "YES") +
         attr("NAME", name_) + attr("REUSABLE_SCHEDULER", "NO") +
         attr("SCHEDULERNAME", "Scheduler") + attr("SERVERNAME", "INT_SVC") +
         attr("SERVER_DOMAINNAME", "DOMAIN") + attr("SUSPEND_ON_ERROR", yes(suspend_on_error_)) +
         attr("TASKS_MUST_RUN_ON_SERVER", "NO") + attr("VERSIONNUMBER", "1") + ">\n";
  out +=
      "<SCHEDULER DESCRIPTION =\"\" NAME =\"Scheduler\" REUSABLE =\"NO\" VERSIONNUMBER =\"1\">"
      "<SCHEDULEINFO SCHEDULETYPE =\"ONDEMAND\"/></SCHEDULER>\n";
  out += body(false);
  out += "</WORKFLOW>\n</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";
  return out;
}

}  // namespace taskweave::testing
