// What the loader puts in the model: flags, definitions and overrides, worklets, variables.
#include <gtest/gtest.h>

#include "expr/expr.h"
#include "model_test_support.h"

namespace taskweave::model {
namespace {

using testing::export_xml;
using testing::load_text;

// A reusable Command at folder level, used twice with and without overrides; a non-reusable
// worklet with its own variable and an input; a Decision; every TASKINSTANCE flag.
const std::string kExport = export_xml(R"(<TASK NAME="cmd_shared" REUSABLE="YES" TYPE="Command">
<ATTRIBUTE NAME="Fail task if any command fails" VALUE="YES"/>
<ATTRIBUTE NAME="Recovery Strategy" VALUE="Fail task and continue workflow"/>
<VALUEPAIR EXECORDER="2" NAME="second" REVERSEASSIGNMENT="NO" VALUE="echo 2"/>
<VALUEPAIR EXECORDER="1" NAME="first" REVERSEASSIGNMENT="NO" VALUE="echo 1&#xD;&#xA;echo 1b"/>
</TASK>
<WORKFLOW DESCRIPTION="daily" ISENABLED="YES" NAME="wf_daily" SUSPEND_ON_ERROR="YES">
<SCHEDULER DESCRIPTION="" NAME="Scheduler" REUSABLE="NO">
<SCHEDULEINFO SCHEDULETYPE="ONDEMAND"/>
</SCHEDULER>
<TASK NAME="Start" REUSABLE="NO" TYPE="Start"/>
<TASK NAME="dec" REUSABLE="NO" TYPE="Decision">
<ATTRIBUTE NAME="Decision Name" VALUE="$job1.Status = SUCCEEDED"/>
</TASK>
<WORKLET NAME="wk_load" REUSABLE="NO">
<TASK NAME="Start" REUSABLE="NO" TYPE="Start"/>
<TASK NAME="asg" REUSABLE="NO" TYPE="Assignment">
<VALUEPAIR EXECORDER="1" NAME="$$COUNT" REVERSEASSIGNMENT="NO" VALUE="$$COUNT + 1"/>
</TASK>
<TASKINSTANCE NAME="Start" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE NAME="asg" TASKNAME="asg" TASKTYPE="Assignment"/>
<WORKFLOWLINK CONDITION="" FROMTASK="Start" TOTASK="asg"/>
<WORKFLOWVARIABLE DATATYPE="integer" DEFAULTVALUE="7" ISNULL="NO" ISPERSISTENT="YES" NAME="$$COUNT" USERDEFINED="YES"/>
<WORKFLOWVARIABLE DATATYPE="integer" NAME="$asg.Status" USERDEFINED="NO"/>
</WORKLET>
<TASKINSTANCE DESCRIPTION="" ISENABLED="YES" NAME="Início" REUSABLE="NO" TASKNAME="Start" TASKTYPE="Start"/>
<TASKINSTANCE FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN="YES" FAIL_PARENT_IF_INSTANCE_FAILS="YES" ISENABLED="YES" NAME="job1" REUSABLE="YES" TASKNAME="cmd_shared" TASKTYPE="Command" TREAT_INPUTLINK_AS_AND="YES"/>
<TASKINSTANCE FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN="NO" FAIL_PARENT_IF_INSTANCE_FAILS="NO" ISENABLED="NO" NAME="job2" REUSABLE="YES" TASKNAME="cmd_shared" TASKTYPE="Command" TREAT_INPUTLINK_AS_AND="NO">
<VALUEPAIR EXECORDER="1" NAME="only" REVERSEASSIGNMENT="NO" VALUE="echo override"/>
<ATTRIBUTE NAME="Fail task if any command fails" VALUE="NO"/>
</TASKINSTANCE>
<TASKINSTANCE NAME="dec" TASKNAME="dec" TASKTYPE="Decision"/>
<TASKINSTANCE NAME="wk_load" TASKNAME="wk_load" TASKTYPE="Worklet">
<VALUEPAIR EXECORDER="1" NAME="$$COUNT" REVERSEASSIGNMENT="NO" VALUE="$$BASE"/>
</TASKINSTANCE>
<WORKFLOWLINK CONDITION="" FROMTASK="Início" TOTASK="job1"/>
<WORKFLOWLINK CONDITION="$job1.Status = SUCCEEDED&#xD;&#xA;AND $job1.ErrorCode = 0" FROMTASK="job1" TOTASK="job2"/>
<WORKFLOWLINK CONDITION="" FROMTASK="job1" TOTASK="dec"/>
<WORKFLOWLINK CONDITION="$dec.Condition = TRUE" FROMTASK="dec" TOTASK="wk_load"/>
<WORKFLOWLINK CONDITION="" FROMTASK="job2" TOTASK="wk_load"/>
<WORKFLOWVARIABLE DATATYPE="nstring" DEFAULTVALUE="diff" NAME="$$BASE" USERDEFINED="YES"/>
<WORKFLOWEVENT DESCRIPTION="files ready" NAME="ev_ready"/>
<ATTRIBUTE NAME="Parameter Filename" VALUE="/opt/params/wf_daily.ini"/>
</WORKFLOW>
)");

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    result_ = load_text(kExport);
    for (const auto& d : result_.diagnostics.items()) ADD_FAILURE() << format_diagnostic(d);
    ASSERT_EQ(result_.workflows.size(), 1u);
    wf_ = result_.workflows.front().get();
  }
  const TaskInstance& task(std::string_view name) {
    auto index = wf_->root.find_task(name);
    EXPECT_TRUE(index.has_value()) << name;
    return wf_->root.tasks.at(index.value_or(0));
  }
  LoadResult result_;
  const Workflow* wf_ = nullptr;
};

