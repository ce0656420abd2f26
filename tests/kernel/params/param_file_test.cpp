#include "params/param_file.h"

#include <gtest/gtest.h>

#include <fstream>

namespace taskweave::params {
namespace {

// A file where each heading sets $$V to the heading's own text, so the value found tells which
// section won.
std::string ladder(const std::vector<std::string>& headings) {
  std::string text;
  for (const auto& h : headings) text += "[" + h + "]\n$$V=" + h + "\n";
  return text;
}

const ParamScope kWorkflow{"SALES", "wf", {}, "", ""};
const ParamScope kWorklet{"SALES", "wf", {"wkl"}, "", ""};
const ParamScope kInnerWorklet{"SALES", "wf", {"wkl", "inner"}, "", ""};
const ParamScope kSession{"SALES", "wf", {}, "s_load", ""};
const ParamScope kWorkletSession{"SALES", "wf", {"wkl"}, "s_load", ""};
const ParamScope kOnService{"SALES", "wf", {}, "", "IS1"};

struct PrecedenceCase {
  const char* rule;
  std::vector<std::string> headings;
  ParamScope scope;
  std::optional<std::string> expected;  // the winning heading, or nothing
};
void PrintTo(const PrecedenceCase& c, std::ostream* os) { *os << c.rule; }

class Precedence : public testing::TestWithParam<PrecedenceCase> {};

TEST_P(Precedence, MostSpecificSectionWins) {
  const auto& c = GetParam();
  auto file = ParamFile::parse(ladder(c.headings), "ladder.par");
  ASSERT_TRUE(file.ok()) << file.error();
  EXPECT_EQ(file->lookup("$$V", c.scope), c.expected) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, Precedence,
    testing::Values(
        PrecedenceCase{
            "workflow section beats Global", {"Global", "SALES.WF:wf"}, kWorkflow, "SALES.WF:wf"},
        PrecedenceCase{"Global when nothing else", {"Global"}, kWorkflow, "Global"},
        PrecedenceCase{"no applicable section", {"OTHER.WF:wf"}, kWorkflow, std::nullopt},
        PrecedenceCase{"another workflow's section is ignored",
                       {"Global", "SALES.WF:other"},
                       kWorkflow,
                       "Global"},
        PrecedenceCase{
            "another folder's workflow is ignored", {"Global", "OTHER.WF:wf"}, kWorkflow, "Global"},
        PrecedenceCase{"worklet sections do not apply to the workflow",
                       {"SALES.WF:wf.WT:wkl", "Global"},
                       kWorkflow,
                       "Global"},
        PrecedenceCase{"session sections do not apply to workflow variables",
                       {"Global", "s_load", "SALES.ST:s_load", "SALES.WF:wf.ST:s_load"},
                       kWorkflow,
                       "Global"},
        PrecedenceCase{"worklet section beats workflow and Global",
                       {"SALES.WF:wf.WT:wkl", "SALES.WF:wf", "Global"},
                       kWorklet,
                       "SALES.WF:wf.WT:wkl"},
        PrecedenceCase{"worklet falls back to its workflow",
                       {"Global", "SALES.WF:wf"},
                       kWorklet,
                       "SALES.WF:wf"},
        PrecedenceCase{"worklet falls back to Global", {"Global"}, kWorklet, "Global"},
        PrecedenceCase{"another worklet's section is ignored",
                       {"SALES.WF:wf", "SALES.WF:wf.WT:other"},
                       kWorklet,
                       "SALES.WF:wf"},
        PrecedenceCase{"a deeper worklet's section does not apply to its parent",
                       {"SALES.WF:wf.WT:wkl.WT:inner", "SALES.WF:wf"},
                       kWorklet,
                       "SALES.WF:wf"},
        PrecedenceCase{"nested worklet: its own path wins",
                       {"SALES.WF:wf", "SALES.WF:wf.WT:wkl.WT:inner", "SALES.WF:wf.WT:wkl"},
                       kInnerWorklet,
                       "SALES.WF:wf.WT:wkl.WT:inner"},
        PrecedenceCase{"nested worklet falls back to the enclosing worklet",
                       {"SALES.WF:wf", "SALES.WF:wf.WT:wkl"},
                       kInnerWorklet,
                       "SALES.WF:wf.WT:wkl"},
        PrecedenceCase{"nested worklet: a path that is not its prefix is ignored",
                       {"SALES.WF:wf", "SALES.WF:wf.WT:inner"},
                       kInnerWorklet,
                       "SALES.WF:wf"},
        PrecedenceCase{
            "session: folder.WF:wf.ST:s beats everything",
            {"SALES.WF:wf.ST:s_load", "SALES.ST:s_load", "s_load", "SALES.WF:wf", "Global"},
            kSession,
            "SALES.WF:wf.ST:s_load"},
        PrecedenceCase{"session: folder.ST:s beats [s] and the workflow",
                       {"s_load", "SALES.ST:s_load", "SALES.WF:wf", "Global"},
                       kSession,
                       "SALES.ST:s_load"},
        PrecedenceCase{"session: [s] beats the workflow",
                       {"Global", "s_load", "SALES.WF:wf"},
                       kSession,
                       "s_load"},
        PrecedenceCase{"session inherits its workflow's section",
                       {"Global", "SALES.WF:wf"},
                       kSession,
                       "SALES.WF:wf"},
        PrecedenceCase{"session falls back to Global", {"Global"}, kSession, "Global"},
        PrecedenceCase{"another session's sections are ignored",
                       {"Global", "s_other", "SALES.ST:s_other", "SALES.WF:wf.ST:s_other"},
                       kSession,
                       "Global"},
        PrecedenceCase{"a session of another folder is ignored",
                       {"Global", "OTHER.ST:s_load"},
                       kSession,
                       "Global"},
        PrecedenceCase{
            "session in a worklet: its full path wins",
            {"SALES.ST:s_load", "SALES.WF:wf.WT:wkl.ST:s_load", "s_load", "SALES.WF:wf.WT:wkl"},
            kWorkletSession,
            "SALES.WF:wf.WT:wkl.ST:s_load"},
        PrecedenceCase{"session in a worklet: folder.WF:wf.ST:s names a top-level session only",
                       {"SALES.WF:wf.ST:s_load", "SALES.WF:wf.WT:wkl"},
                       kWorkletSession,
                       "SALES.WF:wf.WT:wkl"},
        PrecedenceCase{"top-level session: a worklet's session section does not apply",
                       {"SALES.WF:wf.WT:wkl.ST:s_load", "SALES.WF:wf"},
                       kSession,
                       "SALES.WF:wf"},
        PrecedenceCase{"session in a worklet inherits the worklet section",
                       {"Global", "SALES.WF:wf", "SALES.WF:wf.WT:wkl"},
                       kWorkletSession,
                       "SALES.WF:wf.WT:wkl"},
        PrecedenceCase{"session in a worklet: [s] beats the worklet section",
                       {"SALES.WF:wf.WT:wkl", "s_load"},
                       kWorkletSession,
                       "s_load"},
        PrecedenceCase{
            "service section beats Global", {"Service:IS1", "Global"}, kOnService, "Service:IS1"},
        PrecedenceCase{"workflow section beats the service",
                       {"SALES.WF:wf", "Service:IS1"},
                       kOnService,
                       "SALES.WF:wf"},
        PrecedenceCase{"another service's section is ignored",
                       {"Global", "Service:IS2"},
                       kOnService,
                       "Global"},
        PrecedenceCase{
            "service sections need a service name", {"Global", "Service:IS1"}, kWorkflow, "Global"},
        PrecedenceCase{
            "node sections never apply", {"Global", "Service:IS1.ND:node1"}, kOnService, "Global"},
        PrecedenceCase{"headings match case-insensitively",
                       {"Global", "sales.wf:WF.wt:WKL"},
                       kWorklet,
                       "sales.wf:WF.wt:WKL"},
        PrecedenceCase{
            "a repeated heading: the later one wins", {"Global", "GLOBAL"}, kWorkflow, "GLOBAL"}));

TEST(ParamFile, ValueIsEverythingAfterTheFirstEqualsSign) {
  auto file = ParamFile::parse("[Global]\n$$X=a=b = \"c\" \n$$EMPTY=\n", "t.par");
  ASSERT_TRUE(file.ok()) << file.error();
  EXPECT_EQ(file->lookup("$$X", kWorkflow), "a=b = \"c\" ");
  EXPECT_EQ(file->lookup("$$EMPTY", kWorkflow), "");
}

TEST(ParamFile, NameIsEverythingBeforeTheFirstEqualsSign) {
  // PowerCenter keeps a space before '=' as part of the name; so do we.
  auto file = ParamFile::parse("[Global]\n$$X =1\n", "t.par");
  ASSERT_TRUE(file.ok()) << file.error();
  EXPECT_EQ(file->lookup("$$X", kWorkflow), std::nullopt);
  EXPECT_EQ(file->lookup("$$X ", kWorkflow), "1");
}

TEST(ParamFile, NamesAreCaseInsensitive) {
  auto file = ParamFile::parse("[Global]\n$$Run_Date=2026-11-27\n", "t.par");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->lookup("$$RUN_DATE", kWorkflow), "2026-11-27");
}

TEST(ParamFile, LaterLineInTheSameSectionWins) {
  auto file = ParamFile::parse("[Global]\n$$X=1\n$$x=2\n", "t.par");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->lookup("$$X", kWorkflow), "2");
}

