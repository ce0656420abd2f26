// The Session plugin's embedded sqlite runner, through the real plugin file.
#include <chrono>
#include <thread>

#include "session_fixture.h"

namespace taskweave::testing {
namespace {

constexpr const char* kLoadJob = R"(-- load the orders above 20 into the target
CREATE TABLE IF NOT EXISTS fact_orders(id INTEGER PRIMARY KEY, amount REAL);
INSERT INTO fact_orders SELECT id, amount FROM src_orders WHERE amount > 20;
UPDATE fact_orders SET amount = amount * 2 WHERE id = 5;
)";

TEST_F(SessionTest, SqliteRunnerLoadsTheTargetAndCountsTheChangedRows) {
  seed_orders(5);
  write_job("m_load_orders.sql", kLoadJob);
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED) << (host.error ? host.error->second : "");
  EXPECT_EQ(query(db, "SELECT id, amount FROM fact_orders ORDER BY id"),
            (std::vector<std::string>{"3|30.0", "4|40.0", "5|100.0"}));
  EXPECT_EQ(output("TgtSuccessRows"), 4);  // 3 inserted + 1 updated
  EXPECT_EQ(output("SrcSuccessRows"), 4);  // not reported by the job: same as TgtSuccessRows
  EXPECT_EQ(output("TgtFailedRows"), 0);
  EXPECT_EQ(output("FirstErrorCode"), 0);
  EXPECT_EQ(output_text("FirstErrorMsg"), "");
  EXPECT_FALSE(host.error);
  EXPECT_TRUE(host.logged("database from connection.DW.sqlite"));
}

TEST_F(SessionTest, ASqlJobReportsCountsThroughColumnsNamedAfterTheVariables) {
  seed_orders(5);
  write_job("m_load_orders.sql", std::string(kLoadJob) + R"(
SELECT (SELECT COUNT(*) FROM src_orders) AS SrcSuccessRows,
       (SELECT COUNT(*) FROM src_orders WHERE amount <= 20) AS srcfailedrows;
)");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(output("SrcSuccessRows"), 5);
  EXPECT_EQ(output("SrcFailedRows"), 2);
  EXPECT_EQ(output("TgtSuccessRows"), 4);
}

TEST_F(SessionTest, AnSqlErrorRollsBackAndFailsWithSqlitesCodeAndMessage) {
  seed_orders(3);
  write_job("m_load_orders.sql", R"(CREATE TABLE fact_orders(id INTEGER PRIMARY KEY);
INSERT INTO fact_orders SELECT id FROM src_orders;

INSERT INTO fact_orders VALUES (1);
)");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, SQLITE_CONSTRAINT_PRIMARYKEY);
  std::string job = (dir / "jobs" / "m_load_orders.sql").string();
  EXPECT_EQ(host.error->second, "SQLite error 1555 at " + job +
                                    ":4 (statement 3): UNIQUE constraint failed: fact_orders.id; "
                                    "the job's changes were rolled back");
  EXPECT_EQ(output("FirstErrorCode"), SQLITE_CONSTRAINT_PRIMARYKEY);
  EXPECT_EQ(output_text("FirstErrorMsg"), "UNIQUE constraint failed: fact_orders.id");
  EXPECT_EQ(output("TgtSuccessRows"), 0);
  EXPECT_EQ(output("TotalTransErrors"), 1);
  // Rolled back: not even the CREATE TABLE stayed.
  EXPECT_EQ(query(db, "SELECT name FROM sqlite_master WHERE name = 'fact_orders'"),
            std::vector<std::string>{});
}

TEST_F(SessionTest, ASyntaxErrorNamesTheLineWhereSqliteFoundIt) {
  write_job("m_load_orders.sql", "CREATE TABLE t(a);\n\n/* note */ INSERT INTO t\nVALUES (1,;\n");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->first, SQLITE_ERROR);
  EXPECT_NE(host.error->second.find("m_load_orders.sql:4 (statement 2): near \";\": syntax error"),
            std::string::npos)
      << host.error->second;
}

TEST_F(SessionTest, AJobThatCommitsOnItsOwnIsRefused) {
  write_job("m_load_orders.sql", "CREATE TABLE t(a);\nCOMMIT;\nINSERT INTO t VALUES (1);\n");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_NE(host.error->second.find(":2 (statement 2): the job ended the runner's transaction"),
            std::string::npos)
      << host.error->second;
}

TEST_F(SessionTest, AMissingJobFailsNamingTheFileAndTheKeys) {
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(
      host.error->second,
      "no SQL job for mapping m_load_orders: " + (dir / "jobs" / "m_load_orders.sql").string() +
          " does not exist (runner sqlite, the default; the jobs directory comes from "
          "session.jobs_dir.s_load_orders, session.mapping.m_load_orders.jobs_dir or "
          "session.jobs_dir, default <config dir>/jobs)");
}

TEST_F(SessionTest, NoDatabaseFailsNamingEveryKeyTried) {
  host.config.erase("connection.DW.sqlite");
  write_job("m_load_orders.sql", "SELECT 1;");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "no SQLite database configured for the session: set one of connection.DW.sqlite, "
            "connection.SRC.sqlite, session.sqlite.database.s_load_orders, "
            "session.mapping.m_load_orders.sqlite.database or session.sqlite.database");
}