TEST_F(LoaderTest, WorkflowProperties) {
  EXPECT_EQ(wf_->repository, "REP");
  EXPECT_EQ(wf_->folder, "FLD");
  EXPECT_EQ(wf_->name, "wf_daily");
  EXPECT_EQ(wf_->description, "daily");
  EXPECT_TRUE(wf_->suspend_on_error);
  EXPECT_EQ(wf_->parameter_filename, "/opt/params/wf_daily.ini");
  EXPECT_EQ(wf_->scheduler.schedule_type, "ONDEMAND");
  EXPECT_EQ(wf_->file_path(), "test.xml");
  ASSERT_EQ(wf_->root.events.size(), 1u);
  EXPECT_EQ(wf_->root.events[0].name, "ev_ready");
  ASSERT_EQ(wf_->root.variables.size(), 1u);
  EXPECT_EQ(wf_->root.variables[0].default_value, "diff");
  EXPECT_EQ(wf_->definition_hash_hex().size(), 16u);
}

TEST_F(LoaderTest, StartIsFoundByTypeAndNamesAreUtf8) {
  ASSERT_NE(wf_->root.start, kNoTask);
  EXPECT_EQ(wf_->root.tasks[wf_->root.start].name,
            "In\xC3\xAD"
            "cio");
  EXPECT_EQ(wf_->root.tasks[wf_->root.start].type, TaskType::Start);
}

TEST_F(LoaderTest, InstanceFlags) {
  const TaskInstance& job1 = task("job1");
  EXPECT_TRUE(job1.enabled);
  EXPECT_TRUE(job1.reusable);
  EXPECT_EQ(job1.join, JoinKind::And);
  EXPECT_TRUE(job1.fail_parent_if_fails);
  EXPECT_TRUE(job1.fail_parent_if_did_not_run);
  const TaskInstance& job2 = task("JOB2");  // names are case-insensitive
  EXPECT_EQ(job2.name, "job2");
  EXPECT_FALSE(job2.enabled);
  EXPECT_EQ(job2.join, JoinKind::Or);
  EXPECT_FALSE(job2.fail_parent_if_fails);
  EXPECT_EQ(job2.type_name(), "Command");
}

TEST_F(LoaderTest, ReusableDefinitionIsSharedAndValuePairsAreOrdered) {
  const TaskInstance& job1 = task("job1");
  const TaskInstance& job2 = task("job2");
  ASSERT_NE(job1.definition, nullptr);
  EXPECT_EQ(job1.definition, job2.definition);
  EXPECT_TRUE(job1.definition->reusable);
  EXPECT_EQ(job1.definition->type, TaskType::Command);
  ASSERT_EQ(job1.definition->value_pairs.size(), 2u);
  EXPECT_EQ(job1.definition->value_pairs[0].name, "first");
  EXPECT_EQ(job1.definition->value_pairs[0].value, "echo 1\r\necho 1b");
  EXPECT_EQ(job1.definition->xml.name(), std::string_view("TASK"));
}

TEST_F(LoaderTest, InstanceOverridesApplyOverTheDefinition) {
  const TaskInstance& job1 = task("job1");
  const TaskInstance& job2 = task("job2");
  ASSERT_EQ(job1.effective_value_pairs().size(), 2u);
  ASSERT_EQ(job2.effective_value_pairs().size(), 1u);
  EXPECT_EQ(job2.effective_value_pairs()[0].value, "echo override");
  EXPECT_EQ(job1.effective_attribute("Fail task if any command fails")->value(), "YES");
  EXPECT_EQ(job2.effective_attribute("fail task if any command fails")->value(), "NO");
  const auto merged = job2.effective_attributes();
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].value(), "NO");
  EXPECT_EQ(merged[1].name(), "Recovery Strategy");
}

