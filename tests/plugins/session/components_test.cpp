// The Session plugin's SESSIONCOMPONENTs: pre/post-session commands and variable assignments
// around a real sqlite job, in the shapes real exports use (powercenter-format.md §5).
#include "session_fixture.h"

namespace taskweave::testing {
namespace {

// A command component as exports write it: a Command TASK holding the VALUEPAIRs.
std::string command_component(const std::string& type, bool fail_on_error,
                              const std::string& pairs) {
  return R"(<SESSIONCOMPONENT REFOBJECTNAME="c" REUSABLE="NO" TYPE=")" + type + R"(">
      <TASK NAME="c" REUSABLE="NO" TYPE="Command">
        <ATTRIBUTE NAME="Fail task if any command fails" VALUE=")" +
         (fail_on_error ? "YES" : "NO") + R"("/>
        <ATTRIBUTE NAME="Recovery Strategy" VALUE="Fail task and continue workflow"/>
        )" +
         pairs + R"(
      </TASK>
    </SESSIONCOMPONENT>)";
}

// A variable assignment component: the VALUEPAIRs sit beside an empty Command TASK.
std::string assignment_component(const std::string& type, const std::string& pairs) {
  return R"(<SESSIONCOMPONENT REFOBJECTNAME="a" REUSABLE="NO" TYPE=")" + type + R"(">
      <TASK NAME="a" REUSABLE="NO" TYPE="Command">
        <ATTRIBUTE NAME="Fail task if any command fails" VALUE="NO"/>
      </TASK>
      )" +
         pairs + "</SESSIONCOMPONENT>";
}

std::string pair(int order, const std::string& name, const std::string& value) {
  return "<VALUEPAIR EXECORDER=\"" + std::to_string(order) + "\" NAME=\"" + name +
         "\" REVERSEASSIGNMENT=\"NO\" VALUE=\"" + value + "\"/>";
}

class ComponentsTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    seed_orders(2);
    write_job("m_load_orders.sql",
              "CREATE TABLE fact(id); INSERT INTO fact SELECT id FROM src_orders;");
    host.vars["$$RunNumber"] = FakeValue::of_integer(7);
  }
  void use_components(const std::string& components) {
    host.set_definition_xml(session_xml(components));
  }
  bool exists(const std::string& name) { return std::filesystem::exists(dir / name); }
};

TEST_F(ComponentsTest, RunsThePreAndPostStepsAroundTheJobInOrder) {
  use_components(assignment_component("Pre-session variable assignment",
                                      pair(1, "$$RunNumber_Mpg", "$$RunNumber + 1")) +
                 command_component("Pre-session command", true,
                                   pair(2, "second", "echo pre2 >> steps") +
                                       pair(1, "first", "echo pre1 >> steps")) +
                 command_component("Post-session success command", true,
                                   pair(1, "post", "echo post >> steps")) +
                 assignment_component("Post-session success variable assignment",
                                      pair(1, "$$Outcome", "'ok'")) +
                 command_component("Post-session failure command", false,
                                   pair(1, "f", "echo failure >> steps")) +
                 assignment_component("Post-session failure variable assignment",
                                      pair(1, "$$Outcome", "'failed'")));
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << (host.error ? host.error->second : "");
  EXPECT_EQ(read_file(dir / "steps"), "pre1\npre2\npost\n");
  EXPECT_EQ(host.vars["$$RunNumber_Mpg"].integer, 8);
  EXPECT_EQ(host.vars["$$Outcome"].string, "ok");
  EXPECT_EQ(output("TgtSuccessRows"), 2);
  EXPECT_TRUE(host.logged("pre-session command 'first' (1 of 2) exited with code 0"));
}