TEST(ParamFile, CommentsAndCrLfLineEnds) {
  auto file = ParamFile::parse(
      "\xEF\xBB\xBF# generated\r\nCreated by admin\r\n[Global]\r\n# $$X=commented\r\n"
      "; no equals sign here\r\n$$X=1\r\n\r\n",
      "t.par");
  ASSERT_TRUE(file.ok()) << file.error();
  EXPECT_EQ(file->lookup("$$X", kWorkflow), "1");
  ASSERT_EQ(file->entries().size(), 1u);
  EXPECT_EQ(file->entries()[0].line, 6);
}

TEST(ParamFile, FindReportsTheLine) {
  auto file = ParamFile::parse("[Global]\n$$X=1\n[SALES.WF:wf]\n$$X=2\n", "t.par");
  ASSERT_TRUE(file.ok());
  const ParamEntry* entry = file->find("$$x", kWorkflow);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->value, "2");
  EXPECT_EQ(entry->line, 4);
}

TEST(ParamFile, VisibleResolvesEveryNameForAScope) {
  auto file = ParamFile::parse(
      "[SALES.WF:wf.WT:wkl]\n$$A=worklet\n[Global]\n$$A=global\n$$B=global\n"
      "[SALES.WF:wf]\n$$b=workflow\n$$C=workflow\n[OTHER.WF:wf]\n$$D=other\n",
      "t.par");
  ASSERT_TRUE(file.ok());
  auto values = file->visible(kWorklet);
  EXPECT_EQ(values.size(), 3u);
  EXPECT_EQ(values["$$A"], "worklet");
  EXPECT_EQ(values["$$B"], "workflow");
  EXPECT_EQ(values["$$C"], "workflow");
}

