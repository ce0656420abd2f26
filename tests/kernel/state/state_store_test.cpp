#include "state/state_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <set>

#include "expr/calendar.h"
#include "state/run_id.h"
#include "temp_state_dir.h"

namespace taskweave::state {
namespace {

using expr::Status;
using expr::Value;

expr::DateTime at(int h, int mi, int s, int nanos = 0) {
  return *expr::calendar::from_fields({2026, 11, 27, h, mi, s, nanos});
}

run::RunInfo info(const std::string& id, const std::string& workflow = "wf_daily") {
  run::RunInfo i;
  i.run_id = id;
  i.workflow = workflow;
  i.folder = "SALES";
  i.file = "exports/wf_daily.xml";
  i.definition_hash = "abc123";
  i.run_instance = "night";
  i.start = at(10, 0, 0);
  return i;
}

run::TaskEvent task(const std::string& run, const std::string& path, Status status) {
  run::TaskEvent e;
  e.run_id = run;
  e.path = path;
  e.type = "Session";
  e.status = status;
  e.start = at(10, 0, 1);
  if (status != Status::Started) e.end = at(10, 0, 2, 500000000);
  return e;
}

class StateStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<StateStore> open() {
    auto store = StateStore::open(dir_.path());
    EXPECT_TRUE(store.ok()) << store.error();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  testing::TempStateDir dir_;
};

TEST_F(StateStoreTest, OpenCreatesAPrivateDirectoryAndDatabase) {
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->database_path(), dir_.path() / "taskweave.db");
  EXPECT_TRUE(std::filesystem::exists(store->database_path()));
  struct stat info {};
  ASSERT_EQ(stat(dir_.path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  ASSERT_EQ(stat(store->database_path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 077, 0u);
}

TEST_F(StateStoreTest, ARunRoundTrips) {
  auto store = open();
  ASSERT_TRUE(store);
  store->run_started(info("r1"));
  store->task_started(task("r1", "Start", Status::Started));
  auto start_done = task("r1", "Start", Status::Succeeded);
  store->task_finished(start_done);
  store->link_evaluated({"r1", "Start", "WKL_A.s_load", "", true, ""});
  store->link_evaluated({"r1", "Start", "s_err", "$Start.Status = FAILED", false, ""});
  store->checkpoint();
  auto load = task("r1", "WKL_A.s_load", Status::Failed);
  load.error_code = 36;
  load.error_msg = "ORA-00942: table or view does not exist";
  load.description = "ran mapping m_load";
  load.vars = {{"TgtSuccessRows", Value::integer(120)},
               {"FirstErrorMsg", Value::string("ORA-00942")},
               {"Ratio", Value::real(0.5)},
               {"When", Value::datetime(at(10, 0, 2))},
               {"Prev", Value::status(Status::Succeeded)},
               {"Nothing", Value()}};
  store->task_finished(load);
  auto skipped = task("r1", "s_err", Status::NotStarted);
  skipped.start = skipped.end = {};
  store->task_did_not_run(skipped);
  store->variable_changed({"r1", "", "$$COUNT", Value::integer(7), false});
  store->variable_changed({"r1", "WKL_A", "$$LOCAL", Value::string("x"), false});
  store->append_journal("r1", JournalKind::RaisedEvent, "ev_ready");
  store->checkpoint();

  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->info.workflow, "wf_daily");
  EXPECT_EQ(record->info.folder, "SALES");
  EXPECT_EQ(record->info.file, "exports/wf_daily.xml");
  EXPECT_EQ(record->info.definition_hash, "abc123");
  EXPECT_EQ(record->info.run_instance, "night");
  EXPECT_EQ(record->info.status, run::RunStatus::Running);
  EXPECT_EQ(record->info.start, at(10, 0, 0));
  EXPECT_EQ(record->pid, getpid());
  EXPECT_FALSE(record->killed);

  ASSERT_EQ(record->tasks.size(), 3u);
  EXPECT_EQ(record->tasks[0].path, "Start");
  EXPECT_EQ(record->tasks[0].status, Status::Succeeded);
  const auto& t = record->tasks[1];
  EXPECT_EQ(t.path, "WKL_A.s_load");
  EXPECT_EQ(t.type, "Session");
  EXPECT_EQ(t.status, Status::Failed);
  EXPECT_EQ(t.start, at(10, 0, 1));
  EXPECT_EQ(t.end, at(10, 0, 2, 500000000));
  EXPECT_EQ(t.error_code, 36);
  EXPECT_EQ(t.error_msg, load.error_msg);
  EXPECT_EQ(t.description, "ran mapping m_load");
  EXPECT_EQ(t.vars, load.vars);
  EXPECT_EQ(record->tasks[2].path, "s_err");
  EXPECT_EQ(record->tasks[2].status, Status::NotStarted);  // did not run
  EXPECT_EQ(record->tasks[2].start, expr::DateTime{});

  ASSERT_EQ(record->links.size(), 2u);
  EXPECT_EQ(record->links[0].to, "WKL_A.s_load");
  EXPECT_TRUE(record->links[0].result);
  EXPECT_EQ(record->links[1].condition, "$Start.Status = FAILED");
  EXPECT_FALSE(record->links[1].result);

  EXPECT_EQ(record->variables[""]["$$COUNT"], Value::integer(7));
  EXPECT_EQ(record->variables["WKL_A"]["$$LOCAL"], Value::string("x"));
  EXPECT_EQ(record->raised_events, std::vector<std::string>{"ev_ready"});
}

TEST_F(StateStoreTest, AStartedTaskThatNeverFinishedIsReported) {
  auto store = open();
  ASSERT_TRUE(store);
  store->run_started(info("r1"));
  store->task_started(task("r1", "cmd_a", Status::Started));
  store->checkpoint();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->tasks.size(), 1u);
  EXPECT_EQ(record->tasks[0].status, Status::Started);
  EXPECT_EQ(record->tasks[0].end, expr::DateTime{});
}

TEST_F(StateStoreTest, LatestAttemptPerPathWins) {
  auto store = open();
  ASSERT_TRUE(store);
  store->run_started(info("r1"));
  auto first = task("r1", "cmd_a", Status::Failed);
  first.vars["X"] = Value::integer(1);
  store->task_finished(first);
  auto second = task("r1", "cmd_a", Status::Succeeded);
  second.attempt = 2;
  store->task_finished(second);
  store->checkpoint();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->tasks.size(), 1u);
  EXPECT_EQ(record->tasks[0].attempt, 2);
  EXPECT_EQ(record->tasks[0].status, Status::Succeeded);
  EXPECT_TRUE(record->tasks[0].vars.empty());  // the first attempt's variables stay with it
}

TEST_F(StateStoreTest, WritesAreInvisibleToOthersUntilTheCheckpoint) {
  auto writer = open();
  auto reader = open();
  ASSERT_TRUE(writer && reader);
  writer->run_started(info("r1"));
  writer->task_started(task("r1", "cmd_a", Status::Started));
  EXPECT_FALSE(reader->load_run("r1"));  // WAL: the reader is not blocked, sees the last commit
  writer->checkpoint();
  auto record = reader->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->tasks.size(), 1u);
}