TEST_F(LoaderTest, LinksAndAdjacency) {
  const Graph& g = wf_->root;
  ASSERT_EQ(g.links.size(), 5u);
  const Link& l = g.links[1];
  EXPECT_EQ(g.tasks[l.from].name, "job1");
  EXPECT_EQ(g.tasks[l.to].name, "job2");
  EXPECT_EQ(l.condition, "$job1.Status = SUCCEEDED\r\nAND $job1.ErrorCode = 0");
  ASSERT_NE(l.parsed_condition, nullptr);
  EXPECT_EQ(l.parsed_condition->references().size(), 2u);
  EXPECT_EQ(g.links[0].parsed_condition, nullptr);  // empty condition: unconditional
  const TaskInstance& job1 = task("job1");
  EXPECT_EQ(job1.in_links, (std::vector<LinkIndex>{0}));
  EXPECT_EQ(job1.out_links, (std::vector<LinkIndex>{1, 2}));
  EXPECT_EQ(task("wk_load").in_links, (std::vector<LinkIndex>{3, 4}));
}

TEST_F(LoaderTest, DecisionConditionIsParsed) {
  const TaskInstance& dec = task("dec");
  ASSERT_NE(dec.definition, nullptr);
  EXPECT_EQ(dec.definition->attribute("Decision Name")->value(), "$job1.Status = SUCCEEDED");
  ASSERT_NE(dec.definition->decision_condition, nullptr);
}

TEST_F(LoaderTest, WorkletGraph) {
  const TaskInstance& wk = task("wk_load");
  ASSERT_NE(wk.worklet, nullptr);
  ASSERT_EQ(wf_->worklet_graphs.size(), 1u);
  EXPECT_EQ(wk.worklet, wf_->worklet_graphs[0].get());
  const Graph& g = *wk.worklet;
  EXPECT_EQ(g.kind, GraphKind::Worklet);
  EXPECT_EQ(g.name, "wk_load");
  EXPECT_EQ(g.tasks.size(), 2u);
  EXPECT_EQ(g.links.size(), 1u);
  EXPECT_EQ(g.tasks[g.start].name, "Start");
  ASSERT_EQ(g.variables.size(), 1u);  // the built-in $asg.Status is not kept
  const Variable* count = g.find_variable("$$count");
  ASSERT_NE(count, nullptr);
  EXPECT_TRUE(count->persistent);
  EXPECT_EQ(count->datatype, "integer");
  EXPECT_EQ(count->default_value, "7");
  // The worklet's Assignment and the instance's input are parsed expressions.
  ASSERT_NE(g.tasks[1].definition, nullptr);
  EXPECT_NE(g.tasks[1].definition->value_pairs.at(0).expression, nullptr);
  ASSERT_EQ(wk.value_pairs.size(), 1u);
  EXPECT_NE(wk.value_pairs[0].expression, nullptr);
}

TEST_F(LoaderTest, PositionsOfElementsAndAttributes) {
  const TaskInstance& job1 = task("job1");
  EXPECT_EQ(wf_->position(job1.xml), (SourcePos{31, 1}));
  EXPECT_EQ(wf_->position(job1.xml.attribute("NAME")).line, 31u);
}

TEST(Loader, DefinitionHashFollowsTheWorkflowTextNotTheEncoding) {
  auto hash = [](std::string_view before, std::string_view start_name, std::string_view encoding) {
    const std::string xml = export_xml(
        std::string(before) + "<WORKFLOW NAME=\"wf\"><TASK NAME=\"Start\" TYPE=\"Start\"/>" +
            "<TASKINSTANCE NAME=\"" + std::string(start_name) +
            "\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/></WORKFLOW>",
        encoding);
    return load_text(xml).workflows.at(0)->definition_hash;
  };
  const auto base = hash("",
                         "In\xC3\xAD"
                         "cio",
                         "UTF-8");
  EXPECT_EQ(base, hash("",
                       "In\xED"
                       "cio",
                       "ISO-8859-1"));  // same text, re-encoded
  EXPECT_EQ(base, hash("<MAPPING NAME=\"m\"/>\n",
                       "In\xC3\xAD"
                       "cio",
                       "UTF-8"));  // outside
  EXPECT_NE(base, hash("", "Inicio", "UTF-8"));
}

TEST(Loader, SelectsAmongSeveralWorkflowsAndFolders) {
  std::string xml = "<?xml version=\"1.0\"?>\n<POWERMART><REPOSITORY NAME=\"R\">";
  for (const char* folder : {"F1", "F2"}) {
    xml += std::string("<FOLDER NAME=\"") + folder + "\">";
    for (const char* wf : {"wf_a", "wf_b"})
      xml += std::string("<WORKFLOW NAME=\"") + wf +
             "\"><TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\"/></WORKFLOW>";
    xml += "</FOLDER>";
  }
  xml += "</REPOSITORY></POWERMART>";
  EXPECT_EQ(load_text(xml).workflows.size(), 4u);
  EXPECT_EQ(load_text(xml, {"", "WF_B"}).workflows.size(), 2u);
  auto one = load_text(xml, {"f2", "wf_b"});
  ASSERT_EQ(one.workflows.size(), 1u);
  EXPECT_EQ(one.workflows[0]->folder, "F2");
  EXPECT_EQ(one.workflows[0]->name, "wf_b");
}

