// The subcommand framework through the real binary: --version, --help everywhere, and a
// one-line error with exit status 2 for unknown subcommands and bad options.
#include <gtest/gtest.h>
#include <taskweave/abi.h>

#include <algorithm>
#include <sstream>

#include "cli.h"

namespace taskweave::cli {
namespace {

using testing::line_count;
using testing::taskweave_cli;

// The subcommand names listed by `taskweave --help` (the lines after "commands:").
std::vector<std::string> listed_subcommands() {
  auto help = taskweave_cli({"--help"});
  std::vector<std::string> names;
  std::istringstream lines(help.out);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "commands:") {
      in_list = true;
    } else if (in_list && line.starts_with("  ")) {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list) {
      break;
    }
  }
  return names;
}

TEST(CliFramework, VersionNamesTheProgramAndThePluginAbi) {
  auto r = taskweave_cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("taskweave ")) << r.out;
  EXPECT_NE(r.out.find("(plugin ABI " + std::to_string(TW_ABI_MAJOR) + "." +
                       std::to_string(TW_ABI_MINOR) + ")"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(CliFramework, HelpListsTheSubcommands) {
  auto r = taskweave_cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  auto names = listed_subcommands();
  EXPECT_NE(std::find(names.begin(), names.end(), "plugins"), names.end()) << r.out;
}

TEST(CliFramework, EverySubcommandHasHelp) {
  auto names = listed_subcommands();
  ASSERT_FALSE(names.empty());
  for (const auto& name : names) {
    for (const char* flag : {"--help", "-h"}) {
      auto r = taskweave_cli({name, flag});
      EXPECT_EQ(r.exit_code, 0) << name << " " << flag << ": " << r.err;
      EXPECT_NE(r.out.find("taskweave " + name), std::string::npos) << name << ": " << r.out;
      EXPECT_NE(r.out.find("--help"), std::string::npos) << name << ": " << r.out;
    }
  }
}

TEST(CliFramework, AnUnknownSubcommandIsAOneLineUsageError) {
  auto r = taskweave_cli({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
}

TEST(CliFramework, AnUnknownOptionIsAOneLineUsageError) {
  for (const auto& name : listed_subcommands()) {
    auto r = taskweave_cli({name, "--no-such-option"});
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_EQ(line_count(r.err), 1u) << name << ": " << r.err;
    EXPECT_NE(r.err.find("taskweave " + name + ":"), std::string::npos) << r.err;
  }
}

TEST(CliFramework, AMissingOptionArgumentIsAOneLineUsageError) {
  auto r = taskweave_cli({"plugins", "--plugins-dir"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("plugins-dir"), std::string::npos) << r.err;
}

TEST(CliFramework, NoArgumentsPrintsTheOverviewAndExits2) {
  auto r = taskweave_cli({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("usage: taskweave <command>"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace taskweave::cli
