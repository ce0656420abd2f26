// `taskweave history` and `taskweave show` through the real binary, on a state directory filled
// by the state store itself.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "expr/calendar.h"
#include "state/state_store.h"
#include "temp_dir.h"

namespace taskweave::cli {
namespace {

using testing::taskweave_cli;

expr::DateTime at(int h, int mi, int s) {
  return *expr::calendar::from_fields({2026, 11, 27, h, mi, s, 0});
}

class HistoryShowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = state::StateStore::open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.error();
    auto& s = *store.value();
    run::RunInfo done = info("20261127-100000-000-000001", "wf_daily");
    s.run_started(done);
    run::TaskEvent t;
    t.run_id = done.run_id;
    t.path = "cmd_ok";
    t.type = "Command";
    t.status = expr::Status::Succeeded;
    t.start = at(10, 0, 1);
    t.end = at(10, 0, 3);
    t.vars["ErrorCode"] = expr::Value::integer(0);
    s.task_finished(t);
    t.path = "WKL_A.s_load";
    t.type = "Session";
    t.status = expr::Status::Failed;
    t.error_code = 36;
    t.error_msg = "ORA-00942:\ntable missing";
    s.task_finished(t);
    run::TaskEvent skipped;
    skipped.run_id = done.run_id;
    skipped.path = "s_err";
    skipped.type = "Session";
    s.task_did_not_run(skipped);
    s.variable_changed({done.run_id, "", "$$COUNT", expr::Value::integer(7), false});
    s.variable_changed({done.run_id, "", "$$DB_PASSWORD", expr::Value::string("pw1"), false});
    s.variable_changed(
        {done.run_id, "", "$$URL", expr::Value::string("https://u:hunter22@host"), false});
    s.append_journal(done.run_id, state::JournalKind::Secret, "hunter22");
    done.status = run::RunStatus::Succeeded;
    done.end = at(10, 5, 3);
    s.run_finished(done);

    // A run whose process died: recorded as running, pid gone.
    run::RunInfo killed = info("20261127-110000-000-000002", "wf_other");
    s.run_started(killed);
    s.checkpoint();
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    s.set_pid(killed.run_id, child);
  }

  static run::RunInfo info(const std::string& id, const std::string& workflow) {
    run::RunInfo i;
    i.run_id = id;
    i.workflow = workflow;
    i.folder = "SALES";
    i.file = "exports/" + workflow + ".xml";
    i.start = at(10, 0, 0);
    return i;
  }

  taskweave::testing::ProcessResult cli(std::vector<std::string> args) {
    args.push_back("--state-dir");
    args.push_back(dir_.path().string());
    return taskweave_cli(std::move(args));
  }

  taskweave::testing::TempDir dir_{"tw-history-test"};
};

TEST_F(HistoryShowTest, HistoryListsNewestFirstAndNamesKilledRuns) {
  auto r = cli({"history"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::line_count(r.out), 3u) << r.out;
  auto second_line = r.out.substr(r.out.find('\n') + 1);
  EXPECT_EQ(second_line.rfind("20261127-110000-000-000002  wf_other  KILLED", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("20261127-100000-000-000001  wf_daily  SUCCEEDED"), std::string::npos);
  EXPECT_NE(r.out.find("5m03s"), std::string::npos) << r.out;
}

TEST_F(HistoryShowTest, HistoryFiltersAndLimits) {
  auto filtered = cli({"history", "--workflow", "WF_DAILY"});
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_EQ(testing::line_count(filtered.out), 2u) << filtered.out;
  auto limited = cli({"history", "--limit", "1"});
  EXPECT_EQ(testing::line_count(limited.out), 2u) << limited.out;
  EXPECT_NE(limited.out.find("wf_other"), std::string::npos);
  auto bad = cli({"history", "--limit", "many"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--limit"), std::string::npos);
}

TEST_F(HistoryShowTest, HistoryJson) {
  auto r = cli({"history", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  auto runs = root->getArray("runs");
  ASSERT_EQ(runs->size(), 2u);
  auto newest = runs->getObject(0);
  EXPECT_EQ(newest->getValue<std::string>("run_id"), "20261127-110000-000-000002");
  EXPECT_EQ(newest->getValue<std::string>("status"), "RUNNING");
  EXPECT_TRUE(newest->getValue<bool>("killed"));
  EXPECT_TRUE(newest->isNull("end"));
  auto done = runs->getObject(1);
  EXPECT_EQ(done->getValue<std::string>("status"), "SUCCEEDED");
  EXPECT_FALSE(done->getValue<bool>("killed"));
  EXPECT_EQ(done->getValue<std::string>("start").size(), 24u);  // 2026-11-27T10:00:00.000Z
}

TEST_F(HistoryShowTest, ShowPrintsTheTaskTable) {
  auto r = cli({"show", "20261127-100000-000-000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Status:    SUCCEEDED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PATH          TYPE     STATUS       START"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cmd_ok        Command  SUCCEEDED    2026-11-27 10:00:01.000  "
                       "2026-11-27 10:00:03.000  2.000s"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[36] ORA-00942: table missing"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s_err         Session  DID NOT RUN"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 task(s): 1 DID NOT RUN, 1 FAILED, 1 SUCCEEDED"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("$$COUNT = 7"), std::string::npos) << r.out;
}

TEST_F(HistoryShowTest, ShowJson) {
  auto r = cli({"show", "20261127-100000-000-000001", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(root->getObject("run")->getValue<std::string>("workflow"), "wf_daily");
  auto tasks = root->getArray("tasks");
  ASSERT_EQ(tasks->size(), 3u);
  EXPECT_EQ(tasks->getObject(1)->getValue<std::string>("path"), "WKL_A.s_load");
  EXPECT_EQ(tasks->getObject(1)->getValue<int>("error_code"), 36);
  EXPECT_EQ(tasks->getObject(2)->getValue<std::string>("status"), "DID_NOT_RUN");
  EXPECT_EQ(tasks->getObject(0)->getObject("vars")->getValue<int>("ErrorCode"), 0);
  EXPECT_EQ(root->getObject("variables")->getObject("")->getValue<int>("$$COUNT"), 7);
}

TEST_F(HistoryShowTest, ShowMasksSecrets) {
  for (const char* format : {"", "--json"}) {
    std::vector<std::string> args = {"show", "20261127-100000-000-000001"};
    if (*format) args.push_back(format);
    auto r = cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("hunter22"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("pw1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("https://u:********@host"), std::string::npos) << r.out;
  }
}

TEST_F(HistoryShowTest, ShowOfAKilledRunSaysHowToContinue) {
  auto r = cli({"show", "20261127-110000-000-000002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("KILLED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("taskweave recover"), std::string::npos) << r.out;
}

TEST_F(HistoryShowTest, ShowOfAnUnknownRunIsAnError) {
  auto r = cli({"show", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no run nope"), std::string::npos) << r.err;
  auto none = cli({"show"});
  EXPECT_EQ(none.exit_code, 2);
}

TEST(HistoryEmpty, AnEmptyStateDirectory) {
  taskweave::testing::TempDir dir("tw-history-empty");
  auto r = taskweave_cli({"history", "--state-dir", (dir.path() / "state").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "No runs recorded.\n");
}

}  // namespace
}  // namespace taskweave::cli
