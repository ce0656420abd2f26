// The table-driven semantics suite: every workflow in tests/fixtures/run_semantics runs through
// the real `taskweave run` (testkit plugin for plain tasks, the real Decision, Assignment,
// Control and Event plugins), and its --json-events must show exactly the statuses, the final
// status, the exit code and the event order its `taskweave-test` header expects.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "cli_runner.h"

namespace taskweave::testing {
namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(TW_SOURCE_DIR) / "tests/fixtures/run_semantics";

struct Expectation {
  std::vector<std::string> args;
  int exit_code = 0;
  std::string status;
  std::map<std::string, std::string> tasks;
  std::vector<std::pair<std::string, std::string>> before;  // "event:task" pairs
};

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Expectation read_expectation(const std::filesystem::path& file) {
  Expectation e;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon), value = line.substr(colon + 1);
    if (key == "args") e.args = words(value);
    if (key == "exit") e.exit_code = std::stoi(value);
    if (key == "status") e.status = words(value).at(0);
    if (key == "expect")
      for (const auto& item : words(value))
        e.tasks[item.substr(0, item.find('='))] = item.substr(item.find('=') + 1);
    if (key == "before")
      for (const auto& item : words(value))
        e.before.emplace_back(item.substr(0, item.find('<')), item.substr(item.find('<') + 1));
    if (line.find("-->") != std::string::npos) break;
  }
  return e;
}

class Semantics : public ::testing::TestWithParam<std::string> {};

TEST_P(Semantics, StatusesFinalStatusAndOrderAreExact) {
  const std::filesystem::path file = kFixtures / (GetParam() + ".xml");
  const Expectation expected = read_expectation(file);
  TempDir dir;
  std::vector<std::string> args = {"run",
                                   file.string(),
                                   "--plugins-dir",
                                   testkit_dir(),
                                   "--state-dir",
                                   (dir / "state").string(),
                                   "--json-events=" + (dir / "events.jsonl").string(),
                                   "--quiet"};
  args.insert(args.end(), expected.args.begin(), expected.args.end());
  const ProcessResult result = run_cli(args);
  EXPECT_EQ(result.exit_code, expected.exit_code) << result.err;
  const RunEvents events = RunEvents::read(dir / "events.jsonl");
  EXPECT_EQ(events.run_status, expected.status);
  EXPECT_EQ(events.final_status, expected.tasks) << result.err;
  for (const auto& [path, count] : events.endings)
    EXPECT_EQ(count, 1) << path << " must end exactly once";
  for (const auto& [first, second] : expected.before) {
    auto split = [](const std::string& s) {
      return std::pair{s.substr(0, s.find(':')), s.substr(s.find(':') + 1)};
    };
    auto [e1, t1] = split(first);
    auto [e2, t2] = split(second);
    const int a = events.index_of(e1, t1), b = events.index_of(e2, t2);
    EXPECT_NE(a, -1) << first;
    EXPECT_LT(a, b) << first << " must come before " << second;
  }
}

std::vector<std::string> fixtures() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtures))
    if (entry.path().extension() == ".xml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Semantics, ::testing::ValuesIn(fixtures()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace taskweave::testing
