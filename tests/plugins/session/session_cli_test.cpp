// The Session plugin through the real `taskweave run`: sessions in a workflow export run their
// jobs for real (SQLite databases, a command job), and downstream links see their row counts.
#include <gtest/gtest.h>

#include "cli_run.h"
#include "session_fixture.h"
#include "workflow_export.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

std::string session_definition(const std::string& name, const std::string& mapping,
                               const std::string& components = "") {
  return "<SESSION DESCRIPTION=\"\" ISVALID=\"YES\" MAPPINGNAME=\"" + mapping + "\" NAME=\"" +
         name + "\" REUSABLE=\"NO\" SORTORDER=\"Binary\" VERSIONNUMBER=\"1\">\n" + components +
         "<SESSIONEXTENSION NAME=\"Relational Writer\" SINSTANCENAME=\"tgt\" SUBTYPE=\"Relational "
         "Writer\" TRANSFORMATIONTYPE=\"Target Definition\" TYPE=\"WRITER\">\n"
         "<CONNECTIONREFERENCE CNXREFNAME=\"DB Connection\" CONNECTIONNAME=\"DW\" "
         "CONNECTIONNUMBER=\"1\" CONNECTIONSUBTYPE=\"Oracle\" CONNECTIONTYPE=\"Relational\" "
         "VARIABLE=\"\"/>\n</SESSIONEXTENSION>\n"
         "<ATTRIBUTE NAME=\"Session Log File Name\" VALUE=\"" +
         name + ".log\"/>\n</SESSION>\n";
}

std::string command_definition(const std::string& name, const std::string& text) {
  return "<TASK DESCRIPTION=\"\" NAME=\"" + name +
         "\" REUSABLE=\"NO\" TYPE=\"Command\" VERSIONNUMBER=\"1\">\n"
         "<ATTRIBUTE NAME=\"Fail task if any command fails\" VALUE=\"YES\"/>\n"
         "<VALUEPAIR EXECORDER=\"1\" NAME=\"mark\" REVERSEASSIGNMENT=\"NO\" VALUE=\"" +
         text + "\"/>\n</TASK>\n";
}

class SessionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir.path() / "jobs");
    query(dir.path() / "dw.db",
          "CREATE TABLE src_orders(id INTEGER PRIMARY KEY, amount REAL);"
          "INSERT INTO src_orders VALUES (1, 5), (2, 50), (3, 500);");
  }
  fs::path path(const std::string& name) const { return dir.path() / name; }

  const std::string config =
      "[session]\nrunner = sqlite\njobs_dir = jobs\n"
      "[connection]\nDW.sqlite = dw.db\n";
  TempDir dir{"tw-session-cli"};
};

TEST_F(SessionCliTest, ASqliteSessionLoadsRowsAndItsCountsDriveTheLinks) {
  write_file(path("jobs/m_load_orders.sql"),
             "CREATE TABLE fact_orders(id INTEGER PRIMARY KEY, amount REAL);\n"
             "INSERT INTO fact_orders SELECT id, amount FROM src_orders WHERE amount > 10;\n");
  std::string post_command =
      "<SESSIONCOMPONENT REFOBJECTNAME=\"post\" REUSABLE=\"NO\" TYPE=\"Post-session success "
      "command\">\n" +
      command_definition("post", "echo $$Tag &gt; post_success.txt") + "</SESSIONCOMPONENT>\n";
  std::string definitions = session_definition("s_load_orders", "m_load_orders", post_command) +
                            command_definition("cmd_two_rows", "touch two_rows.txt") +
                            command_definition("cmd_other_count", "touch other_count.txt");
  std::string body =
      task_instance("s_load_orders", "Session") + task_instance("cmd_two_rows", "Command") +
      task_instance("cmd_other_count", "Command") + workflow_link("Start", "s_load_orders") +
      workflow_link("s_load_orders", "cmd_two_rows", "$s_load_orders.TgtSuccessRows = 2") +
      workflow_link("s_load_orders", "cmd_other_count", "$s_load_orders.TgtSuccessRows != 2") +
      workflow_variable("$$Tag", "loaded");
  auto run = run_workflow(dir.path(), workflow_export("wf_sessions", definitions, body), config);
  EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_EQ(query(path("dw.db"), "SELECT id, amount FROM fact_orders ORDER BY id"),
            (std::vector<std::string>{"2|50.0", "3|500.0"}));
  std::string finished = run.finished("s_load_orders");
  EXPECT_NE(finished.find("\"status\":\"SUCCEEDED\""), std::string::npos) << finished;
  EXPECT_NE(finished.find("\"TgtSuccessRows\":2"), std::string::npos) << finished;
  EXPECT_TRUE(fs::exists(path("two_rows.txt")));
  EXPECT_FALSE(fs::exists(path("other_count.txt")));
  EXPECT_EQ(read_file(path("post_success.txt")), "loaded\n");
}

