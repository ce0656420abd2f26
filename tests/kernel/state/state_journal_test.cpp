// The state store's journal (journal_file.h, journal_fold.h): what a checkpoint leaves on disk,
// how the batches reach the database, and what readers and the next open do with a journal
// left behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "state/event_batch.h"
#include "state/journal_file.h"
#include "state/journal_fold.h"
#include "state/journal_record.h"
#include "state/state_store.h"
#include "temp_state_dir.h"

namespace taskweave::state {
namespace {

run::TaskEvent succeeded(const std::string& run, const std::string& path) {
  run::TaskEvent e;
  e.run_id = run;
  e.path = path;
  e.type = "Command";
  e.status = expr::Status::Succeeded;
  return e;
}

// The JSON of a batch with one task per path, as a checkpoint journals it.
std::string batch_of(const std::vector<std::string>& paths) {
  EventBatch batch;
  for (const auto& path : paths) batch.add_task(succeeded("r1", path), false);
  return std::string(batch.json());
}

std::string journal_bytes(std::uint64_t first_seq, const std::vector<std::string>& batches) {
  std::string bytes;
  for (const auto& b : batches) append_journal_record(bytes, first_seq++, b);
  return bytes;
}

std::vector<std::string> paths_of(const RunRecord& record) {
  std::vector<std::string> paths;
  for (const auto& t : record.tasks) paths.push_back(t.path);
  return paths;
}

class StateJournalTest : public ::testing::Test {
 protected:
  // A store that recorded run r1's row and then went away.
  void record_run(const std::string& run_id = "r1") {
    auto store = open();
    run::RunInfo info;
    info.run_id = run_id;
    info.workflow = "wf";
    store->run_started(info);
    store->checkpoint();
    store->set_pid(run_id, 0);  // nobody runs it now
  }
  std::unique_ptr<StateStore> open() {
    auto store = StateStore::open(dir_.path());
    EXPECT_TRUE(store.ok()) << store.error();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  // A journal for r1 as a writer leaves it (`bytes` after the magic, in the preallocated
  // space); the returned file holds the writer's lock.
  JournalFile write_journal(const std::string& bytes) {
    std::filesystem::create_directories(journal_dir(dir_.path()));
    const auto path = journal_path(dir_.path(), "r1");
    auto file = JournalFile::create(path);
    EXPECT_TRUE(file.ok()) << file.error();
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    EXPECT_EQ(::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(file.value().size())),
              static_cast<ssize_t>(bytes.size()));
    ::close(fd);
    return std::move(file).value();
  }
  sqlite::Database database() {
    auto db = sqlite::Database::open(dir_.path() / "taskweave.db");
    EXPECT_TRUE(db.ok());
    return std::move(db).value();
  }
  std::int64_t count(const char* sql) {
    auto db = database();
    auto s = db.prepare(sql);
    EXPECT_TRUE(s.ok()) << s.error();
    return s.value().step() == SQLITE_ROW ? s.value().column_int64(0) : -1;
  }
  bool journal_exists() { return std::filesystem::exists(journal_path(dir_.path(), "r1")); }

