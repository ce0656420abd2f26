// Small PowerCenter workflow exports for tests that run the real `taskweave run` (the one export
// writer of the plugin tests): the test writes the TASK/SESSION definitions, instances and links
// it needs, and this wraps them in POWERMART/REPOSITORY/FOLDER/WORKFLOW with the Start task.
#pragma once

#include <string>

namespace taskweave::testing {

// A TASKINSTANCE of the TASK `name` (same name).
inline std::string task_instance(const std::string& name, const std::string& type,
                                 bool fail_parent_if_fails = false, bool reusable = false) {
  return "<TASKINSTANCE DESCRIPTION=\"\" FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN=\"NO\" "
         "FAIL_PARENT_IF_INSTANCE_FAILS=\"" +
         std::string(fail_parent_if_fails ? "YES" : "NO") + "\" ISENABLED=\"YES\" NAME=\"" + name +
         "\" REUSABLE=\"" + (reusable ? "YES" : "NO") + "\" TASKNAME=\"" + name + "\" TASKTYPE=\"" +
         type + "\" TREAT_INPUTLINK_AS_AND=\"YES\"/>\n";
}

inline std::string workflow_link(const std::string& from, const std::string& to,
                                 const std::string& condition = "") {
  return "<WORKFLOWLINK CONDITION=\"" + condition + "\" FROMTASK=\"" + from + "\" TOTASK=\"" + to +
         "\"/>\n";
}

// A string $$ variable of the workflow with a default value.
inline std::string workflow_variable(const std::string& name, const std::string& default_value,
                                     const std::string& datatype = "nstring") {
  return "<WORKFLOWVARIABLE DATATYPE=\"" + datatype + "\" DEFAULTVALUE=\"" + default_value +
         "\" DESCRIPTION=\"\" ISNULL=\"NO\" ISPERSISTENT=\"NO\" NAME=\"" + name +
         "\" USERDEFINED=\"YES\"/>\n";
}

// `definitions` (TASK and SESSION elements) go first in the WORKFLOW, then its Start instance,
// then `body` (instances, links, variables); `folder` holds folder-level definitions.
inline std::string workflow_export(const std::string& workflow, const std::string& definitions,
                                   const std::string& body, const std::string& folder = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE POWERMART SYSTEM \"powrmart.dtd\">\n"
         "<POWERMART CREATION_DATE=\"11/27/2026 09:00:00\" REPOSITORY_VERSION=\"188.97\">\n"
         "<REPOSITORY NAME=\"REP_TEST\" VERSION=\"188\" CODEPAGE=\"UTF-8\" "
         "DATABASETYPE=\"Oracle\">\n"
         "<FOLDER NAME=\"PLUGIN_TESTS\" GROUP=\"\" OWNER=\"test\" SHARED=\"NOTSHARED\" "
         "DESCRIPTION=\"\" "
         "PERMISSIONS=\"rwx---r--\" UUID=\"00000000-0000-0000-0000-000000000002\">\n" +
         folder +
         "<WORKFLOW DESCRIPTION=\"\" ISENABLED=\"YES\" ISRUNNABLESERVICE=\"NO\" ISSERVICE=\"NO\" "
         "ISVALID=\"YES\" NAME=\"" +
         workflow +
         "\" REUSABLE_SCHEDULER=\"NO\" SCHEDULERNAME=\"Scheduler\" SERVERNAME=\"IS\" "
         "SERVER_DOMAINNAME=\"Domain\" SUSPEND_ON_ERROR=\"NO\" TASKS_MUST_RUN_ON_SERVER=\"NO\" "
         "VERSIONNUMBER=\"1\">\n"
         "<TASK DESCRIPTION=\"\" NAME=\"Start\" REUSABLE=\"NO\" TYPE=\"Start\" "
         "VERSIONNUMBER=\"1\"/>\n" +
         definitions +
         "<TASKINSTANCE DESCRIPTION=\"\" ISENABLED=\"YES\" NAME=\"Start\" REUSABLE=\"NO\" "
         "TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n" +
         body + "</WORKFLOW>\n</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";
}

}  // namespace taskweave::testing