TEST(Loader, EventWaitSpellings) {
  for (std::string_view s : {"Event-wait", "Event Wait", "EventWait", "EVENT_WAIT", "event-Wait"})
    EXPECT_EQ(task_type_from_string(s), TaskType::EventWait) << s;
  EXPECT_EQ(task_type_from_string("Event-Raise"), TaskType::EventRaise);
  EXPECT_EQ(task_type_from_string("acme.http_get"), TaskType::Other);
  EXPECT_EQ(task_type_name(TaskType::EventWait), "Event-Wait");
}

TEST(Loader, VendorTypesKeepTheirRawName) {
  auto r = load_text(
      export_xml("<WORKFLOW NAME=\"wf\"><TASK NAME=\"Start\" TYPE=\"Start\"/>"
                 "<TASK NAME=\"get\" TYPE=\"acme.http_get\"><ATTRIBUTE NAME=\"URL\" "
                 "VALUE=\"http://x\"/></TASK>"
                 "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>"
                 "<TASKINSTANCE NAME=\"get\" TASKNAME=\"get\" TASKTYPE=\"acme.http_get\"/>"
                 "<WORKFLOWLINK CONDITION=\"$get.Anything = 1\" FROMTASK=\"Start\" TOTASK=\"get\"/>"
                 "</WORKFLOW>"));
  EXPECT_TRUE(r.diagnostics.items().empty());
  const TaskInstance& get = r.workflows.at(0)->root.tasks.at(1);
  EXPECT_EQ(get.type, TaskType::Other);
  EXPECT_EQ(get.type_name(), "acme.http_get");
  ASSERT_NE(get.definition, nullptr);
  EXPECT_EQ(get.effective_attribute("URL")->value(), "http://x");
}

TEST(Loader, NoBreakSpacesBetweenTokensAreBlanks) {
  // As in SILDC's Assignments (Latin-1 0xA0), which PowerCenter accepts.
  auto r = load_text(export_xml(
      "<WORKFLOW NAME=\"wf\"><TASK NAME=\"Start\" TYPE=\"Start\"/>"
      "<TASK NAME=\"asg\" TYPE=\"Assignment\"><VALUEPAIR EXECORDER=\"1\" NAME=\"$$V\" "
      "VALUE=\"&apos;a\xA0"
      "b&apos; ||\xA0TO_CHAR(1)\"/></TASK>"
      "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>"
      "<TASKINSTANCE NAME=\"asg\" TASKNAME=\"asg\" TASKTYPE=\"Assignment\"/>"
      "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"asg\"/>"
      "<WORKFLOWVARIABLE DATATYPE=\"nstring\" NAME=\"$$V\" USERDEFINED=\"YES\"/></WORKFLOW>",
      "ISO-8859-1"));
  EXPECT_TRUE(r.diagnostics.items().empty());
  const ValuePair& vp = r.workflows.at(0)->root.tasks.at(1).definition->value_pairs.at(0);
  ASSERT_NE(vp.expression, nullptr);
  EXPECT_EQ(vp.value,
            "'a\xC2\xA0"
            "b' ||\xC2\xA0TO_CHAR(1)");
}

TEST(Loader, TheDoctypeIsNeverLoadedAndDefinesNothing) {
  // Real exports name powrmart.dtd, which is never shipped; an internal subset is not used either
  // (no entity expansion, so no "billion laughs").
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- Informatica proprietary -->\n"
      "<!DOCTYPE POWERMART SYSTEM \"powrmart.dtd\" [<!ENTITY big \"x\">]>\n"
      "<POWERMART><REPOSITORY NAME=\"R\"><FOLDER NAME=\"F\"><WORKFLOW NAME=\"wf\" "
      "DESCRIPTION=\"&big;\"><TASKINSTANCE NAME=\"S\" TASKNAME=\"S\" TASKTYPE=\"Start\"/>"
      "</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n";
  const LoadResult r = load_text(xml);
  ASSERT_EQ(r.workflows.size(), 1u);
  EXPECT_EQ(r.workflows[0]->description, "&big;");
}

TEST(Loader, PredefinedVariablesDependOnTheType) {
  EXPECT_TRUE(is_predefined_variable(TaskType::Session, "tgtsuccessrows"));
  EXPECT_FALSE(is_predefined_variable(TaskType::Command, "TgtSuccessRows"));
  EXPECT_TRUE(is_predefined_variable(TaskType::Other, "whatever"));
}

}  // namespace
}  // namespace taskweave::model
