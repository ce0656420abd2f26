#include "run/secret_masker.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "run/task_log_file.h"

namespace taskweave::run {
namespace {

TEST(SecretMasker, MasksEveryOccurrenceLongestFirst) {
  SecretMasker secrets;
  EXPECT_TRUE(secrets.empty());
  secrets.add("hunter2");
  secrets.add("hunter2-extended");
  secrets.add("ab");  // too short to mask usefully
  EXPECT_EQ(secrets.mask("pw=hunter2-extended, again hunter2, ab"),
            "pw=********, again ********, ab");
}

TEST(SecretMasker, NamesThatLookSecret) {
  for (const char* name : {"$$DB_PASSWORD", "$Passwd", "api_token", "$$SECRET_X", "$$AWS_KEY"})
    EXPECT_TRUE(looks_secret(name)) << name;
  for (const char* name : {"$$TipoCarga", "$PMRootDir", "$$USER"}) EXPECT_FALSE(looks_secret(name));
}

TEST(TaskLogFile, AppendsAndStopsAtTheCap) {
  const auto path = std::filesystem::temp_directory_path() / "tw-task-log-test" / "t.log";
  std::filesystem::remove_all(path.parent_path());
  {
    TaskLogFile log(path, 10);
    log.write("12345");
    log.write("67890abc");
    log.write("lost-bytes");
  }
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  EXPECT_EQ(text.substr(0, 10), "1234567890");
  EXPECT_NE(text.find("capped at 10 bytes"), std::string::npos);
  EXPECT_EQ(text.find("lost-bytes"), std::string::npos);
  EXPECT_EQ(task_log_file_name("WKL_A.s load/x"), "WKL_A.s_load_x.log");
  std::filesystem::remove_all(path.parent_path());
}

}  // namespace
}  // namespace taskweave::run
