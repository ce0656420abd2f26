// Where the loader fixture plugins (tests/fixtures/plugins) are built, and copying them into
// a test's own directory to vary permissions, names and layout.
#pragma once

#include <filesystem>
#include <string>

namespace taskweave::plugin_host::testing {

inline std::filesystem::path fixture_dir() { return TW_FIXTURE_PLUGIN_DIR; }

// fixture("good") -> <build>/tests/fixtures/plugins/taskweave-plugin-fixture-good.so
inline std::filesystem::path fixture(const std::string& name) {
  return fixture_dir() / ("taskweave-plugin-fixture-" + name + ".so");
}

// Copies a fixture into `dir` as `file_name`, mode 0755, and returns the new path.
inline std::filesystem::path copy_fixture(const std::string& name, const std::filesystem::path& dir,
                                          const std::string& file_name) {
  auto to = dir / file_name;
  std::filesystem::copy_file(fixture(name), to, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::permissions(to, std::filesystem::perms(0755));
  return to;
}

}  // namespace taskweave::plugin_host::testing