TEST_F(ComponentsTest, AFailingPreSessionCommandFailsTheSessionBeforeItsJob) {
  use_components(
      command_component("Pre-session command", true, pair(1, "check", "exit 9")) +
      command_component("Post-session failure command", true, pair(1, "f", "touch failure_ran")) +
      assignment_component("Post-session failure variable assignment",
                           pair(1, "$$Outcome", "'failed'")));
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, 9);
  EXPECT_EQ(host.error->second, "pre-session command 'check' (1 of 1) exited with code 9");
  EXPECT_EQ(query(db, "SELECT name FROM sqlite_master WHERE name = 'fact'"),
            std::vector<std::string>{});
  EXPECT_TRUE(exists("failure_ran"));
  EXPECT_EQ(host.vars["$$Outcome"].string, "failed");
  EXPECT_EQ(output("TgtSuccessRows"), 0);
}

TEST_F(ComponentsTest, APreSessionCommandThatMayFailLetsTheSessionRun) {
  use_components(command_component("Pre-session command", false, pair(1, "cleanup", "exit 1")));
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(output("TgtSuccessRows"), 2);
}

TEST_F(ComponentsTest, AJobFailureRunsTheFailureStepsNotTheSuccessOnes) {
  write_job("m_load_orders.sql", "INSERT INTO missing_table VALUES (1);");
  use_components(
      command_component("Post-session success command", true, pair(1, "s", "touch success_ran")) +
      command_component("Post-session failure command", true, pair(1, "f", "touch failure_ran")) +
      assignment_component("Post-session failure variable assignment",
                           pair(1, "$$Outcome", "'failed'")));
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_FALSE(exists("success_ran"));
  EXPECT_TRUE(exists("failure_ran"));
  EXPECT_EQ(host.vars["$$Outcome"].string, "failed");
  ASSERT_TRUE(host.error);
  EXPECT_NE(host.error->second.find("no such table: missing_table"), std::string::npos);
}

TEST_F(ComponentsTest, AFailingPostSuccessCommandFailsTheSessionButKeepsItsRows) {
  use_components(
      command_component("Post-session success command", true, pair(1, "publish", "exit 2")) +
      command_component("Post-session failure command", true, pair(1, "f", "touch failure_ran")) +
      assignment_component("Post-session failure variable assignment",
                           pair(1, "$$Outcome", "'failed'")));
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "post-session success command 'publish' (1 of 1) exited with code 2");
  EXPECT_EQ(query(db, "SELECT COUNT(*) FROM fact"), std::vector<std::string>{"2"});
  EXPECT_FALSE(exists("failure_ran"));  // the failure command is for a failed job
  EXPECT_EQ(host.vars["$$Outcome"].string, "failed");
}

TEST_F(ComponentsTest, AnAssignmentThatCannotBeEvaluatedFailsTheSessionNamingIt) {
  use_components(assignment_component("Pre-session variable assignment", pair(1, "$$X", "1 +")));
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_TRUE(host.error->second.starts_with(
      "Pre-session variable assignment $$X = [1 +] cannot be evaluated: "))
      << host.error->second;
}

