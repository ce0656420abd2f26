#include "model/reference_check.h"

#include <set>
#include <string>

#include "expr/expr.h"
#include "model/expression_site.h"

namespace taskweave::model {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string graph_label(const Graph& graph) {
  return (graph.kind == GraphKind::Workflow ? "workflow " : "worklet ") + quoted(graph.name);
}

std::string variable_list(TaskType type) {
  std::string out;
  for (std::string_view v : predefined_variables(type))
    out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

class Checker {
 public:
  Checker(const Workflow& workflow, const Graph& graph, Diagnostics& diagnostics)
      : source_(*workflow.source), graph_(graph), diagnostics_(diagnostics) {}

  // Checks one expression, held in `value`, evaluated in this graph's scope.
  void expression(const ParsedExpression& parsed, pugi::xml_attribute value) {
    if (!parsed) return;
    for (const expr::VarRef& ref : parsed->references()) {
      if (ref.kind == expr::VarRef::Kind::TaskVar) {
        task_variable(ref, value);
      } else if (ref.kind == expr::VarRef::Kind::UserVar) {
        user_variable(graph_, ref.name, value, ref.offset, "");
      }
    }
    for (const expr::ParseError& e : parsed->type_errors())
      report(value, e.offset, Severity::Warning, "type-mismatch",
             e.message + "; the expression fails when it runs (a failed condition is FALSE)");
  }

  // A $$ variable in `scope` (this graph, or a worklet for its instance's inputs).
  void user_variable(const Graph& scope, std::string_view name, pugi::xml_attribute value,
                     std::size_t offset, const std::string& context) {
    if (scope.find_variable(name)) return;
    report(value, offset, Severity::Warning, "undeclared-variable",
           context + "variable " + std::string(name) + " is not declared in " + graph_label(scope) +
               "; declare it (WORKFLOWVARIABLE) or make sure the parameter file sets it");
  }

  // The target of an Assignment: a declared $$ variable.
  void assignment_target(const ValuePair& vp) {
    pugi::xml_attribute name = vp.xml.attribute("NAME");
    if (vp.name.substr(0, 2) == "$$") {
      user_variable(graph_, vp.name, name, 0, "assigned ");
      return;
    }
    report(name, 0, Severity::Error, "assign-builtin",
           "cannot assign " + quoted(vp.name) +
               ": an Assignment sets user-defined $$ variables only, not predefined or built-in "
               "ones");
  }

 private:
  void task_variable(const expr::VarRef& ref, pugi::xml_attribute value) {
    auto index = graph_.find_task(ref.task);
    if (!index) {
      report(value, ref.offset, Severity::Error, "unknown-task-reference",
             "$" + ref.task + "." + ref.name + " refers to task " + quoted(ref.task) +
                 ", which is not a task instance of " + graph_label(graph_) +
                 "; an expression can only use the tasks of its own workflow or worklet");
      return;
    }
    const TaskInstance& task = graph_.tasks[*index];
    // An opaque task (definition not exported) might be anything: accept its variables.
    if (!task.definition && task.type != TaskType::Start) return;
    if (is_predefined_variable(task.type, ref.name)) return;
    report(value, ref.offset, Severity::Error, "unknown-task-variable",
           quoted(ref.name) + " is not a variable of " + std::string(task.type_name()) + " task " +
               quoted(task.name) + "; it has " + variable_list(task.type));
  }

  void report(pugi::xml_attribute value, std::size_t offset, Severity severity, std::string code,
              std::string message) {
    diagnostics_.add(expression_diagnostic(source_, value, offset, severity, std::move(code),
                                           std::move(message)));
  }

  const SourceDocument& source_;
  const Graph& graph_;
  Diagnostics& diagnostics_;
};

}  // namespace

void check_references(const Workflow& workflow, const Graph& graph, Diagnostics& diagnostics) {
  Checker check(workflow, graph, diagnostics);
  for (const Link& link : graph.links)
    check.expression(link.parsed_condition, link.xml.attribute("CONDITION"));

  // A definition (or value list) used by several instances of the graph is checked once.
  std::set<const void*> checked;
  for (const TaskInstance& task : graph.tasks) {
    const TaskDefinition* def = task.definition;
    if (def && def->type == TaskType::Decision && checked.insert(def).second) {
      if (const Attribute* condition = def->attribute("Decision Name"))
        check.expression(def->decision_condition, condition->xml.attribute("VALUE"));
    }
    if (task.type == TaskType::Assignment) {
      const std::span<const ValuePair> pairs = task.effective_value_pairs();
      if (!pairs.empty() && checked.insert(pairs.data()).second) {
        for (const ValuePair& vp : pairs) {
          check.assignment_target(vp);
          check.expression(vp.expression, vp.xml.attribute("VALUE"));
        }
      }
    }
    if (task.type == TaskType::Worklet) {
      for (const ValuePair& vp : task.value_pairs) {
        check.expression(vp.expression, vp.xml.attribute("VALUE"));  // parent scope
        if (task.worklet)
          check.user_variable(*task.worklet, vp.name, vp.xml.attribute("NAME"), 0,
                              "worklet input ");
      }
    }
  }
}

}  // namespace taskweave::model