  testing::TempStateDir dir_;
};

TEST_F(StateJournalTest, ACheckpointJournalsTheBatchAndTheEndOfTheRunFoldsAndRemovesIt) {
  auto writer = open();
  run::RunInfo info;
  info.run_id = "r1";
  info.workflow = "wf";
  writer->run_started(info);
  writer->task_finished(succeeded("r1", "a"));
  writer->checkpoint();
  ASSERT_TRUE(journal_exists());
  struct stat st {};
  ASSERT_EQ(stat(journal_path(dir_.path(), "r1").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(journal_dir(dir_.path()).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  auto reader = open();  // another process, say
  auto record = reader->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), std::vector<std::string>{"a"});

  info.status = run::RunStatus::Succeeded;
  writer->run_finished(info);
  EXPECT_FALSE(journal_exists());
  EXPECT_EQ(count("SELECT count(*) FROM task_runs WHERE run = 'r1' AND status = 'SUCCEEDED'"), 1);
  EXPECT_EQ(writer->write_error(), "");
}

TEST_F(StateJournalTest, AppendedRecordsAreInTheFileAtOnceWhateverTheirSize) {
  std::filesystem::create_directories(journal_dir(dir_.path()));
  const auto path = journal_path(dir_.path(), "r1");
  auto file = JournalFile::create(path);
  ASSERT_TRUE(file.ok()) << file.error();
  // The third outgrows the first reservation (1 MB): the file grows and is mapped again.
  const std::vector<std::string> payloads = {batch_of({"a"}), batch_of({"b", "c"}),
                                             "[\"" + std::string(3 << 20, 'x') + "\"]",
                                             batch_of({"d"})};
  std::uint64_t seq = 1;
  for (const auto& payload : payloads) EXPECT_EQ(file.value().append_record(seq++, payload), "");
  // Another process reads the file while the writer still holds it.
  const std::string bytes = JournalFile::read_unlocked(path);
  EXPECT_GE(bytes.size(), file.value().size());
  JournalScan scan = scan_journal(bytes);
  EXPECT_EQ(scan.end, JournalScan::End::Clean) << scan.problem;
  EXPECT_EQ(scan.valid_bytes, file.value().size());
  ASSERT_EQ(scan.records.size(), payloads.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    EXPECT_EQ(scan.records[i].seq, i + 1);
    EXPECT_EQ(scan.records[i].payload, payloads[i]);
  }
}

TEST_F(StateJournalTest, ReadersSeeBatchesNotYetFolded) {
  record_run();
  JournalFile live = write_journal(journal_bytes(1, {batch_of({"a"}), batch_of({"b", "c"})}));
  auto reader = open();
  auto record = reader->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(record->damaged);
  // The reader left the live writer's journal alone.
  EXPECT_TRUE(journal_exists());
  EXPECT_EQ(count("SELECT count(*) FROM transitions"), 0);
}

TEST_F(StateJournalTest, ReadersSkipWhatIsAlreadyFolded) {
  record_run();
  std::vector<std::string> batches = {batch_of({"a"}), batch_of({"b"})};
  JournalFile live = write_journal(journal_bytes(1, batches));
  {
    auto db = database();
    std::string bytes = std::string(kJournalMagic) + journal_bytes(1, {batches[0]});
    auto folded = fold_batches(db, "r1", scan_journal(bytes).records);
    ASSERT_TRUE(folded.ok()) << folded.error();
  }
  auto reader = open();
  auto record = reader->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 1);
}

TEST_F(StateJournalTest, AKilledWritersJournalIsFoldedByTheNextOpenAndItsTornTailIgnored) {
  record_run();
  {
    std::string bytes = journal_bytes(1, {batch_of({"a"}), batch_of({"b"}), batch_of({"c"})});
    std::string torn = journal_bytes(4, {batch_of({"never_acted_on"})});
    JournalFile dead = write_journal(bytes + torn.substr(0, torn.size() / 2));
  }  // the writer's lock is gone, as after kill -9
  auto store = open();
  EXPECT_FALSE(journal_exists());
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 3);
  EXPECT_EQ(count("SELECT folded_batch FROM runs WHERE id = 'r1'"), 3);
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(record->damaged);
}

TEST_F(StateJournalTest, AJournalFoldedTwiceIsAppliedOnce) {
  record_run();
  std::string bytes = journal_bytes(1, {batch_of({"a"}), batch_of({"b"})});
  {
    // The writer folded everything, then died before removing its journal.
    JournalFile dead = write_journal(bytes);
    auto db = database();
    auto scanned = std::string(kJournalMagic) + bytes;
    ASSERT_EQ(fold_batches(db, "r1", scan_journal(scanned).records).value(), 2u);
    ASSERT_EQ(fold_batches(db, "r1", scan_journal(scanned).records).value(), 0u);
  }
  auto store = open();  // folds the leftover again: nothing new
  EXPECT_FALSE(journal_exists());
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 2);
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), (std::vector<std::string>{"a", "b"}));
}

