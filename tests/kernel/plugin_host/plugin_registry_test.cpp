// Loads the real fixture plugins (tests/fixtures/plugins) through the registry: one outcome
// per file, each with its specific reason, and the good plugins load beside the bad ones.
#include "plugin_host/plugin_registry.h"

#include <gtest/gtest.h>

#include <map>

#include "fixtures.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::plugin_host {
namespace {

namespace fs = std::filesystem;
using taskweave::testing::TempDir;
using namespace taskweave::plugin_host::testing;

PluginRegistry load_dirs(std::vector<fs::path> dirs, std::vector<TypeBinding> bindings = {}) {
  RegistryOptions options;
  for (auto& d : dirs) options.search_path.push_back({std::move(d), "--plugins-dir", true});
  options.bindings = std::move(bindings);
  return PluginRegistry::load(options);
}

// Outcomes by fixture name ("good", "abi-major"...).
std::map<std::string, LoadOutcome> by_fixture(const PluginRegistry& registry) {
  std::map<std::string, LoadOutcome> out;
  for (const auto& o : registry.outcomes()) {
    std::string stem = o.path.stem().string();  // taskweave-plugin-fixture-<name>
    out[stem.substr(std::string("taskweave-plugin-fixture-").size())] = o;
  }
  return out;
}

void expect_outcome(const std::map<std::string, LoadOutcome>& outcomes, const std::string& name,
                    LoadStatus status, const std::string& fragment) {
  auto it = outcomes.find(name);
  ASSERT_NE(it, outcomes.end()) << "no outcome for fixture " << name;
  EXPECT_EQ(status_name(it->second.status), status_name(status))
      << name << ": " << it->second.message;
  EXPECT_NE(it->second.message.find(fragment), std::string::npos)
      << name << ": '" << it->second.message << "' lacks '" << fragment << "'";
}

class FixtureDirectory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { registry_ = new PluginRegistry(load_dirs({fixture_dir()})); }
  static void TearDownTestSuite() { delete registry_; }
  static const PluginRegistry& registry() { return *registry_; }

 private:
  static PluginRegistry* registry_;
};
PluginRegistry* FixtureDirectory::registry_ = nullptr;

TEST_F(FixtureDirectory, EveryFileGetsExactlyOneOutcome) {
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fixture_dir()))
    if (is_plugin_file_name(entry.path().filename().string())) ++files;
  EXPECT_EQ(registry().outcomes().size(), files);
  EXPECT_EQ(by_fixture(registry()).size(), files);
}

TEST_F(FixtureDirectory, TheGoodPluginsLoadBesideTheBadOnes) {
  auto outcomes = by_fixture(registry());
  for (const char* good : {"good", "throws", "dup-a"})
    expect_outcome(outcomes, good, LoadStatus::Loaded, "");
  ASSERT_EQ(registry().plugins().size(), 3u);
  const LoadedPlugin& plugin = *registry().plugins()[1];  // sorted: dup-a, good, throws
  EXPECT_EQ(plugin.name(), "fixture-good");
  EXPECT_EQ(plugin.version(), "2.3.4");
  EXPECT_EQ(plugin.vendor(), "taskweave test fixtures");
  EXPECT_EQ(plugin.path, fixture("good"));
  ASSERT_EQ(plugin.task_types.size(), 1u);
  EXPECT_STREQ(plugin.task_types[0]->name, "fixture.good");
}

