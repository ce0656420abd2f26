// The Session plugin through the real `taskweave run`: sessions in a workflow export run their
// jobs for real (SQLite databases, a command job), and downstream links see their row counts.
#include <gtest/gtest.h>

#include "session_fixture.h"
#include "smtp_test_server.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

// A session writing through the connection DW, or through whatever the parameter file gives
// `connection_variable` when that is set (PAQO's CONNECTIONNAME="" VARIABLE="$DBConnectionDWH").
std::string session_definition(const std::string& name, const std::string& mapping,
                               const std::string& components = "",
                               const std::string& connection_variable = "") {
  std::string connection = connection_variable.empty() ? "DW" : "";
  return "<SESSION DESCRIPTION=\"\" ISVALID=\"YES\" MAPPINGNAME=\"" + mapping + "\" NAME=\"" +
         name + "\" REUSABLE=\"NO\" SORTORDER=\"Binary\" VERSIONNUMBER=\"1\">\n" + components +
         "<SESSIONEXTENSION NAME=\"Relational Writer\" SINSTANCENAME=\"tgt\" SUBTYPE=\"Relational "
         "Writer\" TRANSFORMATIONTYPE=\"Target Definition\" TYPE=\"WRITER\">\n"
         "<CONNECTIONREFERENCE CNXREFNAME=\"DB Connection\" CONNECTIONNAME=\"" +
         connection +
         "\" CONNECTIONNUMBER=\"1\" CONNECTIONSUBTYPE=\"Oracle\" CONNECTIONTYPE=\"Relational\" "
         "VARIABLE=\"" +
         connection_variable +
         "\"/>\n</SESSIONEXTENSION>\n"
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
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err << run.process.out;
  EXPECT_EQ(query(path("dw.db"), "SELECT id, amount FROM fact_orders ORDER BY id"),
            (std::vector<std::string>{"2|50.0", "3|500.0"}));
  std::string finished = run.events.finished["s_load_orders"];
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
  std::string finished = run.events.finished["s_bad"];
  EXPECT_NE(finished.find("\"status\":\"FAILED\""), std::string::npos)
      << finished << run.process.err;
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
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err << run.process.out;
  std::string finished = run.events.finished["s_spark"];
  EXPECT_NE(finished.find("\"SrcSuccessRows\":40"), std::string::npos) << finished;
  EXPECT_NE(finished.find("\"TgtSuccessRows\":38"), std::string::npos) << finished;
  EXPECT_NE(finished.find("\"TgtFailedRows\":2"), std::string::npos) << finished;
  EXPECT_EQ(read_file(path("master.txt")), "yarn\n");
}

TEST_F(SessionCliTest, AConnectionVariableIsResolvedThroughTheParameterFile) {
  write_file(path("jobs/m_param.sql"),
             "CREATE TABLE via_param(a); INSERT INTO via_param VALUES (1);");
  write_file(path("wf.par"), "[Global]\n$DBConnectionWarehouse=WAREHOUSE\n");
  std::string body = task_instance("s_param", "Session") + workflow_link("Start", "s_param");
  auto run = run_workflow(
      dir.path(),
      workflow_export("wf_param",
                      session_definition("s_param", "m_param", "", "$DBConnectionWarehouse"), body),
      config + "[connection]\nWAREHOUSE.sqlite = warehouse.db\n",
      {"--param-file", path("wf.par").string()});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err << run.process.out;
  EXPECT_EQ(query(path("warehouse.db"), "SELECT a FROM via_param"), std::vector<std::string>{"1"});
}