struct MalformedCase {
  const char* text;
  const char* expected;  // in the message, after "bad.par:<line>: "
  int line;
};
void PrintTo(const MalformedCase& c, std::ostream* os) { *os << c.expected; }

class Malformed : public testing::TestWithParam<MalformedCase> {};

TEST_P(Malformed, ErrorNamesFileAndLine) {
  auto file = ParamFile::parse(GetParam().text, "bad.par");
  ASSERT_FALSE(file.ok());
  std::string where = "bad.par:" + std::to_string(GetParam().line) + ": ";
  EXPECT_EQ(file.error().rfind(where, 0), 0u) << file.error();
  EXPECT_NE(file.error().find(GetParam().expected), std::string::npos) << file.error();
}

INSTANTIATE_TEST_SUITE_P(
    Lines, Malformed,
    testing::Values(MalformedCase{"[Global]\n[SALES.WF:wf\n", "closing ']'", 2},
                    MalformedCase{"# x\n[SALES.WT:wkl]\n", "malformed section heading", 2},
                    MalformedCase{"[Global]\n\n=value\n", "missing name", 3},
                    MalformedCase{"$$X=1\n[Global]\n", "before any [section]", 1},
                    MalformedCase{"[Global]\n[]\n", "empty heading", 2}));

TEST(ParamFile, LoadReadsAFile) {
  auto path = std::filesystem::temp_directory_path() / "tw_params_load_test.par";
  std::ofstream(path) << "[SALES.WF:wf]\n$$X=from file\n";
  auto file = ParamFile::load(path);
  ASSERT_TRUE(file.ok()) << file.error();
  EXPECT_EQ(file->lookup("$$X", kWorkflow), "from file");
  EXPECT_EQ(file->source_name(), path.string());
  std::filesystem::remove(path);
}

TEST(ParamFile, LoadErrorNamesTheFile) {
  auto missing = ParamFile::load("/nonexistent/dir/daily.par");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("/nonexistent/dir/daily.par"), std::string::npos);
  auto dir = ParamFile::load(std::filesystem::temp_directory_path());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error().find("directory"), std::string::npos);
}

TEST(ParamFile, MalformedLoadedFileNamesPathAndLine) {
  auto path = std::filesystem::temp_directory_path() / "tw_params_bad_test.par";
  std::ofstream(path) << "[Global]\n$$X=1\n[SALES.WF:wf.QQ\n";
  auto file = ParamFile::load(path);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().rfind(path.string() + ":3: ", 0), 0u) << file.error();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace taskweave::params
