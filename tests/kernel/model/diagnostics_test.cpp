// One hand-written export per diagnostic, asserting its code, message, line and column.
#include <gtest/gtest.h>

#include "model_test_support.h"

namespace taskweave::model {
namespace {

using testing::column_of;
using testing::export_xml;
using testing::load_text;
using testing::only;

// Lines 5-8: the WORKFLOW start tag and definitions of Start, a and b; `rest` starts at line 9.
std::string workflow(std::string_view rest) {
  std::string body =
      "<WORKFLOW NAME=\"wf\">\n"
      "<TASK NAME=\"Start\" TYPE=\"Start\" REUSABLE=\"NO\"/>\n"
      "<TASK NAME=\"a\" TYPE=\"Command\" REUSABLE=\"NO\"/>\n"
      "<TASK NAME=\"b\" TYPE=\"Command\" REUSABLE=\"NO\"/>\n";
  body += rest;
  body += "</WORKFLOW>\n";
  return export_xml(body);
}

constexpr std::string_view kInstances =
    "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"  // line 9
    "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n"        // line 10
    "<TASKINSTANCE NAME=\"b\" TASKNAME=\"b\" TASKTYPE=\"Command\"/>\n";       // line 11

std::string with_links(std::string_view links) {
  return workflow(std::string(kInstances) + std::string(links));
}

TEST(Diagnostics, CleanWorkflowHasNone) {
  auto r =
      load_text(with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"$a.Status = SUCCEEDED\" FROMTASK=\"a\" "
                           "TOTASK=\"b\"/>\n"));
  EXPECT_TRUE(r.diagnostics.items().empty()) << format_diagnostic(r.diagnostics.items().front());
  ASSERT_EQ(r.workflows.size(), 1u);
}

TEST(Diagnostics, NotWellFormedXml) {
  auto r =
      load_text(export_xml("<WORKFLOW NAME=\"wf\">\n"
                           "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\">\n"
                           "</WORKFLOW>\n"));
  const Diagnostic d = only(r, "not-well-formed");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.message,
            "not well-formed XML: Start-end tags mismatch; fix the file (an editor or `xmllint "
            "--noout FILE` shows the spot)");
  EXPECT_EQ(d.pos, (SourcePos{7, 3}));
  EXPECT_EQ(d.file, "test.xml");
  EXPECT_TRUE(r.workflows.empty());
}

TEST(Diagnostics, NoWorkflow) {
  auto r = load_text(export_xml(""));
  const Diagnostic d = only(r, "no-workflow");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.message,
            "no WORKFLOW element in this file; expected POWERMART > REPOSITORY > FOLDER > "
            "WORKFLOW (is this a PowerCenter workflow export?)");
  EXPECT_EQ(d.pos, (SourcePos{2, 1}));
}

TEST(Diagnostics, MappingOnlyExportIsAWarning) {
  auto r = load_text(export_xml("<MAPPING NAME=\"m_x\"/>\n"));
  const Diagnostic d = only(r, "no-workflow");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_FALSE(r.diagnostics.has_errors());
}

TEST(Diagnostics, NoStartTask) {
  auto r = load_text(workflow("<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n"));
  const Diagnostic d = only(r, "no-start");
  EXPECT_EQ(
      d.message,
      "workflow \"wf\" has no Start task; add a TASKINSTANCE with TASKTYPE=\"Start\" and link "
      "it to the first tasks");
  EXPECT_EQ(d.pos, (SourcePos{5, 1}));
}

TEST(Diagnostics, SeveralStartTasks) {
  auto r =
      load_text(workflow("<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
                         "<TASKINSTANCE NAME=\"Begin\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
                         "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n"
                         "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                         "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Begin\" TOTASK=\"a\"/>\n"));
  const Diagnostic d = only(r, "several-start");
  EXPECT_EQ(d.message,
            "workflow \"wf\" has a second Start task \"Begin\" (the first is \"Start\" at line 9); "
            "a graph has exactly one, remove this one");
  EXPECT_EQ(d.pos, (SourcePos{10, 1}));
}

TEST(Diagnostics, LinkToUnknownInstance) {
  const std::string link = "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"nope\"/>";
  auto r =
      load_text(with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"b\"/>\n" +
                           link + "\n"));
  const Diagnostic d = only(r, "unknown-task");
  EXPECT_EQ(d.message,
            "link TOTASK names \"nope\", which is not a task instance of workflow \"wf\"; use the "
            "NAME of a TASKINSTANCE in the same graph");
  EXPECT_EQ(d.pos, (SourcePos{14, column_of(link, "TOTASK")}));
  EXPECT_EQ(r.workflows.at(0)->root.links.size(), 2u);  // the bad link is dropped
}

