#include "state/schema.h"

#include <gtest/gtest.h>

#include <fstream>

#include "state/state_store.h"
#include "temp_state_dir.h"

namespace taskweave::state {
namespace {

TEST(Schema, NewDatabaseGetsTheCurrentVersionAndWal) {
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
}

TEST(Schema, ReopeningKeepsTheData) {
  testing::TempStateDir dir;
  StateStore::open(dir.path()).value()->save_persistent("wf", "", "$$X", expr::Value::integer(3));
  auto again = StateStore::open(dir.path());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again.value()->persistent_values("wf", "").size(), 1u);
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
