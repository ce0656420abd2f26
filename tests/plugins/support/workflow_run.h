// End-to-end plugin tests: writes a one-workflow PowerCenter export, runs it through the real
// `taskweave run --json-events` (TW_CLI) with the built plugins (TW_PLUGIN_DIR), and reads back
// the events (tests/support/json_events.h). Header-only; link tw_test_support.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "json_events.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::testing {

// A folder with one workflow around `body` (TASK, TASKINSTANCE, WORKFLOWLINK, WORKFLOWVARIABLE,
// WORKFLOWEVENT elements); `folder_objects` goes before the workflow (reusable tasks).
inline std::string powercenter_export(std::string_view workflow, std::string_view body,
                                      std::string_view folder_objects = "") {
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<!DOCTYPE POWERMART SYSTEM \"powrmart.dtd\">\n"
    << "<POWERMART CREATION_DATE=\"11/27/2026 09:00:00\" REPOSITORY_VERSION=\"188.97\">\n"
    << "<REPOSITORY NAME=\"REP_TEST\" VERSION=\"188\" CODEPAGE=\"UTF-8\" DATABASETYPE=\"Oracle\">\n"
    << "<FOLDER NAME=\"PLUGIN_TESTS\" GROUP=\"\" OWNER=\"tester\" SHARED=\"NOTSHARED\" "
       "DESCRIPTION=\"\" PERMISSIONS=\"rwx---r--\" UUID=\"0\">\n"
    << folder_objects << "<WORKFLOW DESCRIPTION =\"\" ISENABLED =\"YES\" ISVALID =\"YES\" NAME =\""
    << workflow << "\" SUSPEND_ON_ERROR =\"NO\" VERSIONNUMBER =\"1\">\n"
    << "<TASK DESCRIPTION =\"\" NAME =\"Start\" REUSABLE =\"NO\" TYPE =\"Start\" "
       "VERSIONNUMBER =\"1\"/>\n"
    << "<TASKINSTANCE DESCRIPTION =\"\" ISENABLED =\"YES\" NAME =\"Start\" REUSABLE =\"NO\" "
       "TASKNAME =\"Start\" TASKTYPE =\"Start\"/>\n"
    << body << "</WORKFLOW>\n</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";
  return x.str();
}

// A TASKINSTANCE of the TASK `name` (same name).
inline std::string task_instance(std::string_view name, std::string_view type,
                                 bool fail_parent_if_fails = false, bool reusable = false) {
  std::ostringstream x;
  x << "<TASKINSTANCE DESCRIPTION =\"\" FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN =\"NO\" "
    << "FAIL_PARENT_IF_INSTANCE_FAILS =\"" << (fail_parent_if_fails ? "YES" : "NO")
    << "\" ISENABLED =\"YES\" NAME =\"" << name << "\" REUSABLE =\"" << (reusable ? "YES" : "NO")
    << "\" TASKNAME =\"" << name << "\" TASKTYPE =\"" << type
    << "\" TREAT_INPUTLINK_AS_AND =\"YES\"/>\n";
  return x.str();
}

inline std::string workflow_link(std::string_view from, std::string_view to,
                                 std::string_view condition = "") {
  std::ostringstream x;
  x << "<WORKFLOWLINK CONDITION =\"" << condition << "\" FROMTASK =\"" << from << "\" TOTASK =\""
    << to << "\"/>\n";
  return x.str();
}

struct WorkflowRun {
  ProcessResult process;
  RunEvents events;  // parsed from process.out
};

// Runs `xml` (written to dir/wf.xml) with `config_ini` (dir/taskweave.ini) and state in
// dir/state. `timeout` (coreutils) bounds the run so a hang fails the test instead of the suite.
inline WorkflowRun run_workflow(const std::filesystem::path& dir, const std::string& xml,
                                const std::string& config_ini,
                                const std::vector<std::string>& extra_args = {},
                                ProcessOptions options = {}) {
  write_file(dir / "wf.xml", xml);
  write_file(dir / "taskweave.ini", config_ini);
  std::vector<std::string> argv = {"timeout",
                                   "-k",
                                   "5",
                                   "60",
                                   TW_CLI,
                                   "run",
                                   (dir / "wf.xml").string(),
                                   "--plugins-dir",
                                   TW_PLUGIN_DIR,
                                   "--config",
                                   (dir / "taskweave.ini").string(),
                                   "--state-dir",
                                   (dir / "state").string(),
                                   "--json-events"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  options.unset_env.push_back("TASKWEAVE_PLUGIN_PATH");
  WorkflowRun run;
  run.process = run_process(argv, options);
  run.events = RunEvents::parse(run.process.out);
  return run;
}

}  // namespace taskweave::testing