TEST_F(StateStoreTest, RunFinishedCommitsAtOnce) {
  auto writer = open();
  auto reader = open();
  ASSERT_TRUE(writer && reader);
  auto i = info("r1");
  writer->run_started(i);
  i.status = run::RunStatus::Succeeded;
  i.end = at(10, 5, 0);
  writer->run_finished(i);
  auto record = reader->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->info.status, run::RunStatus::Succeeded);
  EXPECT_EQ(record->info.end, at(10, 5, 0));
  EXPECT_FALSE(record->killed);
}

TEST_F(StateStoreTest, ClosingTheStoreCommitsAnOpenBatch) {
  {
    auto store = open();
    ASSERT_TRUE(store);
    store->run_started(info("r1"));
  }
  EXPECT_TRUE(open()->load_run("r1"));
}

TEST_F(StateStoreTest, RecoveryContinuesTheRecordOfTheRun) {
  {
    auto store = open();
    store->run_started(info("r1"));
    store->task_finished(task("r1", "a", Status::Succeeded));
    store->task_started(task("r1", "b", Status::Started));
    store->checkpoint();
  }
  auto store = open();
  auto again = info("r1");
  again.recovery = true;
  again.start = at(11, 0, 0);  // the original start is kept
  store->run_started(again);
  store->task_finished(task("r1", "c", Status::Succeeded));
  store->task_finished(task("r1", "b", Status::Failed));
  store->checkpoint();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->recoveries, 1);
  EXPECT_TRUE(record->info.recovery);
  EXPECT_EQ(record->info.start, at(10, 0, 0));
  ASSERT_EQ(record->tasks.size(), 3u);
  EXPECT_EQ(record->tasks[0].path, "a");
  EXPECT_EQ(record->tasks[1].path, "b");
  EXPECT_EQ(record->tasks[1].status, Status::Failed);
  EXPECT_EQ(record->tasks[2].path, "c");
}

TEST_F(StateStoreTest, ARunWhoseProcessIsGoneIsKilled) {
  auto store = open();
  store->run_started(info("r1"));
  store->checkpoint();
  EXPECT_FALSE(store->is_killed("r1"));
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  store->set_pid("r1", child);
  EXPECT_TRUE(store->is_killed("r1"));
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->killed);
  EXPECT_EQ(record->pid, child);
  EXPECT_FALSE(store->is_killed("no-such-run"));
}

