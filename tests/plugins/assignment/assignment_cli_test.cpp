// The Assignment plugin through the real `taskweave run`: values coerced to the declared
// datatypes and seen by the tasks after it, and the assignments the host refuses.
#include <gtest/gtest.h>

#include "json_events.h"
#include "task_definitions.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

class AssignmentCliTest : public ::testing::Test {
 protected:
  // Start -> asn (pairs) -> dec (check): the Decision's Condition shows what later tasks see.
  RunEvents run_assignment(const std::vector<std::pair<std::string, std::string>>& pairs,
                           const std::string& check) {
    std::string definitions = assignment_task("asn", pairs) + decision_task("dec", check);
    std::string body =
        task_instance("asn", "Assignment") + task_instance("dec", "Decision") +
        workflow_link("Start", "asn") + workflow_link("asn", "dec") +
        workflow_variable("$$COUNT", "0", "integer") + workflow_variable("$$RATIO", "0", "double") +
        workflow_variable("$$LABEL", "") + workflow_variable("$$WHEN", "", "date/time");
    run_ = run_workflow(dir_.path(), workflow_export("wf_assignment", definitions, body), "");
    return run_.events;
  }

  TempDir dir_{"tw-assignment-cli"};
  WorkflowRun run_;
};

TEST_F(AssignmentCliTest, AssignsCoercedValuesThatLaterTasksSee) {
  RunEvents events = run_assignment(
      {{"$$COUNT", "TO_INTEGER(&apos;41&apos;) + 1"},
       {"$$LABEL", "&apos;n=&apos; || TO_CHAR($$COUNT)"},
       {"$$RATIO", "&apos;2.5&apos;"},
       {"$$WHEN", "&apos;2026-11-27 10:00:00&apos;"}},
      "$$COUNT = 42 AND $$LABEL = &apos;n=42&apos; AND $$RATIO = 2.5 AND&#xD;&#xA;"
      "$$WHEN = TO_DATE(&apos;2026-11-27 10:00:00&apos;, &apos;YYYY-MM-DD HH24:MI:SS&apos;)");
  EXPECT_EQ(run_.process.exit_code, 0) << run_.process.err;
  EXPECT_EQ(events.status("asn"), "SUCCEEDED") << events.finished["asn"];
  EXPECT_NE(events.finished["dec"].find("\"Condition\":1"), std::string::npos)
      << events.finished["dec"];
  EXPECT_NE(events.field("asn", "description").find("assigned $$LABEL = n=42"), std::string::npos)
      << events.finished["asn"];
}

TEST_F(AssignmentCliTest, ValueTheDatatypeCannotTakeFailsNamingVariableAndValue) {
  RunEvents events =
      run_assignment({{"$$LABEL", "&apos;kept&apos;"}, {"$$COUNT", "&apos;many&apos;"}},
                     "$$LABEL = &apos;kept&apos;");
  EXPECT_EQ(events.status("asn"), "FAILED");
  const std::string message = events.field("asn", "error_msg");
  EXPECT_NE(message.find("$$COUNT"), std::string::npos) << message;
  EXPECT_NE(message.find("many"), std::string::npos) << message;
  // The Decision runs after a failed Assignment (its link has no condition) and sees the pair
  // assigned before the failure.
  EXPECT_NE(events.finished["dec"].find("\"Condition\":1"), std::string::npos)
      << events.finished["dec"];
}

TEST_F(AssignmentCliTest, UndeclaredVariableFailsTheTask) {
  RunEvents events = run_assignment({{"$$UNDECLARED", "&apos;x&apos;"}}, "");
  EXPECT_EQ(events.status("asn"), "FAILED");
  EXPECT_NE(events.field("asn", "error_msg").find("cannot assign $$UNDECLARED"), std::string::npos)
      << events.finished["asn"];
}

TEST_F(AssignmentCliTest, BuiltInTargetsAreRefusedBeforeAnythingRuns) {
  // The validator already knows a built-in or predefined variable cannot be assigned: the run
  // is refused as invalid input (exit 2) and no task starts.
  for (const char* target : {"$PMWorkflowName", "$asn.Status"}) {
    RunEvents events = run_assignment({{target, "&apos;x&apos;"}}, "");
    EXPECT_EQ(run_.process.exit_code, 2) << target;
    EXPECT_NE(run_.process.err.find(std::string("cannot assign \"") + target + "\""),
              std::string::npos)
        << run_.process.err;
    EXPECT_TRUE(events.finished.empty()) << target;
  }
}

}  // namespace
}  // namespace taskweave::testing