TEST_F(StateJournalTest, OverlappingFoldsApplyEachBatchOnce) {
  record_run();
  auto db = database();
  std::string bytes = std::string(kJournalMagic) +
                      journal_bytes(1, {batch_of({"a"}), batch_of({"b"}), batch_of({"c"})});
  auto records = scan_journal(bytes).records;
  ASSERT_EQ(fold_batches(db, "r1", {records[0], records[1]}).value(), 2u);
  ASSERT_EQ(fold_batches(db, "r1", {records[1], records[2]}).value(), 1u);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 3);
  // Many batches fold into one row.
  EXPECT_EQ(count("SELECT count(*) FROM transitions WHERE run = 'r1'"), 2);
}

TEST_F(StateJournalTest, MergedBatchesFoldOnceAndNeverPartly) {
  record_run();
  auto db = database();
  std::string one_two = R"([{"kind":"task","path":"a"},{"kind":"task","path":"b"}])";
  std::string three = R"([{"kind":"task","path":"c"}])";
  ASSERT_TRUE(fold_merged(db, "r1", {{1, 2, one_two}}).ok());
  ASSERT_TRUE(fold_merged(db, "r1", {{1, 2, one_two}, {3, 3, three}}).ok());
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 3);
  EXPECT_EQ(count("SELECT folded_batch FROM runs WHERE id = 'r1'"), 3);
  auto overlapping = fold_merged(db, "r1", {{3, 4, three}});
  ASSERT_FALSE(overlapping.ok());
  EXPECT_NE(overlapping.error().find("overlaps"), std::string::npos) << overlapping.error();
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1'"), 3);  // rolled back
}

TEST_F(StateJournalTest, ACorruptJournalMarksTheRunDamaged) {
  record_run();
  {
    std::string bytes = journal_bytes(1, {batch_of({"a"}), batch_of({"b"}), batch_of({"c"})});
    std::size_t second = journal_bytes(1, {batch_of({"a"})}).size();
    bytes[second + kJournalRecordHeader + 2] ^= 1;
    JournalFile dead = write_journal(bytes);
  }
  auto store = open();
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), std::vector<std::string>{"a"});
  EXPECT_TRUE(record->damaged);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE run = 'r1' AND kind = 'damaged'"), 1);
}

TEST_F(StateJournalTest, AFoldFailureIsAWriteErrorAndTheJournalStaysForTheNextOpen) {
  {
    auto store = open();
    store->task_finished(succeeded("r1", "a"));  // a run without a row cannot be folded
    store->checkpoint();
    EXPECT_FALSE(store->load_run("r1"));
    EXPECT_NE(store->write_error().find("run with no record"), std::string::npos)
        << store->write_error();
  }
  EXPECT_TRUE(journal_exists());
  record_run();
  auto store = open();  // folds it now that the run has a row
  EXPECT_FALSE(journal_exists());
  auto record = store->load_run("r1");
  ASSERT_TRUE(record);
  EXPECT_EQ(paths_of(*record), std::vector<std::string>{"a"});
}

TEST_F(StateJournalTest, ARunIdThatCannotNameAFileIsWrittenDirectly) {
  auto store = open();
  run::RunInfo info;
  info.run_id = "../r1";
  info.workflow = "wf";
  store->run_started(info);
  store->task_finished(succeeded("../r1", "a"));
  store->checkpoint();
  EXPECT_TRUE(!std::filesystem::exists(journal_dir(dir_.path())) ||
              std::filesystem::is_empty(journal_dir(dir_.path())));
  EXPECT_EQ(count("SELECT count(*) FROM transitions"), 1);
  EXPECT_EQ(store->write_error(), "");
}

