// The example workflow of config/examples, run for real: through scripts/run-example.sh (the
// README's first command) and through `taskweave run` with a parameter that sends it down the
// failure branch. Checks the run's JSON events, the files the workflow writes and the rows in
// the SQLite warehouse.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "json_events.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = TW_SOURCE_DIR;
const fs::path kExamples = kSource / "config" / "examples";

// The first column of the first row of `sql`, as text ("" when the query fails).
std::string query(const fs::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string result;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

// The tasks of a successful run, all SUCCEEDED.
const char* const kSuccessPath[] = {
    "cmd_stage_files",
    "ew_sales_extract",
    "wkl_load_dimensions",
    "wkl_load_dimensions.s_m_load_dim_customer",
    "wkl_load_dimensions.s_m_load_dim_product",
    "wkl_load_dimensions.asn_dimension_summary",
    "er_dimensions_loaded",
    "ew_dimensions_loaded",
    "s_m_load_fact_sales",
    "dec_fact_rows_ok",
    "asn_publish_plan",
    "tmr_settle",
    "cmd_publish_report",
};

class ExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v sqlite3 >/dev/null") != 0)
      GTEST_SKIP() << "the example needs the sqlite3 shell (scripts/install-deps.sh installs it)";
  }

  // `taskweave run` on the example with the example's parameter file, the run's inputs and
  // outputs set in front of it as scripts/run-example.sh does, and `extra` lines after it.
  ProcessResult run_cli(const std::string& extra_params, std::vector<std::string> extra_args) {
    fs::create_directories(target_);
    write_file(dir_.path() / "wf_sales_star.par",
               "[Global]\n$PMRootDir=" + kExamples.string() +
                   "\n$PMTargetFileDir=" + target_.string() + "\n\n" +
                   read_file(kExamples / "wf_sales_star.par") + extra_params);
    std::vector<std::string> args = {TW_CLI,
                                     "run",
                                     (kExamples / "wf_sales_star.xml").string(),
                                     "--config",
                                     (kExamples / "taskweave.ini").string(),
                                     "--param-file",
                                     (dir_.path() / "wf_sales_star.par").string(),
                                     "--state-dir",
                                     (dir_.path() / "state").string(),
                                     "--log-dir",
                                     (dir_.path() / "logs").string(),
                                     "--json-events=" + events_file_.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    ProcessOptions options;
    options.cwd = dir_.path();
    return run_process(args, options);
  }
  RunEvents events() const { return RunEvents::parse(read_file(events_file_)); }

  TempDir dir_{"tw-example"};
  const fs::path target_ = dir_.path() / "target";
  const fs::path events_file_ = dir_.path() / "events.jsonl";
};

TEST_F(ExampleTest, RunExampleScriptLoadsTheStarSchemaAndSucceeds) {
  const fs::path run = dir_.path() / "run";
  ProcessOptions options;
  options.env = {{"TASKWEAVE", TW_CLI}, {"TW_EXAMPLE_RUN_DIR", run.string()}};
  ProcessResult result = run_process(
      {(kSource / "scripts" / "run-example.sh").string(), "--json-events=" + events_file_.string()},
      options);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err << result.spawn_error;
  EXPECT_NE(result.out.find("fact_sales    20"), std::string::npos) << result.out;

  RunEvents run_events = events();
  EXPECT_EQ(run_events.run_status, "SUCCEEDED");
  for (const char* task : kSuccessPath) EXPECT_EQ(run_events.status(task), "SUCCEEDED") << task;
  // The failure branch did not run.
  for (const char* task : {"eml_load_failed", "ctl_stop_on_failure"}) {
    EXPECT_TRUE(run_events.did_not_run.count(task)) << task;
    EXPECT_EQ(run_events.status(task), "") << task;
  }
  // The Timer waited for $$PublishAt, SYSDATE + 2 s (SYSDATE has whole seconds, so at least
  // one second passes).
  EXPECT_GE(run_events.seconds("tmr_settle"), 0.9);
  EXPECT_LT(run_events.seconds("tmr_settle"), 10.0);

  const fs::path warehouse = run / "target" / "warehouse.sqlite";
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM dim_customer"), "8");
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM dim_product"), "6");
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM fact_sales"), "20");
  EXPECT_EQ(query(warehouse, "SELECT printf('%.2f', SUM(amount)) FROM fact_sales"), "3803.05");
  // Every fact row found both of its dimension rows.
  EXPECT_EQ(query(warehouse,
                  "SELECT COUNT(*) FROM fact_sales JOIN dim_customer USING (customer_key) "
                  "JOIN dim_product USING (product_key)"),
            "20");

  // The Event-Wait deleted the indicator file the Command created; the report was published.
  EXPECT_TRUE(fs::is_directory(run / "target" / "landing"));
  EXPECT_FALSE(fs::exists(run / "target" / "landing" / "sales_extract.done"));
  EXPECT_EQ(read_file(run / "target" / "reports" / "load_status.txt"),
            "LOADED 20 sales rows from sales_csv_2026_11\n");
  EXPECT_EQ(read_file(run / "target" / "reports" / "sales_by_category.csv"),
            "category,sales,revenue\nCoffee,8,3102.3\nTea,6,370.0\nAccessories,6,330.75\n");
}

TEST_F(ExampleTest, ShortLoadTakesTheFailureBranchAndStops) {
  ProcessResult result = run_cli("$$MinFactRows=1000\n", {"--quiet"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;  // stopped by the Control task

  RunEvents run_events = events();
  EXPECT_EQ(run_events.run_status, "STOPPED");
  EXPECT_EQ(run_events.status("s_m_load_fact_sales"), "SUCCEEDED");
  EXPECT_EQ(run_events.status("dec_fact_rows_ok"), "SUCCEEDED");  // a FALSE Decision succeeds
  // No SMTP server is configured, so the failure email fails, and the Control task stops the
  // workflow all the same (its input link has no condition).
  EXPECT_EQ(run_events.status("eml_load_failed"), "FAILED");
  EXPECT_NE(run_events.field("eml_load_failed", "error_msg").find("email.smtp.url"),
            std::string::npos);
  EXPECT_EQ(run_events.status("ctl_stop_on_failure"), "SUCCEEDED");
  for (const char* task : {"asn_publish_plan", "tmr_settle", "cmd_publish_report"})
    EXPECT_TRUE(run_events.did_not_run.count(task)) << task;
  EXPECT_EQ(query(target_ / "warehouse.sqlite", "SELECT COUNT(*) FROM fact_sales"), "20");
  EXPECT_FALSE(fs::exists(target_ / "reports"));
}

TEST_F(ExampleTest, DryRunTouchesNothingAndFollowsTheSimulatedRows) {
  // A dry-run session reports 1 row unless told otherwise: 20 keeps the Decision TRUE.
  ProcessResult result =
      run_cli("", {"--quiet", "--dry-run", "--simulate", "s_m_load_fact_sales=SUCCEEDED:rows=20"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  RunEvents run_events = events();
  EXPECT_EQ(run_events.run_status, "SUCCEEDED");
  for (const char* task : kSuccessPath) EXPECT_EQ(run_events.status(task), "SUCCEEDED") << task;
  EXPECT_TRUE(run_events.did_not_run.count("eml_load_failed"));
  EXPECT_NE(run_events.field("tmr_settle", "description").find("would wait until"),
            std::string::npos);
  EXPECT_TRUE(fs::is_empty(target_)) << "a dry run wrote into " << target_;
}

}  // namespace
}  // namespace taskweave::testing