TEST_F(StateStoreTest, AFinishedRunIsNeverKilled) {
  auto store = open();
  auto i = info("r1");
  store->run_started(i);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  store->set_pid("r1", child);
  i.status = run::RunStatus::Stopped;
  store->run_finished(i);
  EXPECT_FALSE(store->is_killed("r1"));
}

TEST_F(StateStoreTest, ListRunsNewestFirstFilteredAndLimited) {
  auto store = open();
  for (const char* id :
       {"20260101-000000-000-000001", "20260102-000000-000-000001", "20260103-000000-000-000001"})
    store->run_started(info(id, std::string(id).substr(7, 1) == "2" ? "wf_other" : "wf_daily"));
  store->checkpoint();
  auto all = store->list_runs(std::nullopt, 0);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].run_id, "20260103-000000-000-000001");
  EXPECT_EQ(all[2].run_id, "20260101-000000-000-000001");
  auto daily = store->list_runs(std::string("WF_DAILY"), 0);
  ASSERT_EQ(daily.size(), 2u);
  EXPECT_EQ(daily[0].run_id, "20260103-000000-000-000001");
  auto limited = store->list_runs(std::nullopt, 1);
  ASSERT_EQ(limited.size(), 1u);
  EXPECT_EQ(limited[0].run_id, "20260103-000000-000-000001");
  EXPECT_TRUE(store->list_runs(std::string("wf_none"), 10).empty());
}

TEST_F(StateStoreTest, PersistentVariablesPerWorkflowAndScope) {
  auto store = open();
  store->save_persistent("wf_daily", "", "$$LAST_ID", Value::integer(41));
  store->save_persistent("wf_daily", "", "$$last_id", Value::integer(42));  // same variable
  store->save_persistent("wf_daily", "WKL_A", "$$LAST_ID", Value::string("inner"));
  store->save_persistent("wf_other", "", "$$LAST_ID", Value::integer(1));
  auto values = store->persistent_values("WF_DAILY", "");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values.begin()->second, Value::integer(42));
  EXPECT_EQ(store->persistent_values("wf_daily", "wkl_a").begin()->second, Value::string("inner"));
  EXPECT_TRUE(store->persistent_values("wf_none", "").empty());
}

TEST_F(StateStoreTest, APersistentVariableEventSavesTheStartValueForTheNextRun) {
  auto store = open();
  store->run_started(info("r1", "wf_daily"));
  store->variable_changed({"r1", "", "$$LAST_DATE", Value::datetime(at(9, 0, 0)), true});
  store->variable_changed({"r1", "", "$$NOT_SAVED", Value::integer(1), false});
  store->checkpoint();
  auto values = open()->persistent_values("wf_daily", "");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values["$$LAST_DATE"], Value::datetime(at(9, 0, 0)));
}

TEST_F(StateStoreTest, WritesOutsideABatchCommitAtOnce) {
  auto writer = open();
  auto reader = open();
  writer->save_persistent("wf", "", "$$X", Value::integer(1));
  EXPECT_EQ(reader->persistent_values("wf", "").size(), 1u);
  writer->append_journal("r1", JournalKind::ControlRequest, "stop");
  EXPECT_EQ(reader->journal("r1").size(), 1u);
}

TEST_F(StateStoreTest, JournalIsPolledBySequence) {
  auto store = open();
  auto first = store->append_journal("r1", JournalKind::ControlRequest, "stop");
  store->append_journal("r2", JournalKind::ControlRequest, "abort");
  auto second = store->append_journal("r1", JournalKind::RaisedEvent, "ev_done");
  EXPECT_LT(first, second);
  auto all = store->journal("r1");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].kind, JournalKind::ControlRequest);
  EXPECT_EQ(all[0].name, "stop");
  EXPECT_EQ(all[0].at.size(), 24u);  // 2026-11-27T10:00:00.123Z
  auto later = store->journal("r1", first);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].name, "ev_done");
  EXPECT_EQ(later[0].kind, JournalKind::RaisedEvent);
}

TEST_F(StateStoreTest, SecretsAreKeptForRecoveryAndReports) {
  auto store = open();
  store->run_started(info("r1"));
  store->append_journal("r1", JournalKind::Secret, "hunter22");
  store->append_journal("r1", JournalKind::RaisedEvent, "ev");
  store->append_journal("r2", JournalKind::Secret, "other run");
  store->checkpoint();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->secrets, std::vector<std::string>{"hunter22"});
  EXPECT_EQ(record->raised_events, std::vector<std::string>{"ev"});
  auto journal = store->journal("r1");
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0].kind, JournalKind::Secret);
}

TEST_F(StateStoreTest, UnknownRunIsNotFound) {
  auto store = open();
  EXPECT_FALSE(store->load_run("nope"));
  EXPECT_FALSE(store->run_summary("nope"));
}

