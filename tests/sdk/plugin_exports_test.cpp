// A plugin built with taskweave_add_plugin() exports exactly one symbol, the ABI entry point,
// as `nm -D --defined-only` sees it: nothing a plugin uses inside (the C++ standard library,
// static helper libraries) can clash with the host or another plugin.
#include <gtest/gtest.h>
#include <taskweave/abi.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "plugin_host/search_path.h"
#include "run_process.h"

namespace {

namespace fs = std::filesystem;

// Symbol names from `nm` output ("<address> <kind> <name>" per line).
std::vector<std::string> symbol_names(const std::string& nm_output) {
  std::vector<std::string> names;
  std::istringstream lines(nm_output);
  for (std::string address, kind, name; lines >> address >> kind >> name;) names.push_back(name);
  return names;
}

// The fixtures built with taskweave_add_plugin (one of them C++ with exceptions and
// std::string) and every built-in plugin in the build tree.
std::vector<fs::path> plugins_to_check() {
  std::vector<fs::path> files = {
      fs::path(TW_FIXTURE_PLUGIN_DIR) / "taskweave-plugin-fixture-good.so",
      fs::path(TW_FIXTURE_PLUGIN_DIR) / "taskweave-plugin-fixture-throws.so"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(TW_BUILD_PLUGIN_DIR, ec))
    if (taskweave::plugin_host::is_plugin_file_name(entry.path().filename().string()))
      files.push_back(entry.path());
  return files;
}

TEST(PluginExports, EveryBuiltPluginExportsOnlyItsEntryPoint) {
  for (const auto& file : plugins_to_check()) {
    SCOPED_TRACE(file.string());
    auto nm = taskweave::testing::run_process({"nm", "-D", "--defined-only", file.string()});
    if (!nm.spawn_error.empty()) GTEST_SKIP() << nm.spawn_error;
    ASSERT_EQ(nm.exit_code, 0) << nm.err;
    EXPECT_EQ(symbol_names(nm.out), std::vector<std::string>{TW_PLUGIN_ENTRY_SYMBOL});
  }
}

}  // namespace
