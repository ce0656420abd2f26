#include "state/schema.h"

#include <gtest/gtest.h>

#include <fstream>

#include "state/state_store.h"
#include "temp_state_dir.h"

namespace taskweave::state {
namespace {

TEST(Schema, NewDatabaseGetsTheCurrentVersionWalAndLargePages) {
  testing::TempStateDir dir;
  ASSERT_TRUE(StateStore::open(dir.path()).ok());
  auto db = sqlite::Database::open(dir.path() / "taskweave.db");
  ASSERT_TRUE(db.ok());
  auto version = db.value().prepare("PRAGMA user_version");
  ASSERT_EQ(version.value().step(), SQLITE_ROW);
  EXPECT_EQ(version.value().column_int64(0), kSchemaVersion);
  auto mode = db.value().prepare("PRAGMA journal_mode");
  ASSERT_EQ(mode.value().step(), SQLITE_ROW);
  EXPECT_EQ(mode.value().column_text(0), "wal");
  auto page = db.value().prepare("PRAGMA page_size");
  ASSERT_EQ(page.value().step(), SQLITE_ROW);
  EXPECT_EQ(page.value().column_int64(0), 16384);
}

TEST(Schema, AnExistingDatabaseKeepsItsPageSize) {
  testing::TempStateDir dir;
  std::filesystem::create_directories(dir.path());
  {
    auto db = sqlite::Database::open(dir.path() / "taskweave.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value().exec("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t"));
  }
  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok()) << store.error();
  store.value()->save_persistent("wf", "", "$$X", expr::Value::integer(3));
  auto db = sqlite::Database::open(dir.path() / "taskweave.db");
  auto page = db.value().prepare("PRAGMA page_size");
  ASSERT_EQ(page.value().step(), SQLITE_ROW);
  EXPECT_EQ(page.value().column_int64(0), 4096);
  EXPECT_EQ(store.value()->persistent_values("wf", "").size(), 1u);
}

TEST(Schema, ReopeningKeepsTheData) {
  testing::TempStateDir dir;
  StateStore::open(dir.path()).value()->save_persistent("wf", "", "$$X", expr::Value::integer(3));
  auto again = StateStore::open(dir.path());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again.value()->persistent_values("wf", "").size(), 1u);
}

TEST(Schema, AVersion1DatabaseIsMigrated) {
  testing::TempStateDir dir;
  std::filesystem::create_directories(dir.path());
  {
    auto db = sqlite::Database::open(dir.path() / "taskweave.db");
    ASSERT_TRUE(db.value()
                    .exec(R"sql(
CREATE TABLE runs (id TEXT PRIMARY KEY, workflow TEXT NOT NULL COLLATE NOCASE,
  folder TEXT NOT NULL, file TEXT NOT NULL, definition_hash TEXT NOT NULL,
  run_instance TEXT NOT NULL, status TEXT NOT NULL, start_time TEXT, end_time TEXT,
  pid INTEGER NOT NULL DEFAULT 0, host TEXT NOT NULL DEFAULT '',
  boot_id TEXT NOT NULL DEFAULT '', pid_start INTEGER NOT NULL DEFAULT 0,
  recoveries INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE transitions (id INTEGER PRIMARY KEY, run TEXT NOT NULL, events TEXT NOT NULL);
CREATE INDEX transitions_by_run ON transitions (run, id);
CREATE TABLE persistent_variables (workflow TEXT NOT NULL COLLATE NOCASE,
  scope TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL,
  value, saved_by_run TEXT NOT NULL DEFAULT '', PRIMARY KEY (workflow, scope, name))
  WITHOUT ROWID;
CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, run TEXT NOT NULL,
  kind TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL);
INSERT INTO runs (id, workflow, folder, file, definition_hash, run_instance, status)
  VALUES ('old', 'wf', 'F', 'wf.xml', 'h', '', 'SUCCEEDED');
INSERT INTO transitions (run, events)
  VALUES ('old', '[{"kind":"task","path":"a","type":"Command","status":"SUCCEEDED"}]');
PRAGMA user_version = 1;
)sql")
                    .ok());
  }
  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok()) << store.error();
  auto record = store.value()->load_run("old");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->tasks.size(), 1u);
  EXPECT_EQ(record->tasks[0].path, "a");
  auto db = sqlite::Database::open(dir.path() / "taskweave.db");
  auto version = db.value().prepare("PRAGMA user_version");
  ASSERT_EQ(version.value().step(), SQLITE_ROW);
  EXPECT_EQ(version.value().column_int64(0), kSchemaVersion);
}

TEST(Schema, ANewerSchemaIsAClearError) {
  testing::TempStateDir dir;
  ASSERT_TRUE(StateStore::open(dir.path()).ok());
  {
    auto db = sqlite::Database::open(dir.path() / "taskweave.db");
    ASSERT_TRUE(db.value().exec("PRAGMA user_version = 99").ok());
  }
  auto store = StateStore::open(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("schema version 99"), std::string::npos) << store.error();
  EXPECT_NE(store.error().find("newer"), std::string::npos);
  EXPECT_NE(store.error().find((dir.path() / "taskweave.db").string()), std::string::npos);
}

TEST(Schema, AnotherApplicationsDatabaseIsRefused) {
  testing::TempStateDir dir;
  std::filesystem::create_directories(dir.path());
  {
    auto db = sqlite::Database::open(dir.path() / "taskweave.db");
    ASSERT_TRUE(db.value().exec("CREATE TABLE notes (text TEXT)").ok());
  }
  auto store = StateStore::open(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("not a taskweave state database"), std::string::npos);
}

TEST(Schema, AFileThatIsNotADatabaseIsAnErrorNamingIt) {
  testing::TempStateDir dir;
  std::filesystem::create_directories(dir.path());
  std::ofstream(dir.path() / "taskweave.db") << std::string(4096, 'x');
  auto store = StateStore::open(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("taskweave.db"), std::string::npos) << store.error();
}

TEST(Schema, AStateDirectoryThatCannotBeCreatedIsAnError) {
  auto store = StateStore::open("/proc/taskweave-state");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("/proc/taskweave-state"), std::string::npos) << store.error();
}

}  // namespace
}  // namespace taskweave::state
