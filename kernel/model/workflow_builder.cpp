#include "model/workflow_builder.h"

#include <string>

#include "model/definition_hash.h"
#include "model/expression_site.h"
#include "model/xml_read.h"

namespace taskweave::model {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string line_of(SourcePos pos) {
  return pos.known() ? " at line " + std::to_string(pos.line) : std::string();
}

}  // namespace

std::string WorkflowBuilder::graph_label(const Graph& graph) const {
  return (graph.kind == GraphKind::Workflow ? "workflow " : "worklet ") + quoted(graph.name);
}

void WorkflowBuilder::build(pugi::xml_node element, Workflow& workflow) {
  workflow_ = &workflow;
  workflow.name = attr(element, "NAME");
  workflow.description = attr(element, "DESCRIPTION");
  workflow.enabled = yes_no(element, "ISENABLED", true);
  workflow.suspend_on_error = yes_no(element, "SUSPEND_ON_ERROR", false);
  if (pugi::xml_node scheduler = element.child("SCHEDULER")) {
    workflow.scheduler.name = attr(scheduler, "NAME");
    workflow.scheduler.reusable = yes_no(scheduler, "REUSABLE", false);
    workflow.scheduler.schedule_type = attr(scheduler.child("SCHEDULEINFO"), "SCHEDULETYPE");
    workflow.scheduler.xml = scheduler;
  }

  workflow.root.kind = GraphKind::Workflow;
  build_graph(workflow.root, element);
  // Worklet graphs are built breadth-first from a queue rather than recursively, so nesting
  // (or a worklet that, through reusable definitions, contains itself) cannot exhaust the stack.
  while (!pending_.empty()) {
    PendingGraph next = pending_.front();
    pending_.pop_front();
    build_graph(*next.graph, next.element);
  }

  if (const Attribute* p = workflow.root.attribute("Parameter Filename"))
    workflow.parameter_filename = p->value();
  std::vector<std::string_view> hashed{source_.element_text(element)};
  for (pugi::xml_node def : folder_definitions_used_) hashed.push_back(source_.element_text(def));
  workflow.definition_hash = hash_texts(hashed);
}

void WorkflowBuilder::build_graph(Graph& graph, pugi::xml_node container) {
  graph.name = attr(container, "NAME");
  graph.xml = container;
  const DefinitionScope local(container);
  std::vector<pugi::xml_node> links;  // after all instances, whatever the element order
  for (pugi::xml_node child : container.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = child.name();
    if (name == "TASKINSTANCE") {
      add_instance(graph, child, local);
    } else if (name == "WORKFLOWLINK") {
      links.push_back(child);
    } else if (name == "WORKFLOWVARIABLE") {
      // Built-in task variables ($task.Status ...) are listed too; they follow from the types.
      if (!yes_no(child, "USERDEFINED", false)) continue;
      graph.variables.push_back({attr(child, "NAME"), attr(child, "DATATYPE"),
                                 attr(child, "DEFAULTVALUE"), attr(child, "DESCRIPTION"),
                                 yes_no(child, "ISNULL", false),
                                 yes_no(child, "ISPERSISTENT", false), child});
    } else if (name == "WORKFLOWEVENT") {
      graph.events.push_back({attr(child, "NAME"), attr(child, "DESCRIPTION"), child});
    } else if (name == "ATTRIBUTE") {
      graph.attributes.push_back({child});
    }
  }
  for (pugi::xml_node link : links) add_link(graph, link);
  if (graph.start == kNoTask)
    diagnostics_.error(
        "no-start", source_.position(container),
        graph_label(graph) +
            " has no Start task; add a TASKINSTANCE with TASKTYPE=\"Start\" and link "
            "it to the first tasks");
}

