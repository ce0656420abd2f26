// `taskweave plugins` through the real binary against the fixture plugins: every fixture is
// listed with its specific reason, the good ones load beside the bad ones, exit status 0.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <map>

#include "cli.h"
#include "sanitizer_env.h"
#include "temp_dir.h"

namespace taskweave::cli {
namespace {

namespace fs = std::filesystem;
using testing::taskweave_cli;

const std::string kFixtures = TW_FIXTURE_PLUGIN_DIR;

std::string fixture(const std::string& name) {
  return kFixtures + "/taskweave-plugin-fixture-" + name + ".so";
}

TEST(PluginsCommand, ListsEveryFixtureWithItsReasonAndExitsZero) {
  auto r = taskweave_cli({"plugins", "--plugins-dir", kFixtures});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // Each refused fixture: its path, then its reason on the next line.
  const std::map<std::string, std::string> reasons = {
      {"abi-major", "ABI too new: built for plugin ABI 2.0, newer than this host's ABI 1.0"},
      {"abi-minor", "ABI too new: built for plugin ABI 1.1, newer than this host's ABI 1.0"},
      {"bad-hash", "ABI hash mismatch: built against an abi.h with hash 0x0123456789abcdef"},
      {"declines", "bad descriptor: the entry point returned NULL"},
      {"dup-b",
       "duplicate task type: task type 'fixture.shared' is already served by plugin "
       "'fixture-dup-a' (" +
           fixture("dup-a") + ")"},
      {"entry-v2", "ABI too new: exports tw_plugin_entry_v2 instead of tw_plugin_entry_v1"},
      {"init-fails", "init failed: init() returned 7: no licence file in /etc/fixture"},
      {"no-entry", "not a plugin: does not export tw_plugin_entry_v1"},
      {"not-elf", "not a plugin: not an ELF shared library"},
      {"null-run", "bad descriptor: task_types[0] ('fixture.null_run').run is NULL"},
  };
  for (const auto& [name, reason] : reasons)
    EXPECT_NE(r.out.find("  " + fixture(name) + "\n    " + reason), std::string::npos)
        << name << " not listed with '" << reason << "' in:\n"
        << r.out;
  // The good ones are listed as loaded plugins with name, version, vendor, path, task types.
  EXPECT_NE(r.out.find("  fixture-good 2.3.4 (taskweave test fixtures, ABI 1.0)\n    " +
                       fixture("good") + "\n    fixture.good: counts its runs\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  fixture-throws 1.0.0"), std::string::npos);
  EXPECT_NE(r.out.find("  fixture-dup-a 1.0.0"), std::string::npos);
  EXPECT_NE(r.out.find("  " + kFixtures + " (--plugins-dir)\n"), std::string::npos);
  EXPECT_NE(r.out.find("  fixture.shared -> fixture-dup-a\n"), std::string::npos);
}

TEST(PluginsCommand, JsonListsPluginsAndRefusals) {
  auto r = taskweave_cli({"plugins", "--plugins-dir", kFixtures, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Poco::JSON::Parser parser;
  auto root = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
  auto search = root->getArray("search_path");
  ASSERT_GE(search->size(), 1u);
  EXPECT_EQ(search->getObject(0)->getValue<std::string>("path"), kFixtures);
  EXPECT_EQ(search->getObject(0)->getValue<std::string>("origin"), "--plugins-dir");

  std::map<std::string, Poco::JSON::Object::Ptr> plugins, refused;
  auto plugin_list = root->getArray("plugins");
  for (size_t i = 0; i < plugin_list->size(); ++i)
    plugins[plugin_list->getObject(i)->getValue<std::string>("path")] = plugin_list->getObject(i);
  auto refused_list = root->getArray("refused");
  for (size_t i = 0; i < refused_list->size(); ++i)
    refused[refused_list->getObject(i)->getValue<std::string>("path")] = refused_list->getObject(i);

  ASSERT_TRUE(plugins.count(fixture("good"))) << r.out;
  auto good = plugins[fixture("good")];
  EXPECT_EQ(good->getValue<std::string>("name"), "fixture-good");
  EXPECT_EQ(good->getValue<std::string>("version"), "2.3.4");
  EXPECT_EQ(good->getValue<std::string>("vendor"), "taskweave test fixtures");
  EXPECT_EQ(good->getValue<std::string>("abi"), "1.0");
  auto types = good->getArray("task_types");
  ASSERT_EQ(types->size(), 1u);
  EXPECT_EQ(types->getObject(0)->getValue<std::string>("name"), "fixture.good");

  const std::map<std::string, std::string> statuses = {
      {"abi-major", "abi_too_new"},      {"abi-minor", "abi_too_new"},
      {"bad-hash", "abi_hash_mismatch"}, {"declines", "bad_descriptor"},
      {"dup-b", "duplicate_task_type"},  {"entry-v2", "abi_too_new"},
      {"init-fails", "init_failed"},     {"no-entry", "not_a_plugin"},
      {"not-elf", "not_a_plugin"},       {"null-run", "bad_descriptor"}};
  for (const auto& [name, status] : statuses) {
    ASSERT_TRUE(refused.count(fixture(name))) << name;
    EXPECT_EQ(refused[fixture(name)]->getValue<std::string>("status"), status) << name;
    EXPECT_FALSE(refused[fixture(name)]->getValue<std::string>("message").empty()) << name;
  }
  EXPECT_EQ(refused[fixture("bad-hash")]->getValue<std::string>("plugin"), "fixture-bad-hash");
  EXPECT_TRUE(refused[fixture("not-elf")]->isNull("plugin"));
}

TEST(PluginsCommand, TheEnvironmentPathIsSearched) {
  taskweave::testing::ProcessOptions options;
  options.env["TASKWEAVE_PLUGIN_PATH"] = "/nonexistent-tw-dir:" + kFixtures;
  auto r = testing::taskweave_cli({"plugins"}, options);
  // taskweave_cli removes an inherited TASKWEAVE_PLUGIN_PATH, but the one set here wins.
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  " + kFixtures + " (TASKWEAVE_PLUGIN_PATH)\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("the plugin directory (from TASKWEAVE_PLUGIN_PATH) does not exist"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("fixture-good 2.3.4"), std::string::npos) << r.out;
}

TEST(PluginsCommand, ABindingChoosesBetweenPluginsServingTheSameType) {
  auto r = taskweave_cli(
      {"plugins", "--plugins-dir", kFixtures, "--plugin", "fixture.shared=fixture-dup-b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  fixture.shared -> fixture-dup-b (bound)\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("duplicate task type"), std::string::npos) << r.out;
}

TEST(PluginsCommand, TheConfigurationAddsDirectoriesAndBindings) {
  taskweave::testing::TempDir dir;
  taskweave::testing::write_file(
      dir.path() / "taskweave.ini",
      "[plugins]\ndirs = " + kFixtures + "\n[bindings]\nfixture.shared = fixture-dup-b\n");
  auto r = taskweave_cli({"plugins", "--config", (dir.path() / "taskweave.ini").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  " + kFixtures + " (configuration)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  fixture.shared -> fixture-dup-b (bound)\n"), std::string::npos) << r.out;
  // The command line's binding overrides the configuration's.
  r = taskweave_cli({"plugins", "--config", (dir.path() / "taskweave.ini").string(), "--plugin",
                     "fixture.shared=fixture-dup-a"});
  EXPECT_NE(r.out.find("  fixture.shared -> fixture-dup-a (bound)\n"), std::string::npos) << r.out;
}

TEST(PluginsCommand, AnUnreadableConfigurationIsAUsageError) {
  auto r = taskweave_cli({"plugins", "--config", "/nonexistent/taskweave.ini"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(testing::line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/taskweave.ini"), std::string::npos) << r.err;
}

TEST(PluginsCommand, AMalformedBindingIsAUsageError) {
  auto r = taskweave_cli({"plugins", "--plugin", "Session"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(testing::line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("expected TYPE=PLUGIN"), std::string::npos) << r.err;
}

TEST(PluginsCommand, APositionalArgumentIsAUsageError) {
  auto r = taskweave_cli({"plugins", "extra"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unexpected argument 'extra'"), std::string::npos) << r.err;
}

// A plugin that crashes while it loads takes taskweave down with it, but not silently: the
// line before the signal names the file, the stage and what to do.
TEST(PluginsCommand, APluginThatCrashesInInitIsNamedBeforeTheProcessDies) {
  taskweave::testing::let_children_die_of_segv();
  const std::string crashing =
      std::string(TW_CRASHING_PLUGIN_DIR) + "/taskweave-plugin-fixture-init-crashes.so";
  auto r = taskweave_cli({"plugins", "--plugins-dir", TW_CRASHING_PLUGIN_DIR});
  EXPECT_EQ(r.exit_code, 128 + SIGSEGV) << r.out << r.err;
  EXPECT_NE(r.err.find("taskweave: the plugin " + crashing + " crashed in init() (SIGSEGV)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("move the file out of " + std::string(TW_CRASHING_PLUGIN_DIR)),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace taskweave::cli
