// The example workflow of config/examples, run for real: through scripts/run-example.sh (the
// README's first command) and through `taskweave run` with a parameter that sends it down the
// failure branch. Checks the run's JSON events, the files the workflow writes and the rows in
// the SQLite warehouse.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = TW_SOURCE_DIR;
const fs::path kExamples = kSource / "config" / "examples";

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Outcome run_shell(const std::string& command) {
  Outcome outcome;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return outcome;
  std::array<char, 4096> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
    outcome.output.append(buffer.data(), n);
  int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

// What the run's --json-events said: the final status, each task's status, the tasks that did
// not run, and each finished task's start and end times.
struct Events {
  std::string run_status;
  std::map<std::string, std::string> status;
  std::set<std::string> did_not_run;
  std::map<std::string, std::pair<std::string, std::string>> times;

  static Events read(const fs::path& file) {
    static const std::regex kEvent(R"re("event"\s*:\s*"([a-z_]+)")re");
    static const std::regex kTask(R"re("task"\s*:\s*"([^"]*)")re");
    static const std::regex kStatus(R"re("status"\s*:\s*"([A-Z]+)")re");
    static const std::regex kStart(R"re("start"\s*:\s*"([^"]*)")re");
    static const std::regex kEnd(R"re("end"\s*:\s*"([^"]*)")re");
    Events events;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      std::smatch event, task, status, start, end;
      if (!std::regex_search(line, event, kEvent)) continue;
      std::regex_search(line, task, kTask);
      std::regex_search(line, status, kStatus);
      if (event[1] == "run_finished") events.run_status = status[1];
      if (event[1] == "task_did_not_run") events.did_not_run.insert(task[1]);
      if (event[1] == "task_finished") {
        events.status[task[1]] = status[1];
        if (std::regex_search(line, start, kStart) && std::regex_search(line, end, kEnd))
          events.times[task[1]] = {start[1], end[1]};
      }
    }
    return events;
  }
};

// Seconds between two of the contract's timestamps on the same day ("...T10:00:01.250Z").
double seconds_between(const std::string& from, const std::string& to) {
  auto seconds_of_day = [](const std::string& ts) {
    auto t = ts.find('T');
    if (t == std::string::npos || ts.size() < t + 9) return -1.0;
    return std::stod(ts.substr(t + 1, 2)) * 3600 + std::stod(ts.substr(t + 4, 2)) * 60 +
           std::stod(ts.substr(t + 7));
  };
  return seconds_of_day(to) - seconds_of_day(from);
}

// The first column of the first row of `sql`, as text ("" when the query fails).
std::string query(const fs::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string result;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

class ExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v sqlite3 >/dev/null") != 0)
      GTEST_SKIP() << "the example needs the sqlite3 shell (scripts/install-deps.sh installs it)";
    std::string pattern = (fs::temp_directory_path() / "tw-example-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
  }

  // The example's parameter file for a run whose outputs go to `target`, plus `extra` lines.
  fs::path write_params(const fs::path& target, const std::string& extra) {
    fs::path params = dir_ / "wf_sales_star.par";
    std::ofstream(params) << "[Global]\n$PMRootDir=" << kExamples.string()
                          << "\n$PMTargetFileDir=" << target.string() << "\n\n"
                          << read_file(kExamples / "wf_sales_star.par") << extra;
    return params;
  }

  fs::path dir_;
};

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

TEST_F(ExampleTest, RunExampleScriptLoadsTheStarSchemaAndSucceeds) {
  const fs::path run = dir_ / "run";
  const fs::path events_file = dir_ / "events.jsonl";
  Outcome outcome = run_shell("TASKWEAVE=" + quoted(TW_CLI) + " TW_EXAMPLE_RUN_DIR=" + quoted(run) +
                              " " + quoted(kSource / "scripts/run-example.sh") +
                              " --json-events=" + quoted(events_file));
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("fact_sales"), std::string::npos) << outcome.output;

  Events events = Events::read(events_file);
  EXPECT_EQ(events.run_status, "SUCCEEDED");
  for (const char* task : kSuccessPath) EXPECT_EQ(events.status[task], "SUCCEEDED") << task;
  // The failure branch did not run.
  EXPECT_TRUE(events.did_not_run.count("eml_load_failed"));
  EXPECT_TRUE(events.did_not_run.count("ctl_stop_on_failure"));
  EXPECT_FALSE(events.status.count("eml_load_failed"));
  EXPECT_FALSE(events.status.count("ctl_stop_on_failure"));
  // The Timer waited for $$PublishAt, two seconds after the Assignment (SYSDATE has whole
  // seconds, so at least one second passes).
  ASSERT_TRUE(events.times.count("tmr_settle"));
  double waited =
      seconds_between(events.times["tmr_settle"].first, events.times["tmr_settle"].second);
  EXPECT_GE(waited, 0.9);
  EXPECT_LT(waited, 10.0);

  const fs::path warehouse = run / "target" / "warehouse.sqlite";
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM dim_customer"), "8");
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM dim_product"), "6");
  EXPECT_EQ(query(warehouse, "SELECT COUNT(*) FROM fact_sales"), "20");
  EXPECT_EQ(query(warehouse, "SELECT printf('%.2f', SUM(amount)) FROM fact_sales"), "3803.05");
  // Every fact row found both of its dimension rows.
  EXPECT_EQ(query(warehouse,
                  "SELECT COUNT(*) FROM fact_sales f JOIN dim_customer c USING (customer_key) "
                  "JOIN dim_product p USING (product_key)"),
            "20");

  // The Event-Wait deleted the indicator file the Command created; the report was published.
  EXPECT_FALSE(fs::exists(run / "target" / "landing" / "sales_extract.done"));
  EXPECT_TRUE(fs::is_directory(run / "target" / "landing"));
  EXPECT_EQ(read_file(run / "target" / "reports" / "load_status.txt"),
            "LOADED 20 sales rows from sales_csv_2026_11\n");
  EXPECT_EQ(read_file(run / "target" / "reports" / "sales_by_category.csv"),
            "category,sales,revenue\nCoffee,8,3102.3\nTea,6,370.0\nAccessories,6,330.75\n");
}

TEST_F(ExampleTest, ShortLoadTakesTheFailureBranchAndStops) {
  const fs::path target = dir_ / "target";
  fs::create_directories(target);
  const fs::path params = write_params(target, "$$MinFactRows=1000\n");
  const fs::path events_file = dir_ / "events.jsonl";
  Outcome outcome = run_shell(
      "cd " + quoted(dir_) + " && " + quoted(TW_CLI) + " run " +
      quoted(kExamples / "wf_sales_star.xml") + " --config " + quoted(kExamples / "taskweave.ini") +
      " --param-file " + quoted(params) + " --state-dir " + quoted(dir_ / "state") + " --log-dir " +
      quoted(dir_ / "logs") + " --json-events=" + quoted(events_file));
  EXPECT_EQ(outcome.exit_code, 3) << outcome.output;  // stopped by the Control task

  Events events = Events::read(events_file);
  EXPECT_EQ(events.run_status, "STOPPED");
  EXPECT_EQ(events.status["s_m_load_fact_sales"], "SUCCEEDED");
  EXPECT_EQ(events.status["dec_fact_rows_ok"], "SUCCEEDED");  // a FALSE Decision succeeds
  // No SMTP server is configured, so the failure email fails, and the Control task stops the
  // workflow all the same (its input link has no condition).
  EXPECT_EQ(events.status["eml_load_failed"], "FAILED");
  EXPECT_EQ(events.status["ctl_stop_on_failure"], "SUCCEEDED");
  for (const char* task : {"asn_publish_plan", "tmr_settle", "cmd_publish_report"})
    EXPECT_TRUE(events.did_not_run.count(task)) << task;
  EXPECT_EQ(query(target / "warehouse.sqlite", "SELECT COUNT(*) FROM fact_sales"), "20");
  EXPECT_FALSE(fs::exists(target / "reports"));
}

TEST_F(ExampleTest, DryRunTouchesNothingAndFollowsTheSimulatedRows) {
  const fs::path target = dir_ / "target";
  fs::create_directories(target);
  const fs::path params = write_params(target, "");
  const fs::path events_file = dir_ / "events.jsonl";
  // A dry-run session reports 1 row unless told otherwise: 20 keeps the Decision TRUE.
  Outcome outcome = run_shell(
      "cd " + quoted(dir_) + " && " + quoted(TW_CLI) + " run " +
      quoted(kExamples / "wf_sales_star.xml") + " --config " + quoted(kExamples / "taskweave.ini") +
      " --param-file " + quoted(params) + " --state-dir " + quoted(dir_ / "state") + " --log-dir " +
      quoted(dir_ / "logs") + " --json-events=" + quoted(events_file) +
      " --dry-run --simulate s_m_load_fact_sales=SUCCEEDED:rows=20");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  Events events = Events::read(events_file);
  EXPECT_EQ(events.run_status, "SUCCEEDED");
  for (const char* task : kSuccessPath) EXPECT_EQ(events.status[task], "SUCCEEDED") << task;
  EXPECT_TRUE(events.did_not_run.count("eml_load_failed"));
  EXPECT_TRUE(fs::is_empty(target)) << "a dry run wrote into " << target;
}

}  // namespace