TEST(Diagnostics, DuplicateInstanceName) {
  const std::string dup = "<TASKINSTANCE NAME=\"A\" TASKNAME=\"b\" TASKTYPE=\"Command\"/>";
  auto r = load_text(
      workflow("<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
               "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n" +
               dup + "\n" + "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"));
  const Diagnostic d = only(r, "duplicate-task");
  EXPECT_EQ(d.message,
            "duplicate task instance name \"A\" in workflow \"wf\" (names are case-insensitive: "
            "\"a\" is the same name); the first is at line 10; rename one of them (links and "
            "conditions use instance names)");
  EXPECT_EQ(d.pos, (SourcePos{11, column_of(dup, "NAME")}));
}

TEST(Diagnostics, CycleIsNamedInOrder) {
  auto r =
      load_text(with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"b\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"b\" TOTASK=\"a\"/>\n"));
  const Diagnostic d = only(r, "cycle");
  EXPECT_EQ(
      d.message,
      "cycle in workflow \"wf\": a -> b -> a; links must not form a loop, remove one of these "
      "links");
  EXPECT_EQ(d.pos, (SourcePos{14, 1}));  // the link that closes the cycle
}

TEST(Diagnostics, ConditionParseErrorPointsIntoTheFile) {
  // The error is on the expression's second line; &#xD;&#xA; is 10 characters in the file.
  const std::string link =
      "<WORKFLOWLINK CONDITION=\"$a.Status = SUCCEEDED&#xD;&#xA;AND @\" FROMTASK=\"a\" "
      "TOTASK=\"b\"/>";
  auto r = load_text(
      with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n" + link + "\n"));
  const Diagnostic d = only(r, "bad-expression");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.message.rfind("the condition of link \"a\" -> \"b\" does not parse: ", 0), 0u)
      << d.message;
  EXPECT_EQ(d.pos, (SourcePos{13, column_of(link, "@")}));
}

TEST(Diagnostics, DecisionConditionParseError) {
  const std::string condition = "<ATTRIBUTE NAME=\"Decision Name\" VALUE=\"$a.Status = = 1\"/>";
  auto r =
      load_text(export_xml("<WORKFLOW NAME=\"wf\">\n"
                           "<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
                           "<TASK NAME=\"a\" TYPE=\"Command\"/>\n"
                           "<TASK NAME=\"d\" TYPE=\"Decision\">\n" +
                           condition + "\n" +  // line 9
                           "</TASK>\n"
                           "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
                           "<TASKINSTANCE NAME=\"a\" TASKNAME=\"a\" TASKTYPE=\"Command\"/>\n"
                           "<TASKINSTANCE NAME=\"d\" TASKNAME=\"d\" TASKTYPE=\"Decision\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                           "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"d\"/>\n"
                           "</WORKFLOW>\n"));
  const Diagnostic d = only(r, "bad-expression");
  EXPECT_EQ(d.message.rfind("the condition of Decision \"d\" does not parse: ", 0), 0u)
      << d.message;
  EXPECT_EQ(d.pos.line, 9u);
  EXPECT_EQ(d.pos.column, column_of(condition, "= 1"));
}

TEST(Diagnostics, UnknownTaskInReference) {
  const std::string link =
      "<WORKFLOWLINK CONDITION=\"$a.Status = SUCCEEDED AND $zz.Status = SUCCEEDED\" "
      "FROMTASK=\"a\" TOTASK=\"b\"/>";
  auto r = load_text(
      with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n" + link + "\n"));
  const Diagnostic d = only(r, "unknown-task-reference");
  EXPECT_EQ(d.message,
            "$zz.Status refers to task \"zz\", which is not a task instance of workflow \"wf\"; an "
            "expression can only use the tasks of its own workflow or worklet");
  EXPECT_EQ(d.pos, (SourcePos{13, column_of(link, "$zz")}));
}

TEST(Diagnostics, VariableNotOfTheTaskType) {
  const std::string link =
      "<WORKFLOWLINK CONDITION=\"$a.TgtSuccessRows &gt; 0\" FROMTASK=\"a\" TOTASK=\"b\"/>";
  auto r = load_text(
      with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n" + link + "\n"));
  const Diagnostic d = only(r, "unknown-task-variable");
  EXPECT_EQ(d.message,
            "\"TgtSuccessRows\" is not a variable of Command task \"a\"; it has Status, "
            "PrevTaskStatus, StartTime, EndTime, ErrorCode, ErrorMsg");
  EXPECT_EQ(d.pos, (SourcePos{13, column_of(link, "$a")}));
}

TEST(Diagnostics, UndeclaredUserVariableIsAWarning) {
  const std::string link =
      "<WORKFLOWLINK CONDITION=\"$$MODE = &apos;full&apos; AND $$DECLARED = 1\" FROMTASK=\"a\" "
      "TOTASK=\"b\"/>";
  auto r = load_text(
      with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n" + link + "\n" +
                 "<WORKFLOWVARIABLE DATATYPE=\"integer\" DEFAULTVALUE=\"\" NAME=\"$$declared\" "
                 "USERDEFINED=\"YES\"/>\n"));
  const Diagnostic d = only(r, "undeclared-variable");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.message,
            "variable $$MODE is not declared in workflow \"wf\"; declare it (WORKFLOWVARIABLE) or "
            "make sure the parameter file sets it");
  EXPECT_EQ(d.pos, (SourcePos{13, column_of(link, "$$MODE")}));
  EXPECT_FALSE(r.diagnostics.has_errors());
}