// Worker threads checkpoint while the folder folds (the executor's pattern; run under TSan).
TEST_F(StateJournalTest, ConcurrentCheckpointsAllReachTheDatabase) {
  auto store = open();
  run::RunInfo info;
  info.run_id = "r1";
  info.workflow = "wf";
  store->run_started(info);
  auto work = [&](const std::string& prefix) {
    for (int i = 0; i < 2000; ++i) {
      store->task_finished(succeeded("r1", prefix + std::to_string(i)));
      store->checkpoint();
    }
  };
  std::thread one(work, "a"), two(work, "b");
  one.join();
  two.join();
  info.status = run::RunStatus::Succeeded;
  store->run_finished(info);
  EXPECT_EQ(store->write_error(), "");
  EXPECT_FALSE(journal_exists());
  EXPECT_EQ(count("SELECT count(*) FROM task_runs WHERE run = 'r1'"), 4000);
}

// kill -9 of a writer that was starting a command: the child posix_spawn made holds a copy of
// the journal's descriptor (and so its lock) until it execs. A recovery starting then must not
// write its batches before the dead journal's (a later fold would append the killed writer's
// STARTED after the recovery's FAILED, and the finished run would show the task as STARTED).
TEST_F(StateJournalTest, ARecoveryWaitsForTheDeadWritersJournalBeforeWritingItsOwn) {
  record_run();
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  pid_t child = -1;
  {
    run::TaskEvent started = succeeded("r1", "a");
    started.status = expr::Status::Started;
    EventBatch batch;
    batch.add_task(started, false);
    JournalFile dead = write_journal(journal_bytes(1, {std::string(batch.json())}));
    child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // the lock's last holder: gone a moment after the recovery starts
      close(go[1]);
      char byte;
      (void)!read(go[0], &byte, 1);
      usleep(300'000);
      _exit(0);
    }
  }  // the writer is gone; its lock is not
  close(go[0]);
  EXPECT_FALSE(JournalFile::claim(journal_path(dir_.path(), "r1")));
  ASSERT_EQ(write(go[1], "x", 1), 1);
  close(go[1]);
  {
    auto recovery = open();
    run::RunInfo info;
    info.run_id = "r1";
    info.workflow = "wf";
    info.recovery = true;
    recovery->run_started(info);
    run::TaskEvent failed = succeeded("r1", "a");
    failed.status = expr::Status::Failed;
    recovery->task_finished(failed);
    recovery->checkpoint();
    info.status = run::RunStatus::Succeeded;
    recovery->run_finished(info);
    EXPECT_EQ(recovery->write_error(), "");
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  auto record = open()->load_run("r1");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->tasks.size(), 1u);
  EXPECT_EQ(record->tasks[0].status, expr::Status::Failed);
  EXPECT_FALSE(journal_exists());
}

TEST_F(StateJournalTest, TheNextOpenDeletesAJournalKilledBeforeItWasNamed) {
  std::filesystem::create_directories(journal_dir(dir_.path()));
  const auto abandoned = journal_dir(dir_.path()) / "r1.wal.new4242";
  const auto being_created = journal_dir(dir_.path()) / "r2.wal.new4243";
  std::ofstream(abandoned) << kJournalMagic;
  std::ofstream(being_created) << kJournalMagic;
  const int creator = ::open(being_created.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_EQ(flock(creator, LOCK_EX | LOCK_NB), 0);  // its creator is alive
  auto store = open();
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_TRUE(std::filesystem::exists(being_created));
  ::close(creator);
}

TEST_F(StateJournalTest, ALiveJournalCannotBeClaimedOrReplaced) {
  JournalFile live = write_journal("");
  EXPECT_FALSE(JournalFile::claim(journal_path(dir_.path(), "r1")));
  EXPECT_FALSE(JournalFile::claim(journal_path(dir_.path(), "r1"), std::chrono::milliseconds(20)));
  EXPECT_FALSE(JournalFile::create(journal_path(dir_.path(), "r1")).ok());
}

}  // namespace
}  // namespace taskweave::state
