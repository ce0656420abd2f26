// Builds one Workflow from its WORKFLOW element (internal to the loader): resolves definitions,
// builds the root graph and every worklet graph it reaches, hashes the definition.
#pragma once

#include <pugixml.hpp>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/definition_scope.h"
#include "model/diagnostic.h"
#include "model/workflow.h"

namespace taskweave::model {

class WorkflowBuilder {
 public:
  WorkflowBuilder(const SourceDocument& source, const DefinitionScope& folder_scope,
                  Diagnostics& diagnostics)
      : source_(source), folder_scope_(folder_scope), diagnostics_(diagnostics) {}

  // Fills `workflow` (whose `source`, repository and folder are already set).
  void build(pugi::xml_node workflow_element, Workflow& workflow);

 private:
  struct PendingGraph {
    Graph* graph;
    pugi::xml_node element;
  };

  void build_graph(Graph& graph, pugi::xml_node container);
  void add_instance(Graph& graph, pugi::xml_node element, const DefinitionScope& local);
  void add_link(Graph& graph, pugi::xml_node element);
  const TaskDefinition* definition_for(pugi::xml_node element, bool folder_level);
  void parse_definition_expressions(TaskDefinition& definition);
  const Graph* worklet_graph_for(pugi::xml_node worklet_element);
  std::string graph_label(const Graph& graph) const;

  const SourceDocument& source_;
  const DefinitionScope& folder_scope_;
  Diagnostics& diagnostics_;
  Workflow* workflow_ = nullptr;
  std::deque<PendingGraph> pending_;
  std::unordered_map<const void*, TaskDefinition*> definitions_by_element_;
  std::unordered_map<const void*, Graph*> graphs_by_element_;
  std::vector<pugi::xml_node> folder_definitions_used_;
};

}  // namespace taskweave::model