TEST_F(SessionCliTest, AnSqlErrorFailsTheSessionAndRollsBack) {
  write_file(path("jobs/m_bad.sql"),
             "CREATE TABLE fact_bad(id INTEGER PRIMARY KEY);\n"
             "INSERT INTO fact_bad SELECT id FROM src_orders;\n"
             "INSERT INTO fact_bad VALUES (2);\n");
  std::string definitions = session_definition("s_bad", "m_bad") +
                            command_definition("cmd_on_failure", "touch on_failure.txt");
  std::string body = task_instance("s_bad", "Session") +
                     task_instance("cmd_on_failure", "Command") + workflow_link("Start", "s_bad") +
                     workflow_link("s_bad", "cmd_on_failure",
                                   "$s_bad.Status = FAILED AND $s_bad.FirstErrorCode = 1555");
  auto run = run_workflow(dir.path(), workflow_export("wf_bad", definitions, body), config);
  std::string finished = run.finished("s_bad");
  EXPECT_NE(finished.find("\"status\":\"FAILED\""), std::string::npos) << finished << run.err;
  EXPECT_NE(finished.find("\"error_code\":1555"), std::string::npos) << finished;
  EXPECT_NE(finished.find("UNIQUE constraint failed: fact_bad.id"), std::string::npos) << finished;
  EXPECT_TRUE(fs::exists(path("on_failure.txt")));
  EXPECT_EQ(query(path("dw.db"), "SELECT name FROM sqlite_master WHERE name = 'fact_bad'"),
            std::vector<std::string>{});
}

TEST_F(SessionCliTest, ACommandRunnerSessionReportsItsCountsThroughTheStatsFile) {
  write_file(path("jobs/m_spark.sh"),
             "echo \"SrcSuccessRows=40\" >> \"$TASKWEAVE_SESSION_STATS\"\n"
             "echo \"TgtSuccessRows=38\" >> \"$TASKWEAVE_SESSION_STATS\"\n"
             "echo \"TgtFailedRows=2\" >> \"$TASKWEAVE_SESSION_STATS\"\n"
             "echo \"$1\" > master.txt\n");
  std::string body = task_instance("s_spark", "Session") + workflow_link("Start", "s_spark");
  auto run = run_workflow(
      dir.path(), workflow_export("wf_spark", session_definition("s_spark", "m_spark"), body),
      config +
          "[session]\nmapping.m_spark.runner = command\n"
          "command = sh {jobs_dir}/{mapping}.sh {master}\nparam.master = yarn\n");
  EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
  std::string finished = run.finished("s_spark");
  EXPECT_NE(finished.find("\"SrcSuccessRows\":40"), std::string::npos) << finished;
  EXPECT_NE(finished.find("\"TgtSuccessRows\":38"), std::string::npos) << finished;
  EXPECT_NE(finished.find("\"TgtFailedRows\":2"), std::string::npos) << finished;
  EXPECT_EQ(read_file(path("master.txt")), "yarn\n");
}

TEST_F(SessionCliTest, AMissingJobFailsTheSessionNamingTheFile) {
  std::string body = task_instance("s_none", "Session") + workflow_link("Start", "s_none");
  auto run = run_workflow(
      dir.path(), workflow_export("wf_none", session_definition("s_none", "m_none"), body), config);
  std::string finished = run.finished("s_none");
  EXPECT_NE(finished.find("\"status\":\"FAILED\""), std::string::npos) << finished << run.err;
  EXPECT_NE(finished.find("no SQL job for mapping m_none: " + path("jobs/m_none.sql").string()),
            std::string::npos)
      << finished;
}

}  // namespace
}  // namespace taskweave::testing