TEST_F(SessionCliTest, AFailedSessionSendsItsFailureEmailWithTheSessionsTokens) {
  SmtpTestServer server;
  ASSERT_EQ(server.start(SmtpTestServer::Mode::kPlain, path("smtp"), "", ""), "");
  write_file(path("jobs/m_fail.sql"), "INSERT INTO no_such_table VALUES (1);\n");
  std::string email_task =
      "<TASK DESCRIPTION=\"\" NAME=\"Email_Failed\" REUSABLE=\"YES\" TYPE=\"Email\" "
      "VERSIONNUMBER=\"1\">\n"
      "<ATTRIBUTE NAME=\"Email User Name\" VALUE=\"ops@example.com\"/>\n"
      "<ATTRIBUTE NAME=\"Email Subject\" VALUE=\"ERROR %s (%m) in %w\"/>\n"
      "<ATTRIBUTE NAME=\"Email Text\" VALUE=\"Status %e, rows loaded %l, rejected %r.%g\"/>\n"
      "</TASK>\n";
  std::string component =
      "<SESSIONCOMPONENT REFOBJECTNAME=\"Email_Failed\" REUSABLE=\"YES\" TYPE=\"Failure "
      "Email\"/>\n";
  std::string body = task_instance("s_fail", "Session") + workflow_link("Start", "s_fail");
  auto run = run_workflow(
      dir.path(),
      workflow_export("wf_mail", session_definition("s_fail", "m_fail", component), body,
                      email_task),
      config + "[email]\nsmtp.url = smtp://127.0.0.1:" + std::to_string(server.port()) +
          "\nsmtp.starttls = off\nfrom = etl@example.com\n");
  EXPECT_NE(run.events.finished["s_fail"].find("\"status\":\"FAILED\""), std::string::npos)
      << run.process.err << run.events.text();
  ASSERT_EQ(server.messages().size(), 1u) << server.log() << run.process.err;
  const fs::path mail = server.messages()[0];
  EXPECT_EQ(read_file(mail / "rcpt"), "ops@example.com\n");
  EXPECT_EQ(read_file(mail / "subject"), "ERROR s_fail (m_fail) in wf_mail");
  EXPECT_NE(read_file(mail / "body").find("Status Failed, rows loaded 0, rejected 0."),
            std::string::npos)
      << read_file(mail / "body");
  // %g attached the session's log, which tells what failed.
  ASSERT_TRUE(fs::exists(mail / "attachments")) << read_file(mail / "headers");
  std::string attached;
  for (const auto& file : fs::directory_iterator(mail / "attachments"))
    attached += read_file(file.path());
  EXPECT_NE(attached.find("no such table: no_such_table"), std::string::npos) << attached;
}

TEST_F(SessionCliTest, AMissingJobFailsTheSessionNamingTheFile) {
  std::string body = task_instance("s_none", "Session") + workflow_link("Start", "s_none");
  auto run = run_workflow(
      dir.path(), workflow_export("wf_none", session_definition("s_none", "m_none"), body), config);
  std::string finished = run.events.finished["s_none"];
  EXPECT_NE(finished.find("\"status\":\"FAILED\""), std::string::npos)
      << finished << run.process.err;
  EXPECT_NE(finished.find("no SQL job for mapping m_none: " + path("jobs/m_none.sql").string()),
            std::string::npos)
      << finished;
}

TEST_F(SessionCliTest, ADryRunOfASessionWhoseJobIsMissingSucceedsWithOneRowSayingSo) {
  std::string body = task_instance("s_none", "Session") + workflow_link("Start", "s_none") +
                     task_instance("after", "Command") +
                     workflow_link("s_none", "after", "$s_none.TgtSuccessRows = 1");
  auto run = run_workflow(dir.path(),
                          workflow_export("wf_none",
                                          session_definition("s_none", "m_none") +
                                              command_definition("after", "touch ran.txt"),
                                          body),
                          config, {"--dry-run"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
  const std::string script = path("jobs/m_none.sql").string();
  std::string finished = run.events.finished["s_none"];
  EXPECT_EQ(json_field(finished, "status"), "SUCCEEDED") << finished;
  EXPECT_NE(finished.find("\"TgtSuccessRows\":1"), std::string::npos) << finished;
  EXPECT_EQ(json_field(finished, "description"),
            "would run sqlite job " + script + " on " + path("dw.db").string() +
                " (database from connection.DW.sqlite), but the job file is missing: no SQL job "
                "for mapping m_none: " +
                script +
                " does not exist (runner sqlite, from session.runner; the jobs directory comes "
                "from session.jobs_dir.s_none, session.mapping.m_none.jobs_dir or "
                "session.jobs_dir, default <config dir>/jobs)");
  EXPECT_EQ(run.events.final_status["after"], "SUCCEEDED");  // the 1 row drove the link
  EXPECT_FALSE(fs::exists(path("ran.txt")));                 // a dry run runs no command
}

}  // namespace
}  // namespace taskweave::testing
