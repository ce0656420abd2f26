#include <ostream>

#include "model/graph_analysis.h"
#include "model/plan.h"
#include "model/validator.h"
#include "util/json_writer.h"

namespace taskweave::model {
namespace {

void write_names(util::JsonWriter& json, const Graph& graph, std::span<const TaskIndex> tasks) {
  json.begin_array();
  for (TaskIndex t : tasks) json.value(graph.tasks[t].name);
  json.end_array();
}

void write_analysis(util::JsonWriter& json, const AnalysisSummary& s) {
  json.begin_object();
  json.key("total_tasks").value(static_cast<std::uint64_t>(s.total_tasks));
  json.key("total_links").value(static_cast<std::uint64_t>(s.total_links));
  json.key("max_parallel").value(static_cast<std::uint64_t>(s.max_parallel));
  json.key("depth").value(static_cast<std::uint64_t>(s.depth));
  json.key("task_types").begin_object();
  for (const auto& [type, count] : s.task_types)
    json.key(type).value(static_cast<std::uint64_t>(count));
  json.end_object();
  json.key("has_decisions").value(s.has_decisions);
  json.key("has_parallel_branches").value(s.has_parallel_branches);
  json.end_object();
}

// Nested worklet graphs recurse once per nesting level; validation refuses nesting deeper than
// kMaxWorkletNesting, and `depth` stops a worklet that contains itself here too.
void write_graph(util::JsonWriter& json, const Workflow& workflow, const Graph& graph,
                 std::size_t depth) {
  json.begin_object();
  json.key("name").value(graph.name);
  json.key("kind").value(graph.kind == GraphKind::Workflow ? "workflow" : "worklet");
  json.key("folder").value(workflow.folder);
  if (graph.kind == GraphKind::Workflow)
    json.key("definition_hash").value(workflow.definition_hash_hex());
  json.key("start");
  if (graph.start == kNoTask) {
    json.null();
  } else {
    json.value(graph.tasks[graph.start].name);
  }

  json.key("tasks").begin_array();
  for (const TaskInstance& t : graph.tasks) {
    json.begin_object();
    json.key("name").value(t.name);
    json.key("task_name").value(t.task_name);
    json.key("type").value(t.type_name());
    json.key("enabled").value(t.enabled);
    json.key("reusable").value(t.reusable);
    json.key("join").value(t.join == JoinKind::And ? "and" : "or");
    json.key("fail_parent_if_fails").value(t.fail_parent_if_fails);
    json.key("fail_parent_if_did_not_run").value(t.fail_parent_if_did_not_run);
    json.key("definition_found").value(t.definition != nullptr);
    if (t.worklet && depth < kMaxWorkletNesting) {
      json.key("graph");
      write_graph(json, workflow, *t.worklet, depth + 1);
    }
    json.end_object();
  }
  json.end_array();

  json.key("links").begin_array();
  for (const Link& l : graph.links) {
    json.begin_object();
    json.key("from").value(graph.tasks[l.from].name);
    json.key("to").value(graph.tasks[l.to].name);
    json.key("condition").value(l.condition);
    json.end_object();
  }
  json.end_array();

  const auto analysis = analyze(graph);
  json.key("levels").begin_array();
  if (analysis)
    for (const auto& level : analysis->levels) write_names(json, graph, level);
  json.end_array();
  json.key("critical_path");
  if (analysis) {
    write_names(json, graph, analysis->critical_path);
  } else {
    json.begin_array().end_array();
  }
  json.key("analysis");
  if (analysis) {
    write_analysis(json, analysis->summary);
  } else {
    json.null();
  }
  json.end_object();
}

}  // namespace

void write_plan_json(std::ostream& out, const std::string& file,
                     std::span<const std::shared_ptr<const Workflow>> workflows) {
  util::JsonWriter json(out, 2);
  json.begin_object();
  json.key("file").value(file);
  json.key("workflows").begin_array();
  for (const auto& w : workflows) write_graph(json, *w, w->root, 0);
  json.end_array();
  json.end_object();
  out << '\n';
}

}  // namespace taskweave::model