void WorkflowBuilder::add_instance(Graph& graph, pugi::xml_node element,
                                   const DefinitionScope& local) {
  TaskInstance task;
  task.name = attr(element, "NAME");
  task.task_name = attr(element, "TASKNAME");
  task.raw_type = attr(element, "TASKTYPE");
  task.type = task_type_from_string(task.raw_type);
  task.description = attr(element, "DESCRIPTION");
  task.enabled = yes_no(element, "ISENABLED", true);
  task.reusable = yes_no(element, "REUSABLE", false);
  task.join = yes_no(element, "TREAT_INPUTLINK_AS_AND", true) ? JoinKind::And : JoinKind::Or;
  task.fail_parent_if_fails = yes_no(element, "FAIL_PARENT_IF_INSTANCE_FAILS", false);
  task.fail_parent_if_did_not_run = yes_no(element, "FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN", false);
  task.xml = element;

  if (task.name.empty()) {
    diagnostics_.error("missing-name", source_.position(element),
                       "TASKINSTANCE in " + graph_label(graph) +
                           " has no NAME; every instance needs a name unique in its graph");
    return;
  }
  const auto index = static_cast<TaskIndex>(graph.tasks.size());
  auto [existing, inserted] = graph.task_index.emplace(task.name, index);
  if (!inserted) {
    const TaskInstance& first = graph.tasks[existing->second];
    diagnostics_.error(
        "duplicate-task", source_.position(element.attribute("NAME")),
        "duplicate task instance name " + quoted(task.name) + " in " + graph_label(graph) +
            (first.name == task.name
                 ? ""
                 : " (names are case-insensitive: " + quoted(first.name) + " is the same name)") +
            "; the first is" + line_of(source_.position(first.xml)) +
            "; rename one of them (links and conditions use instance names)");
    return;
  }
  if (task.type == TaskType::Start) {
    if (graph.start == kNoTask) {
      graph.start = index;
    } else {
      const TaskInstance& first = graph.tasks[graph.start];
      diagnostics_.error("several-start", source_.position(element),
                         graph_label(graph) + " has a second Start task " + quoted(task.name) +
                             " (the first is " + quoted(first.name) +
                             line_of(source_.position(first.xml)) +
                             "); a graph has exactly one, remove this one");
    }
  }

  bool folder_level = false;
  pugi::xml_node def = local.find(task.raw_type, task.task_name);
  if (!def) {
    def = folder_scope_.find(task.raw_type, task.task_name);
    folder_level = static_cast<bool>(def);
  }
  if (def) {
    task.definition = definition_for(def, folder_level);
    if (task.type == TaskType::Worklet) task.worklet = worklet_graph_for(def);
  } else if (task.type != TaskType::Start) {
    // Real exports leave reusable worklets and sessions of other exports out; the task stays in
    // the graph as an opaque node (its plugin decides at run time).
    diagnostics_.warning(
        "missing-definition", source_.position(element.attribute("TASKNAME")),
        std::string(task.reusable ? "reusable " : "") + std::string(task.type_name()) + " " +
            quoted(task.task_name) + " used by task instance " + quoted(task.name) +
            " is not defined in this export; it is kept as an opaque task that fails at run time "
            "(except with --dry-run); export it together with the workflow to run it");
  }
  task.value_pairs = read_value_pairs(element);
  if (task.type == TaskType::Worklet || task.type == TaskType::Assignment) {
    for (ValuePair& vp : task.value_pairs)
      vp.expression =
          parse_expression(source_, vp.xml.attribute("VALUE"),
                           (task.type == TaskType::Worklet ? "the value of worklet input "
                                                           : "the value assigned to ") +
                               std::string(vp.name) + " by task instance " + quoted(task.name),
                           diagnostics_);
  }
  task.attributes = read_attributes(element);
  graph.tasks.push_back(std::move(task));
}

void WorkflowBuilder::add_link(Graph& graph, pugi::xml_node element) {
  Link link;
  link.condition = attr(element, "CONDITION");
  link.xml = element;
  bool ok = true;
  for (const char* end : {"FROMTASK", "TOTASK"}) {
    pugi::xml_attribute a = element.attribute(end);
    auto index = graph.find_task(a.value());
    if (index) {
      (end[0] == 'F' ? link.from : link.to) = *index;
      continue;
    }
    ok = false;
    diagnostics_.error("unknown-task", a ? source_.position(a) : source_.position(element),
                       !a ? std::string("link in ") + graph_label(graph) + " has no " + end +
                                " attribute; a WORKFLOWLINK needs FROMTASK and TOTASK"
                          : "link " + std::string(end) + " names " + quoted(a.value()) +
                                ", which is not a task instance of " + graph_label(graph) +
                                "; use the NAME of a TASKINSTANCE in the same graph");
  }
  if (!ok) return;
  link.parsed_condition =
      parse_expression(source_, element.attribute("CONDITION"),
                       "the condition of link " + quoted(graph.tasks[link.from].name) + " -> " +
                           quoted(graph.tasks[link.to].name),
                       diagnostics_);
  const auto index = static_cast<LinkIndex>(graph.links.size());
  graph.tasks[link.from].out_links.push_back(index);
  graph.tasks[link.to].in_links.push_back(index);
  graph.links.push_back(link);
}

const TaskDefinition* WorkflowBuilder::definition_for(pugi::xml_node element, bool folder_level) {
  auto [it, inserted] = definitions_by_element_.emplace(element.internal_object(), nullptr);
  if (!inserted) return it->second;
  auto def = std::make_unique<TaskDefinition>(read_definition(element));
  parse_definition_expressions(*def);
  it->second = def.get();
  workflow_->definitions.push_back(std::move(def));
  if (folder_level) folder_definitions_used_.push_back(element);
  return it->second;
}

void WorkflowBuilder::parse_definition_expressions(TaskDefinition& def) {
  if (def.type == TaskType::Decision) {
    if (const Attribute* condition = def.attribute("Decision Name"))
      def.decision_condition =
          parse_expression(source_, condition->xml.attribute("VALUE"),
                           "the condition of Decision " + quoted(def.name), diagnostics_);
  } else if (def.type == TaskType::Assignment) {
    for (ValuePair& vp : def.value_pairs)
      vp.expression = parse_expression(
          source_, vp.xml.attribute("VALUE"),
          "the value assigned to " + std::string(vp.name) + " by Assignment " + quoted(def.name),
          diagnostics_);
  }
}

const Graph* WorkflowBuilder::worklet_graph_for(pugi::xml_node element) {
  if (!is_element(element, "WORKLET")) return nullptr;
  auto [it, inserted] = graphs_by_element_.emplace(element.internal_object(), nullptr);
  if (!inserted) return it->second;
  auto graph = std::make_unique<Graph>();
  graph->kind = GraphKind::Worklet;
  graph->name = attr(element, "NAME");
  it->second = graph.get();
  pending_.push_back({graph.get(), element});
  workflow_->worklet_graphs.push_back(std::move(graph));
  return it->second;
}

}  // namespace taskweave::model
