#include "model/graph_export.h"

#include <ostream>
#include <string>
#include <vector>

#include "model/validator.h"

namespace taskweave::model {
namespace {

// Every task of the drawing, worklet tasks included, gets an id "n<k>" so names never need
// escaping as identifiers; labels carry the names.
struct DrawnGraph {
  const Graph* graph;
  std::size_t first_id;  // id of graph->tasks[0]
  std::size_t depth;
  std::size_t owner_id;  // id of the Worklet instance that holds it (unused for the root)
};

// Lays out every graph instance (a worklet used twice is drawn twice) with ids, breadth-first.
std::vector<DrawnGraph> lay_out(const Workflow& workflow) {
  std::vector<DrawnGraph> graphs{{&workflow.root, 0, 0, 0}};
  std::size_t next_id = workflow.root.tasks.size();
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    const DrawnGraph current = graphs[i];
    if (current.depth >= kMaxWorkletNesting) continue;
    for (std::size_t t = 0; t < current.graph->tasks.size(); ++t) {
      const Graph* inner = current.graph->tasks[t].worklet;
      if (!inner) continue;
      graphs.push_back({inner, next_id, current.depth + 1, current.first_id + t});
      next_id += inner->tasks.size();
    }
  }
  return graphs;
}

std::string task_label(const TaskInstance& t) {
  std::string label(t.name);
  label += "\n";
  label += t.type_name();
  if (t.join == JoinKind::Or) label += " (OR join)";
  if (!t.enabled) label += " (disabled)";
  if (!t.definition && t.type != TaskType::Start) label += " (definition missing)";
  return label;
}

std::string dot_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string dot_node_attributes(const TaskInstance& t) {
  std::string shape = t.type == TaskType::Start      ? "oval"
                      : t.type == TaskType::Decision ? "diamond"
                      : t.type == TaskType::Worklet  ? "box3d"
                                                     : "box";
  std::string style = "filled";
  if (t.type != TaskType::Start && t.type != TaskType::Decision) style += ",rounded";
  if (!t.definition && t.type != TaskType::Start) style += ",dotted";
  std::string attrs = "shape=" + shape + ", style=\"" + style + "\"";
  attrs += t.enabled ? ", fillcolor=white" : ", fillcolor=gray90, fontcolor=gray50, color=gray60";
  if (t.join == JoinKind::Or) attrs += ", peripheries=2";
  return attrs + ", label=\"" + dot_escape(task_label(t)) + "\"";
}

void write_dot(std::ostream& out, const Workflow& workflow) {
  const std::vector<DrawnGraph> graphs = lay_out(workflow);
  out << "digraph \"" << dot_escape(workflow.name) << "\" {\n"
      << "  rankdir=LR;\n  compound=true;\n"
      << "  node [fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (std::size_t g = 0; g < graphs.size(); ++g) {
    const DrawnGraph& dg = graphs[g];
    const std::string indent(dg.depth == 0 ? 2 : 4, ' ');
    // Clusters are written flat (one per worklet instance) and joined to their instance node
    // by a dashed edge; Graphviz nests clusters only by syntax, which would need recursion.
    if (dg.depth > 0)
      out << "  subgraph cluster_" << g << " {\n    label=\"worklet " << dot_escape(dg.graph->name)
          << "\";\n    style=rounded;\n    color=steelblue;\n";
    for (std::size_t t = 0; t < dg.graph->tasks.size(); ++t)
      out << indent << 'n' << dg.first_id + t << " [" << dot_node_attributes(dg.graph->tasks[t])
          << "];\n";
    for (const Link& l : dg.graph->links) {
      out << indent << 'n' << dg.first_id + l.from << " -> n" << dg.first_id + l.to;
      if (!l.condition.empty()) out << " [label=\"" << dot_escape(l.condition) << "\"]";
      out << ";\n";
    }
    if (dg.depth > 0) {
      out << "  }\n";
      if (dg.graph->start != kNoTask)
        out << "  n" << dg.owner_id << " -> n" << dg.first_id + dg.graph->start
            << " [style=dashed, arrowhead=none, color=steelblue, lhead=cluster_" << g << "];\n";
    }
  }
  out << "}\n";
}

std::string mermaid_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "<br/>";
        break;
      case '\n':
        out += "<br/>";
        break;
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '|':
        out += "#124;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_mermaid(std::ostream& out, const Workflow& workflow) {
  const std::vector<DrawnGraph> graphs = lay_out(workflow);
  out << "flowchart LR\n";
  std::vector<std::string> disabled, or_joins, missing;
  for (std::size_t g = 0; g < graphs.size(); ++g) {
    const DrawnGraph& dg = graphs[g];
    if (dg.depth > 0)
      out << "  subgraph c" << g << "[\"worklet " << mermaid_escape(dg.graph->name) << "\"]\n";
    for (std::size_t t = 0; t < dg.graph->tasks.size(); ++t) {
      const TaskInstance& task = dg.graph->tasks[t];
      const std::string id = "n" + std::to_string(dg.first_id + t);
      const std::string label = mermaid_escape(task_label(task));
      const bool round = task.type == TaskType::Start;
      const bool rhombus = task.type == TaskType::Decision;
      out << "    " << id
          << (round     ? "([\""
              : rhombus ? "{\""
                        : "[\"")
          << label
          << (round     ? "\"])"
              : rhombus ? "\"}"
                        : "\"]")
          << '\n';
      if (!task.enabled) disabled.push_back(id);
      if (task.join == JoinKind::Or) or_joins.push_back(id);
      if (!task.definition && task.type != TaskType::Start) missing.push_back(id);
    }
    for (const Link& l : dg.graph->links) {
      out << "    n" << dg.first_id + l.from << " -->";
      if (!l.condition.empty()) out << "|\"" << mermaid_escape(l.condition) << "\"|";
      out << " n" << dg.first_id + l.to << '\n';
    }
    if (dg.depth > 0) {
      out << "  end\n";
      if (dg.graph->start != kNoTask)
        out << "  n" << dg.owner_id << " -.- n" << dg.first_id + dg.graph->start << '\n';
    }
  }
  out << "  classDef disabled fill:#eeeeee,color:#888888,stroke:#aaaaaa\n"
      << "  classDef orjoin stroke-width:3px,stroke-dasharray:4 2\n"
      << "  classDef missing stroke-dasharray:2 2\n";
  auto classes = [&](const std::vector<std::string>& ids, const char* name) {
    for (const auto& id : ids) out << "  class " << id << ' ' << name << '\n';
  };
  classes(disabled, "disabled");
  classes(or_joins, "orjoin");
  classes(missing, "missing");
}

}  // namespace

void write_graph(std::ostream& out, const Workflow& workflow, GraphFormat format) {
  if (format == GraphFormat::Dot) {
    write_dot(out, workflow);
  } else {
    write_mermaid(out, workflow);
  }
}

}  // namespace taskweave::model