TEST_F(ComponentsTest, AReusableCommandComponentUsesTheFolderLevelTask) {
  host.set_folder_xml(R"(<FOLDER>
      <TASK NAME="cmd_shared_post" REUSABLE="YES" TYPE="Command">
        <ATTRIBUTE NAME="Fail task if any command fails" VALUE="YES"/>
        <VALUEPAIR EXECORDER="1" NAME="mark" VALUE="touch shared_ran"/>
      </TASK></FOLDER>)");
  use_components(
      R"(<SESSIONCOMPONENT REFOBJECTNAME="cmd_shared_post" REUSABLE="YES" TYPE="Post-session success command"/>)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(exists("shared_ran"));
}

TEST_F(ComponentsTest, AnInstanceComponentOverridesTheDefinitions) {
  use_components(
      command_component("Pre-session command", true, pair(1, "def", "touch from_definition")));
  host.set_instance_xml(
      R"(<TASKINSTANCE NAME="s_load_orders" TASKNAME="s_load_orders" TASKTYPE="Session">)" +
      command_component("Pre-session command", true, pair(1, "inst", "touch from_instance")) +
      "</TASKINSTANCE>");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(exists("from_instance"));
  EXPECT_FALSE(exists("from_definition"));
}

TEST_F(ComponentsTest, DryRunDescribesEveryStepAndRunsNoCommand) {
  host.dry_run = true;
  use_components(
      command_component("Pre-session command", true, pair(1, "pre", "touch pre_ran")) +
      command_component("Post-session success command", true, pair(1, "post", "touch post_ran")) +
      assignment_component("Pre-session variable assignment", pair(1, "$$Y", "$$RunNumber")));
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(exists("pre_ran"));
  EXPECT_FALSE(exists("post_ran"));
  EXPECT_FALSE(std::filesystem::exists(db.parent_path() / "fact"));
  EXPECT_EQ(query(db, "SELECT name FROM sqlite_master WHERE name = 'fact'"),
            std::vector<std::string>{});
  ASSERT_EQ(host.descriptions.size(), 3u);
  EXPECT_TRUE(host.descriptions[0].starts_with(
      "would run pre-session command 'pre' (1 of 1): sh -c 'touch pre_ran'"));
  EXPECT_TRUE(host.descriptions[1].starts_with("would run sqlite job "));
  EXPECT_TRUE(host.descriptions[2].starts_with("would run post-session success command 'post'"));
  EXPECT_EQ(host.vars["$$Y"].integer, 7);  // assignments are pure: evaluated for real
}

TEST_F(ComponentsTest, AFailureEmailThatCannotBeSentIsAWarningOnly) {
  write_job("m_load_orders.sql", "INSERT INTO missing_table VALUES (1);");
  host.set_folder_xml(R"(<FOLDER>
      <TASK NAME="Email_Failed" REUSABLE="YES" TYPE="Email">
        <ATTRIBUTE NAME="Email User Name" VALUE="ops@example.com"/>
        <ATTRIBUTE NAME="Email Subject" VALUE="ERROR %s/%w"/>
        <ATTRIBUTE NAME="Email Text" VALUE="rows loaded %l"/>
      </TASK></FOLDER>)");
  use_components(
      R"(<SESSIONCOMPONENT REFOBJECTNAME="Email_Failed" REUSABLE="YES" TYPE="Failure Email"/>)");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_NE(host.error->second.find("no such table"), std::string::npos);  // not the mail's error
  EXPECT_TRUE(host.logged("Failure Email not sent (the session's status is unchanged): "));
  EXPECT_TRUE(host.logged("email.smtp.url"));
}

TEST_F(ComponentsTest, DryRunDescribesTheSuccessEmail) {
  host.dry_run = true;
  use_components(R"(<SESSIONCOMPONENT REFOBJECTNAME="m" REUSABLE="NO" TYPE="Success Email">
      <TASK NAME="m" REUSABLE="NO" TYPE="Email">
        <ATTRIBUTE NAME="Email User Name" VALUE="a@example.com; b@example.com"/>
        <ATTRIBUTE NAME="Email Subject" VALUE="%s loaded"/>
        <ATTRIBUTE NAME="Email Text" VALUE="done"/>
      </TASK></SESSIONCOMPONENT>)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host.descriptions.size(), 2u);
  EXPECT_TRUE(host.descriptions[1].starts_with(
      "would send mail to a@example.com, b@example.com with subject \"s_load_orders loaded\""))
      << host.descriptions[1];
}

TEST_F(ComponentsTest, AMissingEmailTaskIsAWarningNamingIt) {
  use_components(
      R"(<SESSIONCOMPONENT REFOBJECTNAME="Email_Nowhere" REUSABLE="YES" TYPE="Success Email"/>)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(
      host.logged("Success Email not sent: the component names the Email task Email_Nowhere, which "
                  "is not in the export"));
}

}  // namespace
}  // namespace taskweave::testing