TEST(Diagnostics, UnreachableInstanceIsAWarning) {
  auto r =
      load_text(with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"));
  const Diagnostic d = only(r, "unreachable");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(
      d.message,
      "task instance \"b\" in workflow \"wf\" cannot be reached from the Start task \"Start\" "
      "(no chain of links leads to it), so it never runs; link it or remove it");
  EXPECT_EQ(d.pos, (SourcePos{11, 1}));
}

TEST(Diagnostics, MissingReusableDefinitionIsAWarning) {
  const std::string instance =
      "<TASKINSTANCE NAME=\"w\" REUSABLE=\"YES\" TASKNAME=\"wk_shared\" TASKTYPE=\"Worklet\"/>";
  auto r = load_text(with_links(instance + "\n" +
                                "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"
                                "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"a\" TOTASK=\"b\"/>\n"
                                "<WORKFLOWLINK CONDITION=\"$w.Status = SUCCEEDED\" FROMTASK=\"b\" "
                                "TOTASK=\"w\"/>\n"));
  const Diagnostic d = only(r, "missing-definition");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.message,
            "reusable Worklet \"wk_shared\" used by task instance \"w\" is not defined in this "
            "export; it is kept as an opaque task that fails at run time (except with --dry-run); "
            "export it together with the workflow to run it");
  EXPECT_EQ(d.pos, (SourcePos{12, column_of(instance, "TASKNAME")}));
  EXPECT_EQ(r.diagnostics.items().size(), 1u);
  const TaskInstance& w = r.workflows.at(0)->root.tasks.at(3);
  EXPECT_EQ(w.definition, nullptr);
  EXPECT_EQ(w.worklet, nullptr);
}

TEST(Diagnostics, WorkletThatContainsItself) {
  auto r = load_text(export_xml(
      "<WORKLET NAME=\"wk\" REUSABLE=\"YES\">\n"  // line 5
      "<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
      "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
      "<TASKINSTANCE NAME=\"again\" REUSABLE=\"YES\" TASKNAME=\"wk\" TASKTYPE=\"Worklet\"/>\n"
      "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"again\"/>\n"
      "</WORKLET>\n"
      "<WORKFLOW NAME=\"wf\">\n"
      "<TASK NAME=\"Start\" TYPE=\"Start\"/>\n"
      "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n"
      "<TASKINSTANCE NAME=\"w\" REUSABLE=\"YES\" TASKNAME=\"wk\" TASKTYPE=\"Worklet\"/>\n"
      "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"w\"/>\n"
      "</WORKFLOW>\n"));
  const Diagnostic d = only(r, "worklet-recursion");
  EXPECT_EQ(d.message,
            "worklet \"wk\" contains itself (\"wf\" -> \"wk\" -> \"wk\"); a worklet cannot run "
            "inside itself, remove this instance");
  EXPECT_EQ(d.pos, (SourcePos{8, 1}));
}

TEST(Diagnostics, UnsupportedEncoding) {
  auto r = load_text(export_xml("", "EBCDIC-US"));
  const Diagnostic d = only(r, "unsupported-encoding");
  EXPECT_EQ(d.message,
            "unsupported encoding \"EBCDIC-US\" in the XML declaration; supported: UTF-8, "
            "ISO-8859-1, Windows-1252 (convert the file with iconv)");
  EXPECT_EQ(d.pos, (SourcePos{1, 1}));
}

TEST(Diagnostics, SelectingAMissingWorkflowListsTheOthers) {
  auto r = load_text(with_links(""), Selection{"", "other"});
  const Diagnostic d = only(r, "no-such-workflow");
  EXPECT_EQ(d.message, "no workflow named \"other\" in this file; it has: FLD/wf");
}

TEST(Diagnostics, FormattedLikeACompiler) {
  auto r =
      load_text(with_links("<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"a\"/>\n"));
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(format_diagnostic(r.diagnostics.items()[0]).substr(0, 29),
            "test.xml:11:1: warning: task ");
}

}  // namespace
}  // namespace taskweave::model