TEST_F(StateStoreTest, RunSummaryHasTheRowButNoEvents) {
  auto store = open();
  store->run_started(info("r1"));
  store->task_finished(task("r1", "a", Status::Succeeded));
  store->checkpoint();
  auto summary = store->run_summary("r1");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->info.workflow, "wf_daily");
  EXPECT_EQ(summary->pid, getpid());
  EXPECT_FALSE(summary->host.empty());
  EXPECT_FALSE(summary->killed);
  EXPECT_TRUE(summary->tasks.empty());
}

TEST_F(StateStoreTest, NewRunIdsAreUniqueAndSortByTime) {
  auto store = open();
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(store->new_run_id());
  EXPECT_EQ(ids.size(), 1000u);
  auto t0 = std::chrono::system_clock::now();
  auto earlier = make_run_id(t0);
  auto later = make_run_id(t0 + std::chrono::milliseconds(1));
  EXPECT_LT(earlier, later);
  EXPECT_EQ(earlier.size(), 26u);
}

TEST_F(StateStoreTest, ViewsDecodeTheTransitionsForTheSqliteShell) {
  auto store = open();
  store->run_started(info("r1"));
  store->task_started(task("r1", "a", Status::Started));
  store->checkpoint();
  auto done = task("r1", "a", Status::Succeeded);
  done.vars["Rows"] = Value::integer(3);
  store->task_finished(done);
  store->link_evaluated({"r1", "a", "b", "$a.Status = SUCCEEDED", true, ""});
  store->variable_changed({"r1", "", "$$X", Value::integer(1), false});
  store->variable_changed({"r1", "", "$$x", Value::integer(2), false});
  store->checkpoint();
  auto path = store->database_path();
  store.reset();  // the sqlite3 shell sees a live run's journaled batches once they are folded
  auto db = sqlite::Database::open(path);
  ASSERT_TRUE(db.ok());
  auto rows = [&](const char* sql) {
    std::vector<std::string> out;
    auto s = db.value().prepare(sql);
    EXPECT_TRUE(s.ok()) << s.error();
    if (!s.ok()) return out;
    while (s.value().step() == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < s.value().column_count(); ++i)
        row += std::string(i ? "|" : "") + std::string(s.value().column_text(i));
      out.push_back(row);
    }
    return out;
  };
  EXPECT_EQ(rows("SELECT path, status, end_time, vars FROM task_runs WHERE run = 'r1'"),
            std::vector<std::string>{
                "a|SUCCEEDED|2026-11-27 10:00:02.500000000|{\"Rows\":[\"integer\",3]}"});
  EXPECT_EQ(rows("SELECT from_task, to_task, result FROM link_results"),
            std::vector<std::string>{"a|b|1"});
  EXPECT_EQ(rows("SELECT name, type, value FROM run_variables"),
            std::vector<std::string>{"$$x|integer|2"});
}

TEST_F(StateStoreTest, InterleavedRunsKeepTheirOwnEvents) {
  auto one = open();
  auto two = open();  // another process, say
  one->run_started(info("r1"));
  one->task_finished(task("r1", "a", Status::Succeeded));
  one->checkpoint();
  two->run_started(info("r2"));
  two->task_finished(task("r2", "x", Status::Succeeded));
  two->checkpoint();
  one->task_finished(task("r1", "b", Status::Succeeded));
  one->checkpoint();
  two->task_finished(task("r2", "y", Status::Failed));
  two->checkpoint();
  auto r1 = one->load_run("r1");
  auto r2 = one->load_run("r2");
  ASSERT_TRUE(r1 && r2);
  ASSERT_EQ(r1->tasks.size(), 2u);
  EXPECT_EQ(r1->tasks[1].path, "b");
  ASSERT_EQ(r2->tasks.size(), 2u);
  EXPECT_EQ(r2->tasks[0].path, "x");
  EXPECT_EQ(r2->tasks[1].status, Status::Failed);
}

TEST_F(StateStoreTest, ADamagedBatchIsReportedNotFatal) {
  auto store = open();
  store->run_started(info("r1"));
  store->task_finished(task("r1", "a", Status::Succeeded));
  store->checkpoint();
  {
    auto db = sqlite::Database::open(store->database_path());
    ASSERT_TRUE(
        db.value().exec("INSERT INTO transitions (run, events) VALUES ('r1', '[{oops')").ok());
  }
  store->task_finished(task("r1", "b", Status::Succeeded));
  store->checkpoint();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->damaged);
  ASSERT_EQ(record->tasks.size(), 2u);  // the batches around the damage still count
  EXPECT_EQ(record->tasks[1].path, "b");
}

TEST_F(StateStoreTest, NoWriteErrorInNormalUse) {
  auto store = open();
  store->run_started(info("r1"));
  store->checkpoint();
  EXPECT_EQ(store->write_error(), "");
}

}  // namespace
}  // namespace taskweave::state
