// Loading from files: load_workflow's selection rules, unreadable files, and how expression
// positions are mapped when the file is (or is no longer) what was loaded.
#include <gtest/gtest.h>

#include "model/expression_site.h"
#include "model/validator.h"
#include "model_test_support.h"
#include "temp_dir.h"

namespace taskweave::model {
namespace {

std::string two_workflows() {
  return testing::export_xml(
      "<WORKFLOW NAME=\"wf_a\"><TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\"/>"
      "</WORKFLOW>\n"
      "<WORKFLOW NAME=\"wf_b\"><TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\"/>"
      "</WORKFLOW>\n");
}

TEST(FileLoading, LoadWorkflowNeedsASelectionAmongSeveral) {
  ::taskweave::testing::TempDir dir("tw-model");
  const std::string file = testing::write_in(dir.path(), "two.xml", two_workflows()).string();
  SingleLoadResult r = load_workflow(file);
  EXPECT_EQ(r.workflow, nullptr);
  const Diagnostic& d = r.diagnostics.items().at(0);
  EXPECT_EQ(d.code, "several-workflows");
  EXPECT_EQ(d.message,
            "the file holds several workflows (FLD/wf_a, FLD/wf_b); choose one with --workflow "
            "NAME (and --folder NAME)");
  SingleLoadResult b = load_workflow(file, {"", "wf_b"});
  ASSERT_NE(b.workflow, nullptr);
  EXPECT_EQ(b.workflow->name, "wf_b");
  EXPECT_FALSE(b.diagnostics.has_errors());
}

TEST(FileLoading, MappingOnlyExportHasNothingToRun) {
  ::taskweave::testing::TempDir dir("tw-model");
  const std::string file =
      testing::write_in(dir.path(), "m.xml", testing::export_xml("<MAPPING NAME=\"m\"/>")).string();
  SingleLoadResult r = load_workflow(file);
  EXPECT_EQ(r.workflow, nullptr);
  EXPECT_TRUE(r.diagnostics.has_errors());
}

TEST(FileLoading, UnreadableFile) {
  LoadResult r = load_export("/nonexistent/dir/wf.xml");
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.code, "unreadable");
  EXPECT_EQ(format_diagnostic(d),
            "/nonexistent/dir/wf.xml: error: cannot open file: No such file or directory");
}

// The line holding the expression; the attribute value starts after CONDITION=".
const std::string kLink =
    "<WORKFLOWLINK CONDITION=\"$a.Status = SUCCEEDED&#xD;&#xA;AND $b.Status = 1\" "
    "FROMTASK=\"a\" TOTASK=\"b\"/>";

// Loads wf.xml holding kLink, reports a problem at `$b` of its condition, lets `before_resolving`
// change the file, then resolves the problem's position.
template <typename Change>
Diagnostic problem_at_b(Change before_resolving) {
  ::taskweave::testing::TempDir dir("tw-model");
  const std::string file =
      testing::write_in(dir.path(), "wf.xml", testing::export_xml(kLink)).string();
  Diagnostics ignored;
  auto source = SourceDocument::load_file(file, ignored);
  pugi::xml_attribute condition =
      source->document()
          .first_element_by_path("/POWERMART/REPOSITORY/FOLDER/WORKFLOWLINK")
          .attribute("CONDITION");
  EXPECT_TRUE(condition);
  before_resolving(dir.path());
  const std::size_t offset = std::string_view(condition.value()).find("$b");
  Diagnostics diagnostics;
  diagnostics.add(
      expression_diagnostic(*source, condition, offset, Severity::Error, "x", "problem"));
  resolve_expression_positions(*source, diagnostics);
  return diagnostics.items().at(0);
}

TEST(FileLoading, ExpressionPositionIsExactWhenTheFileIsUnchanged) {
  const Diagnostic d = problem_at_b([](const std::filesystem::path&) {});
  EXPECT_EQ(d.pos, (SourcePos{5, testing::column_of(kLink, "$b")}));
  EXPECT_EQ(d.message, "problem");
}

TEST(FileLoading, ExpressionPositionFallsBackWhenTheFileChanged) {
  const Diagnostic d = problem_at_b(
      [](const std::filesystem::path& dir) { testing::write_in(dir, "wf.xml", "<changed/>"); });
  // The attribute value's position, and the position inside the expression in the message.
  EXPECT_EQ(d.pos, (SourcePos{5, testing::column_of(kLink, "$a")}));
  EXPECT_EQ(d.message,
            "problem (at line 2, column 5 of the expression that starts here; the exact file "
            "position is unknown because the file changed after loading)");
}

}  // namespace
}  // namespace taskweave::model