TEST_F(FixtureDirectory, EachBadFixtureHasItsSpecificReason) {
  auto o = by_fixture(registry());
  expect_outcome(o, "not-elf", LoadStatus::NotAPlugin, "not an ELF shared library");
  expect_outcome(o, "no-entry", LoadStatus::NotAPlugin, "does not export tw_plugin_entry_v1");
  expect_outcome(o, "entry-v2", LoadStatus::AbiTooNew,
                 "exports tw_plugin_entry_v2 instead of tw_plugin_entry_v1: built for plugin "
                 "ABI 2.x, but this host supports ABI 1.0");
  expect_outcome(o, "abi-major", LoadStatus::AbiTooNew,
                 "built for plugin ABI 2.0, newer than this host's ABI 1.0");
  expect_outcome(o, "abi-minor", LoadStatus::AbiTooNew,
                 "built for plugin ABI 1.1, newer than this host's ABI 1.0");
  expect_outcome(o, "bad-hash", LoadStatus::AbiHashMismatch,
                 "built against an abi.h with hash 0x0123456789abcdef");
  expect_outcome(o, "null-run", LoadStatus::BadDescriptor,
                 "task_types[0] ('fixture.null_run').run is NULL");
  expect_outcome(o, "declines", LoadStatus::BadDescriptor, "the entry point returned NULL");
  expect_outcome(o, "init-fails", LoadStatus::InitFailed,
                 "init() returned 7: no licence file in /etc/fixture");
}

TEST_F(FixtureDirectory, ADuplicateTaskTypeNamesBothFiles) {
  auto o = by_fixture(registry());
  expect_outcome(o, "dup-b", LoadStatus::DuplicateTaskType,
                 "task type 'fixture.shared' is already served by plugin 'fixture-dup-a' (" +
                     fixture("dup-a").string() + "); this file (plugin 'fixture-dup-b', " +
                     fixture("dup-b").string() + ") serves it too");
  expect_outcome(o, "dup-b", LoadStatus::DuplicateTaskType, "--plugin fixture.shared=");
  TypeLookup shared = registry().find("fixture.shared");
  ASSERT_TRUE(shared) << shared.error;
  EXPECT_EQ(shared.plugin->name(), "fixture-dup-a");
}

TEST_F(FixtureDirectory, RefusedPluginsKeepTheirNameWhenItCanBeRead) {
  auto o = by_fixture(registry());
  EXPECT_EQ(o["bad-hash"].plugin_name, "fixture-bad-hash");
  EXPECT_EQ(o["abi-minor"].plugin_name, "fixture-abi-minor");
  EXPECT_EQ(o["abi-major"].plugin_name, "");  // another major's layout is not trusted
  EXPECT_EQ(o["init-fails"].plugin_name, "fixture-init-fails");
}

TEST_F(FixtureDirectory, FindServesLoadedTypesAndExplainsTheRest) {
  TypeLookup good = registry().find("fixture.good");
  ASSERT_TRUE(good) << good.error;
  EXPECT_EQ(good.plugin->name(), "fixture-good");
  EXPECT_STREQ(good.type->name, "fixture.good");
  TypeLookup missing = registry().find("fixture.init_fails");
  EXPECT_FALSE(missing);
  EXPECT_NE(missing.error.find("no loaded plugin provides task type 'fixture.init_fails'"),
            std::string::npos);
  EXPECT_EQ(registry().task_types(),
            (std::vector<std::string>{"fixture.good", "fixture.shared", "fixture.throws",
                                      "fixture.throws_in_create", "fixture.throws_int"}));
}

TEST(PluginRegistryBindings, ABindingResolvesADuplicateType) {
  auto registry = load_dirs({fixture_dir()}, {{"fixture.shared", "fixture-dup-b"}});
  auto o = by_fixture(registry);
  expect_outcome(o, "dup-a", LoadStatus::Loaded, "");
  expect_outcome(o, "dup-b", LoadStatus::Loaded, "");
  TypeLookup shared = registry.find("fixture.shared");
  ASSERT_TRUE(shared) << shared.error;
  EXPECT_EQ(shared.plugin->name(), "fixture-dup-b");
  EXPECT_TRUE(registry.binding_errors().empty());
}

