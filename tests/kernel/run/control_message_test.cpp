// The message a Control task's effect leaves, through the real CLI and Control plugin: the
// task is named once, by its path, followed by the option it used.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

// Stop top-level from CTL, and Fail parent from W.CTL inside worklet W.
const char* kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<POWERMART><REPOSITORY NAME="R"><FOLDER NAME="F">
<WORKLET NAME="wl"><TASK NAME="Start" TYPE="Start"/>
<TASK NAME="fail_parent" TYPE="Control"><ATTRIBUTE NAME="Control Option" VALUE="Fail parent"/></TASK>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="CTL" TASKNAME="fail_parent" TASKTYPE="Control"/>
<WORKFLOWLINK FROMTASK="Start" TOTASK="CTL" CONDITION=""/></WORKLET>
<WORKFLOW NAME="wf_control_message">
<TASK NAME="Start" TYPE="Start"/>
<TASK NAME="stop_top" TYPE="Control"><ATTRIBUTE NAME="Control Option" VALUE="Stop top-level workflow"/></TASK>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="W" TASKNAME="wl" TASKTYPE="Worklet"/>
<TASKINSTANCE NAME="CTL" TASKNAME="stop_top" TASKTYPE="Control"/>
<WORKFLOWLINK FROMTASK="Start" TOTASK="W" CONDITION=""/>
<WORKFLOWLINK FROMTASK="W" TOTASK="CTL" CONDITION=""/>
</WORKFLOW></FOLDER></REPOSITORY></POWERMART>
)";

TEST(ControlMessage, NamesTheTaskOnceByItsPathThenTheOption) {
  TempDir dir("tw-control-message");
  write_file(dir / "wf.xml", kExport);
  const ProcessResult run = run_cli(
      {"run", (dir / "wf.xml").string(), "--state-dir", (dir / "state").string(), "--log-dir",
       (dir / "logs").string(), "--json-events=" + (dir / "events.jsonl").string(), "--quiet"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const RunEvents events = RunEvents::read(dir / "events.jsonl");
  EXPECT_EQ(events.run_status, "STOPPED");
  EXPECT_EQ(events.field("W", "error_msg"), "task W.CTL: Control Option = Fail parent");

  std::string log;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "logs"))
    if (entry.path().filename() == "wf_control_message.log") log = read_file(entry.path());
  EXPECT_NE(log.find("stop requested: task CTL: Control Option = Stop top-level workflow\n"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("Control task"), std::string::npos) << "named twice:\n" << log;
}

}  // namespace
}  // namespace taskweave::testing
