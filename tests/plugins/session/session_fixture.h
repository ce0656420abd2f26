// A fake-host fixture for the Session plugin: a scratch configuration directory with a jobs/
// folder, a session definition with a writer and a reader connection, and helpers to read the
// SQLite databases the jobs write.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fake_host.h"
#include "real_expressions.h"
#include "temp_dir.h"

namespace taskweave::testing {

inline const tw_task_type& session_type() {
  static const tw_task_type* type = [] {
    std::string error;
    auto* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Session");
  }();
  return *type;
}

// Runs SQL against a database file and returns the rows, each as "a|b|c".
inline std::vector<std::string> query(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::vector<std::string> rows;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_exec(
      handle, sql.c_str(),
      [](void* out, int columns, char** values, char**) {
        std::string row;
        for (int i = 0; i < columns; ++i)
          row += (i ? "|" : "") + std::string(values[i] ? values[i] : "NULL");
        static_cast<std::vector<std::string>*>(out)->push_back(row);
        return 0;
      },
      &rows, nullptr);
  sqlite3_close(handle);
  return rows;
}

class SessionTest : public ::testing::Test {
 protected:
  // The session definition used unless a test sets another; `components` go inside it.
  static std::string session_xml(const std::string& components = "") {
    return R"(<SESSION NAME="s_load_orders" MAPPINGNAME="m_load_orders" REUSABLE="NO">
      <SESSIONEXTENSION NAME="Relational Reader" TYPE="READER">
        <CONNECTIONREFERENCE CONNECTIONNAME="SRC" VARIABLE=""/>
      </SESSIONEXTENSION>
      <SESSIONEXTENSION NAME="Relational Writer" TYPE="WRITER">
        <CONNECTIONREFERENCE CONNECTIONNAME="DW" VARIABLE=""/>
      </SESSIONEXTENSION>
      <ATTRIBUTE NAME="Session Log File Name" VALUE="s_load_orders.log"/>
      )" + components +
           "</SESSION>";
  }

  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("tw-session-test-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "jobs");
    std::filesystem::create_directories(dir / "tmp");
    host.task_type = "Session";
    host.path = host.instance_name = "s_load_orders";
    host.task_name = "s_load_orders";
    host.dirs[TW_DIR_CONFIG] = dir;
    host.dirs[TW_DIR_WORK] = dir;
    host.dirs[TW_DIR_TEMP] = dir / "tmp";
    host.set_definition_xml(session_xml());
    host.config["connection.DW.sqlite"] = "dw.db";
    db = dir / "dw.db";
    use_real_expressions(host);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  void write_job(const std::string& name, const std::string& text) {
    std::ofstream(dir / "jobs" / name) << text;
  }

  tw_run_result run() {
    auto result = host.run(session_type());
    EXPECT_TRUE(result.has_value()) << host.create_error;
    return result.value_or(TW_RUN_FAILED);
  }

  int64_t output(const std::string& name) {
    auto it = host.outputs.find(name);
    EXPECT_NE(it, host.outputs.end()) << name << " was not set";
    return it == host.outputs.end() ? -1 : it->second.integer;
  }
  std::string output_text(const std::string& name) {
    auto it = host.outputs.find(name);
    return it == host.outputs.end() ? "<unset>" : it->second.string;
  }

  // A source table of `rows` orders in the database, created before the session runs.
  void seed_orders(int rows) {
    std::string sql = "CREATE TABLE src_orders(id INTEGER PRIMARY KEY, amount REAL);";
    for (int i = 1; i <= rows; ++i)
      sql += "INSERT INTO src_orders VALUES(" + std::to_string(i) + ", " + std::to_string(i * 10) +
             ");";
    query(db, sql);
  }

  FakeHost host;
  std::filesystem::path dir;
  std::filesystem::path db;
};

}  // namespace taskweave::testing
