// `taskweave validate`, `plan` and `graph` through the real binary: exit statuses, the text and
// JSON outputs, the plan against its schema, the drawing through Graphviz, usage errors.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli.h"
#include "run_process.h"
#include "temp_dir.h"

namespace taskweave::cli {
namespace {

namespace fs = std::filesystem;
using taskweave::testing::read_file;
using taskweave::testing::run_process;
using taskweave::testing::TempDir;
using taskweave::testing::write_file;
using testing::taskweave_cli;

const std::string kFixtures = std::string(TW_SOURCE_DIR) + "/tests/kernel/model/fixtures";
const std::string kSchema = std::string(TW_SOURCE_DIR) + "/tests/schemas/plan.schema.json";
const std::string kChecker = std::string(TW_SOURCE_DIR) + "/tests/schemas/check_json_schema.py";

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(TW_CORPUS_DIR, ec))
    if (e.path().extension() == ".xml" || e.path().extension() == ".XML") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// A workflow with a cycle (a -> b -> a), lines 5-14.
const std::string kCyclic =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<POWERMART>\n<REPOSITORY NAME=\"R\">\n"
    "<FOLDER NAME=\"F\">\n<WORKFLOW NAME=\"wf\">\n<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
    "<TASK NAME=\"a\" TYPE=\"Command\"/>\n<TASK NAME=\"b\" TYPE=\"Command\"/>\n"
    "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
    "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n"
    "<TASKINSTANCE NAME=\"b\" TASKNAME=\"b\" TASKTYPE=\"Command\"/>\n"
    "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
    "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"b\"/>\n"
    "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"b\" TOTASK=\"a\"/>\n"
    "</WORKFLOW>\n</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";

TEST(ValidateCommand, EveryCorpusFileIsValid) {
  const auto files = corpus_files();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TW_CORPUS_DIR;
  for (const auto& file : files) {
    auto r = taskweave_cli({"validate", file.string()});
    EXPECT_EQ(r.exit_code, 0) << file << "\n" << r.out << r.err;
  }
}

TEST(ValidateCommand, ErrorsAreCompilerStyleAndExitTwo) {
  TempDir dir("tw-cli-model");
  const fs::path file = dir.path() / "cyclic.xml";
  write_file(file, kCyclic);
  auto r = taskweave_cli({"validate", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, file.string() +
                       ":14:1: error: cycle in workflow \"wf\": a -> b -> a; links must not form a "
                       "loop, remove one of these links\n1 error, 0 warnings\n");
}

TEST(ValidateCommand, Json) {
  TempDir dir("tw-cli-model");
  const fs::path file = dir.path() / "cyclic.xml";
  write_file(file, kCyclic);
  auto r = taskweave_cli({"validate", file.string(), "--json"});
  EXPECT_EQ(r.exit_code, 2);
  auto root = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_FALSE(root->getValue<bool>("valid"));
  EXPECT_EQ(root->getValue<int>("errors"), 1);
  auto d = root->getArray("diagnostics")->getObject(0);
  EXPECT_EQ(d->getValue<std::string>("severity"), "error");
  EXPECT_EQ(d->getValue<std::string>("code"), "cycle");
  EXPECT_EQ(d->getValue<int>("line"), 14);
  EXPECT_EQ(d->getValue<int>("column"), 1);
  auto w = root->getArray("workflows")->getObject(0);
  EXPECT_EQ(w->getValue<std::string>("name"), "wf");
  EXPECT_EQ(w->getValue<int>("tasks"), 3);
}

TEST(PlanCommand, JsonMatchesTheSchema) {
  TempDir dir("tw-cli-model");
  std::vector<std::string> checker{"python3", kChecker, kSchema};
  std::vector<std::string> inputs{kFixtures + "/plan_small.xml"};
  for (const auto& f : corpus_files())
    if (f.filename().string().find("WKF_LDC_1000") != std::string::npos) inputs.push_back(f);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto r = taskweave_cli({"plan", inputs[i], "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path out = dir.path() / ("plan" + std::to_string(i) + ".json");
    write_file(out, r.out);
    checker.push_back(out.string());
  }
  auto check = run_process(checker);
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST(PlanCommand, RefusesAFileWithErrors) {
  TempDir dir("tw-cli-model");
  const fs::path file = dir.path() / "cyclic.xml";
  write_file(file, kCyclic);
  auto r = taskweave_cli({"plan", file.string(), "--json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(":14:1: error: cycle"), std::string::npos) << r.err;
}

TEST(GraphCommand, DotRendersWithGraphviz) {
  TempDir dir("tw-cli-model");
  auto r = taskweave_cli({"graph", kFixtures + "/graph_small.xml", "--format", "dot"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path dot = dir.path() / "g.dot", svg = dir.path() / "g.svg";
  write_file(dot, r.out);
  auto rendered = run_process({"dot", "-Tsvg", dot.string(), "-o", svg.string()});
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_NE(read_file(svg).find("<svg"), std::string::npos);
}

TEST(GraphCommand, Mermaid) {
  auto r = taskweave_cli({"graph", kFixtures + "/graph_small.xml", "--format=mermaid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("flowchart LR\n", 0), 0u);
}

TEST(ModelCommands, UsageErrors) {
  auto none = taskweave_cli({"validate"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("missing FILE"), std::string::npos) << none.err;
  auto format = taskweave_cli({"graph", kFixtures + "/graph_small.xml", "--format", "png"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("unknown --format 'png'; use dot or mermaid"), std::string::npos);
  auto missing = taskweave_cli({"plan", "/nonexistent/wf.xml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/wf.xml: error: cannot open file"), std::string::npos);
  auto selection = taskweave_cli({"validate", kFixtures + "/plan_small.xml", "--workflow", "x"});
  EXPECT_EQ(selection.exit_code, 2);
  EXPECT_NE(selection.out.find("no workflow named \"x\" in this file; it has: FLD/wf_daily"),
            std::string::npos)
      << selection.out;
}

}  // namespace
}  // namespace taskweave::cli