TEST_F(SessionTest, TheDatabaseCanComeFromAParameterisedConnectionOrTheSessionSettings) {
  host.config.clear();
  host.set_definition_xml(R"(<SESSION NAME="s_load_orders" MAPPINGNAME="m_load_orders">
      <SESSIONEXTENSION TYPE="WRITER"><CONNECTIONREFERENCE CONNECTIONNAME="" VARIABLE="$$DBConn"/></SESSIONEXTENSION>
    </SESSION>)");
  host.vars["$$DBConn"] = FakeValue::of_string("WAREHOUSE");
  host.config["connection.WAREHOUSE.sqlite"] = (dir / "wh.db").string();
  write_job("m_load_orders.sql", "CREATE TABLE t(a); INSERT INTO t VALUES (1);");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(query(dir / "wh.db", "SELECT a FROM t"), std::vector<std::string>{"1"});

  host.config.clear();
  host.config["session.mapping.m_load_orders.sqlite.database"] = "by_mapping.db";
  host.config["session.jobs_dir"] = "jobs";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(query(dir / "by_mapping.db", "SELECT a FROM t"), std::vector<std::string>{"1"});
}

TEST_F(SessionTest, TheJobsDirectoryIsASettingToo) {
  std::filesystem::create_directories(dir / "other");
  std::ofstream(dir / "other" / "m_load_orders.sql") << "CREATE TABLE t(a);";
  host.config["session.jobs_dir.s_load_orders"] = "other";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(query(db, "SELECT name FROM sqlite_master"), std::vector<std::string>{"t"});
}

TEST_F(SessionTest, AbortInterruptsALongStatementAndRollsBack) {
  write_job("m_load_orders.sql", R"(CREATE TABLE t(a);
INSERT INTO t VALUES (1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n;
)");
  tw_run_result result = TW_RUN_FAILED;
  auto start = std::chrono::steady_clock::now();
  std::thread session([&] { result = run(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  host.cancel = TW_CANCEL_ABORT;
  session.join();
  EXPECT_EQ(result, TW_RUN_ABORTED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(query(db, "SELECT name FROM sqlite_master"), std::vector<std::string>{});
  EXPECT_FALSE(host.error);
}

TEST_F(SessionTest, DryRunDescribesTheRunnerAndJobAndTouchesNothing) {
  host.dry_run = true;
  write_job("m_load_orders.sql", "CREATE TABLE t(a);");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(std::filesystem::exists(db));
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(host.descriptions[0], "would run sqlite job " +
                                      (dir / "jobs" / "m_load_orders.sql").string() + " on " +
                                      db.string() + " (database from connection.DW.sqlite)");
  EXPECT_EQ(output("SrcSuccessRows"), 1);
  EXPECT_EQ(output("TgtSuccessRows"), 1);
}

TEST_F(SessionTest, DryRunOfAMissingJobDescribesWhatItWouldRunAndThatTheFileIsMissing) {
  host.dry_run = true;  // and no job file exists
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  ASSERT_EQ(host.descriptions.size(), 1u);
  const std::string script = (dir / "jobs" / "m_load_orders.sql").string();
  EXPECT_TRUE(host.descriptions[0].starts_with(
      "would run sqlite job " + script + " on " + db.string() +
      " (database from connection.DW.sqlite), but the job file is missing: no SQL job for "
      "mapping m_load_orders: " +
      script + " does not exist"))
      << host.descriptions[0];
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_EQ(output("SrcSuccessRows"), 1);
  EXPECT_EQ(output("TgtSuccessRows"), 1);
}

TEST_F(SessionTest, DryRunWithNeitherJobNorDatabaseNamesBoth) {
  host.dry_run = true;
  host.config.erase("connection.DW.sqlite");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_TRUE(host.descriptions[0].starts_with("would fail: no SQLite database configured"))
      << host.descriptions[0];
  EXPECT_NE(host.descriptions[0].find("; no SQL job for mapping m_load_orders: "),
            std::string::npos)
      << host.descriptions[0];
  EXPECT_EQ(output("TgtSuccessRows"), 1);
}

TEST_F(SessionTest, DryRunOfAJobThatCannotBePlannedDescribesTheFailureAndSucceeds) {
  host.dry_run = true;
  host.config["session.runner"] = "spark";
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(
      host.descriptions[0],
      "would fail: session.runner = \"spark\" is not a session runner: use sqlite or command");
  EXPECT_EQ(output("TgtSuccessRows"), 1);
}

TEST_F(SessionTest, AnUnknownRunnerIsNamedWithItsKey) {
  host.config["session.mapping.m_load_orders.runner"] = "spark";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "session.mapping.m_load_orders.runner = \"spark\" is not a session "
            "runner: use sqlite or command");
}

TEST_F(SessionTest, AMissingDefinitionFailsUnlessDryRun) {
  host.set_definition_xml("");
  host.definition_found = false;
  EXPECT_EQ(run(), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_EQ(host.error->second,
            "the definition of session s_load_orders is not in this export (a reusable session "
            "defined elsewhere); export the session with the workflow to run it");

  host.error.reset();
  host.dry_run = true;
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host.error);
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_TRUE(host.descriptions[0].starts_with("would fail: the definition of session "))
      << host.descriptions[0];
}

}  // namespace
}  // namespace taskweave::testing
