// The packaging story end to end: install the build tree's SDK and CLI into a fresh prefix,
// build examples/vendor-plugin out of tree with only find_package(TaskweaveSdk), and check
// that the installed `taskweave` loads it -- from --plugins-dir and, once the vendor installs it
// into the same prefix, from the default plugin directory. Then run the plugin's task in a
// workflow with the installed `taskweave run`, and through the real loader and the fake host
// (dry run, failure), and check the files it writes.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "fake_host.h"
#include "plugin_host/plugin_registry.h"
#include "run_process.h"
#include "temp_dir.h"
#include "workflow_export.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;
namespace ph = taskweave::plugin_host;

void run_ok(const std::vector<std::string>& argv) {
  ProcessOptions options;
  options.unset_env = {"TASKWEAVE_PLUGIN_PATH", "MAKEFLAGS"};
  auto r = run_process(argv, options);
  ASSERT_EQ(r.spawn_error, "");
  ASSERT_EQ(r.exit_code, 0) << argv[0] << " " << argv[1] << "...\n" << r.out << r.err;
}

// The plugin names the installed CLI loaded, from `taskweave plugins --json`.
std::vector<std::string> loaded_plugins(const fs::path& cli, std::vector<std::string> args) {
  args.insert(args.begin(), {cli.string(), "plugins", "--json"});
  ProcessOptions options;
  options.unset_env = {"TASKWEAVE_PLUGIN_PATH"};
  auto r = run_process(args, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  Poco::JSON::Parser parser;
  auto plugins = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>()->getArray("plugins");
  for (size_t i = 0; i < plugins->size(); ++i)
    names.push_back(plugins->getObject(i)->getValue<std::string>("name"));
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The paths of one packaging run: prefix, out-of-tree build, installed CLI, built plugin.
struct Layout {
  fs::path prefix, build;
  fs::path cli() const { return prefix / "bin" / "taskweave"; }
  fs::path plugin() const { return build / "taskweave-plugin-acme-touch.so"; }
};

void install_and_build(const Layout& l) {
  for (const char* component : {"sdk", "cli"})
    run_ok({TW_CMAKE, "--install", TW_BINARY_DIR, "--prefix", l.prefix.string(), "--component",
            component});
  run_ok({TW_CMAKE, "-S", TW_SOURCE_DIR "/examples/vendor-plugin", "-B", l.build.string(), "-G",
          TW_CMAKE_GENERATOR, "-DCMAKE_CXX_COMPILER=" TW_CXX_COMPILER, "-DCMAKE_BUILD_TYPE=Release",
          "-DCMAKE_PREFIX_PATH=" + l.prefix.string()});
  run_ok({TW_CMAKE, "--build", l.build.string()});
}

void expect_installed_package(const Layout& l) {
  for (const char* file : {"include/taskweave/abi.h", "include/taskweave/sdk.hpp",
                           "lib/cmake/TaskweaveSdk/TaskweaveSdkConfig.cmake",
                           "lib/cmake/TaskweaveSdk/TaskweaveSdkConfigVersion.cmake",
                           "lib/cmake/TaskweaveSdk/TaskweaveSdkTargets.cmake",
                           "lib/cmake/TaskweaveSdk/TaskweaveAddPlugin.cmake", "bin/taskweave"})
    EXPECT_TRUE(fs::exists(l.prefix / file)) << file;
}

void expect_the_cli_loads_it(const Layout& l) {
  ASSERT_TRUE(fs::exists(l.plugin()));
  EXPECT_TRUE(contains(loaded_plugins(l.cli(), {"--plugins-dir", l.build.string()}), "acme-touch"));
  // Installed into the same prefix, it is found in the default directory without options.
  EXPECT_FALSE(contains(loaded_plugins(l.cli(), {}), "acme-touch"));
  run_ok({TW_CMAKE, "--install", l.build.string(), "--prefix", l.prefix.string()});
  ASSERT_TRUE(fs::exists(l.prefix / "lib/taskweave/plugins/taskweave-plugin-acme-touch.so"));
  EXPECT_TRUE(contains(loaded_plugins(l.cli(), {}), "acme-touch"));
}

void expect_its_task_writes_the_expanded_file(const Layout& l) {
  ph::RegistryOptions options;
  options.search_path = {{l.build, "--plugins-dir", true}};
  auto registry = ph::PluginRegistry::load(options);
  ph::TypeLookup touch = registry.find("acme.touch_file");
  ASSERT_TRUE(touch) << touch.error;

  TempDir work;
  FakeHost host;
  host.dirs[TW_DIR_WORK] = work.path();
  host.attributes = {{"File", "out/$$Name.txt"}, {"Content", "hello $$Who"}};
  host.vars["$$Name"] = FakeValue::of_string("greeting");
  host.vars["$$Who"] = FakeValue::of_string("world");
  fs::create_directory(work.path() / "out");

  host.dry_run = true;
  EXPECT_EQ(host.run(*touch.type), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(fs::exists(work.path() / "out/greeting.txt"));
  ASSERT_EQ(host.descriptions.size(), 1u);
  EXPECT_EQ(host.descriptions[0],
            "would write 11 bytes to " + (work.path() / "out/greeting.txt").string());

  host.dry_run = false;
  EXPECT_EQ(host.run(*touch.type), TW_RUN_SUCCEEDED);
  EXPECT_EQ(read_file(work.path() / "out/greeting.txt"), "hello world");

  host.attributes["File"] = "missing-dir/x.txt";
  EXPECT_EQ(host.run(*touch.type), TW_RUN_FAILED);
  ASSERT_TRUE(host.error);
  EXPECT_NE(host.error->second.find("cannot write"), std::string::npos) << host.error->second;
}

void expect_the_installed_cli_runs_it_in_a_workflow(const Layout& l) {
  TempDir dir;
  const std::string target = (dir.path() / "$$Name.txt").string();
  const std::string definition =
      "<TASK DESCRIPTION=\"\" NAME=\"touch\" REUSABLE=\"NO\" TYPE=\"acme.touch_file\" "
      "VERSIONNUMBER=\"1\">\n<ATTRIBUTE NAME=\"File\" VALUE=\"" +
      target + "\"/>\n<ATTRIBUTE NAME=\"Content\" VALUE=\"hello from a workflow\"/>\n</TASK>\n";
  write_file(dir.path() / "wf.xml", workflow_export("wf_touch", definition,
                                                    task_instance("touch", "acme.touch_file") +
                                                        workflow_link("Start", "touch") +
                                                        workflow_variable("$$Name", "greeting")));
  ProcessOptions options;
  options.unset_env = {"TASKWEAVE_PLUGIN_PATH"};
  auto r = run_process({l.cli().string(), "run", (dir.path() / "wf.xml").string(), "--plugins-dir",
                        l.build.string(), "--state-dir", (dir.path() / "state").string(),
                        "--log-dir", (dir.path() / "logs").string(), "--json-events", "--quiet"},
                       options);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\"task\":\"touch\",\"type\":\"acme.touch_file\",\"status\":\"SUCCEEDED\""),
            std::string::npos)
      << r.out;
  EXPECT_EQ(read_file(dir.path() / "greeting.txt"), "hello from a workflow");
}

// One test, because the install and the out-of-tree build are the expensive part (seconds).
TEST(VendorPlugin, BuildsAgainstTheInstalledSdkAndTheInstalledCliLoadsAndRunsIt) {
  TempDir root("tw-packaging");
  fs::permissions(root.path(), fs::perms(0755));
  const Layout layout{root.path() / "prefix", root.path() / "build"};
  ASSERT_NO_FATAL_FAILURE(install_and_build(layout));
  expect_installed_package(layout);
  expect_the_cli_loads_it(layout);
  expect_the_installed_cli_runs_it_in_a_workflow(layout);
  expect_its_task_writes_the_expanded_file(layout);
}

}  // namespace
}  // namespace taskweave::testing