TEST(PluginRegistryBindings, BrokenBindingsAreExplained) {
  auto registry = load_dirs({fixture_dir()}, {{"fixture.init_fails", "fixture-init-fails"},
                                              {"fixture.good", "fixture-throws"},
                                              {"Session", "acme-session"}});
  ASSERT_EQ(registry.binding_errors().size(), 3u);
  // Bindings are reported sorted by task type.
  EXPECT_NE(registry.binding_errors()[0].find("--plugin Session=acme-session: no loaded plugin "
                                              "is named 'acme-session'"),
            std::string::npos)
      << registry.binding_errors()[0];
  EXPECT_NE(
      registry.binding_errors()[1].find("plugin 'fixture-throws' (" + fixture("throws").string() +
                                        ") does not provide task type 'fixture.good'"),
      std::string::npos)
      << registry.binding_errors()[1];
  EXPECT_NE(registry.binding_errors()[2].find("was refused: init() returned 7"), std::string::npos)
      << registry.binding_errors()[2];
  TypeLookup good = registry.find("fixture.good");
  EXPECT_FALSE(good);
  EXPECT_EQ(good.error, registry.binding_errors()[1]);
}

TEST(PluginRegistrySearchOrder, TheEarlierDirectoryWinsAndTheSecondCopyIsNamed) {
  TempDir first, second;
  copy_fixture("good", first.path(), "taskweave-plugin-good.so");
  copy_fixture("good", second.path(), "taskweave-plugin-good.so");
  auto registry = load_dirs({first.path(), second.path()});
  ASSERT_EQ(registry.outcomes().size(), 2u);
  EXPECT_EQ(registry.outcomes()[0].status, LoadStatus::Loaded);
  EXPECT_EQ(registry.outcomes()[1].status, LoadStatus::DuplicatePlugin);
  EXPECT_NE(
      registry.outcomes()[1].message.find("a plugin named 'fixture-good' is already loaded "
                                          "from '" +
                                          (first.path() / "taskweave-plugin-good.so").string()),
      std::string::npos)
      << registry.outcomes()[1].message;
}

TEST(PluginRegistryTrust, AnUnsafeFileIsRefusedAndTheOthersStillLoad) {
  TempDir dir;
  std::filesystem::permissions(dir.path(), fs::perms(0755));
  copy_fixture("good", dir.path(), "taskweave-plugin-good.so");
  auto unsafe = copy_fixture("throws", dir.path(), "taskweave-plugin-throws.so");
  fs::permissions(unsafe, fs::perms(0775));
  auto registry = load_dirs({dir.path()});
  ASSERT_EQ(registry.outcomes().size(), 2u);
  EXPECT_EQ(registry.outcomes()[0].status, LoadStatus::Loaded);
  EXPECT_EQ(registry.outcomes()[1].status, LoadStatus::Insecure);
  EXPECT_NE(registry.outcomes()[1].message.find("chmod go-w"), std::string::npos);
}

TEST(PluginRegistryStripped, AStrippedPluginLoads) {
  TempDir dir;
  auto copy = copy_fixture("good", dir.path(), "taskweave-plugin-stripped.so");
  auto strip = taskweave::testing::run_process({"strip", "--strip-all", copy.string()});
  if (!strip.spawn_error.empty()) GTEST_SKIP() << strip.spawn_error;
  ASSERT_EQ(strip.exit_code, 0) << strip.err;
  auto registry = load_dirs({dir.path()});
  ASSERT_EQ(registry.outcomes().size(), 1u);
  EXPECT_EQ(registry.outcomes()[0].status, LoadStatus::Loaded) << registry.outcomes()[0].message;
}

TEST(PluginRegistryDirectories, AMissingDirectoryIsAnOutcomeNotAnAbort) {
  TempDir dir;
  auto registry = load_dirs({dir.path() / "absent", fixture_dir()});
  ASSERT_FALSE(registry.outcomes().empty());
  EXPECT_EQ(registry.outcomes()[0].status, LoadStatus::CannotOpen);
  EXPECT_EQ(registry.plugins().size(), 3u);
}

}  // namespace
}  // namespace taskweave::plugin_host
