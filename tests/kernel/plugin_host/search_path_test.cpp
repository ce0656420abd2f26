#include "plugin_host/search_path.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace taskweave::plugin_host {
namespace {

namespace fs = std::filesystem;
using taskweave::testing::TempDir;
using taskweave::testing::write_file;

std::vector<std::string> paths_of(const std::vector<SearchDir>& dirs) {
  std::vector<std::string> out;
  for (const auto& d : dirs) out.push_back(d.path.string() + " <" + d.origin + ">");
  return out;
}

TEST(PluginSearchPath, KeepsTheDocumentedOrder) {
  SearchInputs in;
  in.cli_dirs = {"/a", "/b"};
  in.env_path = "/c::/d";
  in.config_dirs = {"/e"};
  in.exe_dir = "/opt/tw/bin";
  EXPECT_EQ(
      paths_of(plugin_search_path(in)),
      (std::vector<std::string>{"/a <--plugins-dir>", "/b <--plugins-dir>",
                                "/c <TASKWEAVE_PLUGIN_PATH>", "/d <TASKWEAVE_PLUGIN_PATH>",
                                "/e <configuration>", "/opt/tw/" TW_PLUGIN_RELDIR " <default>"}));
}

TEST(PluginSearchPath, OnlyTheDefaultDirectoryMayBeMissing) {
  SearchInputs in;
  in.cli_dirs = {"/a"};
  in.exe_dir = "/opt/tw/bin";
  auto dirs = plugin_search_path(in);
  ASSERT_EQ(dirs.size(), 2u);
  EXPECT_TRUE(dirs[0].must_exist);
  EXPECT_FALSE(dirs[1].must_exist);
}

TEST(PluginSearchPath, MakesRelativeDirectoriesAbsoluteAndDropsRepeats) {
  SearchInputs in;
  in.cli_dirs = {"plugins", "/x/../x", "/x"};
  in.env_path = "/x:";
  auto dirs = plugin_search_path(in);
  ASSERT_EQ(dirs.size(), 2u);
  EXPECT_EQ(dirs[0].path, (fs::current_path() / "plugins").lexically_normal());
  EXPECT_EQ(dirs[1].path, fs::path("/x"));
}

TEST(DefaultPluginDir, IsBesideTheBinaryDirectory) {
  EXPECT_EQ(default_plugin_dir("/usr/local/bin"), fs::path("/usr/local/" TW_PLUGIN_RELDIR));
}

TEST(IsPluginFileName, MatchesOnlyTaskweavePluginSharedObjects) {
  EXPECT_TRUE(is_plugin_file_name("taskweave-plugin-command.so"));
  EXPECT_TRUE(is_plugin_file_name("taskweave-plugin-a.so"));
  for (const char* name : {"taskweave-plugin-.so", "libtaskweave-plugin-a.so",
                           "taskweave-plugin-a.so.1", "taskweave-plugin-a.dll", "command.so"})
    EXPECT_FALSE(is_plugin_file_name(name)) << name;
}

TEST(FindCandidates, ListsMatchingFilesInSearchOrderSortedByName) {
  TempDir first, second;
  for (const char* name :
       {"taskweave-plugin-b.so", "taskweave-plugin-a.so", "readme.txt", "taskweave-plugin-c.so.1"})
    write_file(first.path() / name, "x");
  write_file(second.path() / "taskweave-plugin-a.so", "x");
  Candidates c = find_candidates(
      {{first.path(), "--plugins-dir", true}, {second.path(), "--plugins-dir", true}});
  ASSERT_EQ(c.files.size(), 3u);
  EXPECT_EQ(c.files[0].file, first.path() / "taskweave-plugin-a.so");
  EXPECT_EQ(c.files[1].file, first.path() / "taskweave-plugin-b.so");
  EXPECT_EQ(c.files[2].file, second.path() / "taskweave-plugin-a.so");
  EXPECT_EQ(c.files[2].dir, second.path());
  EXPECT_TRUE(c.problems.empty());
}

TEST(FindCandidates, AFileReachedTwiceIsListedOnce) {
  TempDir dir, other;
  write_file(dir.path() / "taskweave-plugin-a.so", "x");
  fs::create_symlink(dir.path() / "taskweave-plugin-a.so", other.path() / "taskweave-plugin-z.so");
  Candidates c = find_candidates({{dir.path(), "x", true}, {other.path(), "y", true}});
  ASSERT_EQ(c.files.size(), 1u);
  EXPECT_EQ(c.files[0].file, dir.path() / "taskweave-plugin-a.so");
}

TEST(FindCandidates, AMissingDirectoryIsReportedUnlessItIsTheDefault) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  Candidates c = find_candidates({{dir.path() / "absent", "--plugins-dir", true},
                                  {dir.path() / "file", "TASKWEAVE_PLUGIN_PATH", true},
                                  {dir.path() / "also-absent", "default", false}});
  EXPECT_TRUE(c.files.empty());
  ASSERT_EQ(c.problems.size(), 2u);
  EXPECT_EQ(c.problems[0].status, LoadStatus::CannotOpen);
  EXPECT_EQ(c.problems[0].message, "the plugin directory (from --plugins-dir) does not exist");
  EXPECT_EQ(c.problems[1].message,
            "the plugin directory (from TASKWEAVE_PLUGIN_PATH) is not a directory");
}

}  // namespace
}  // namespace taskweave::plugin_host
