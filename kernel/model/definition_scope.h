// The task definitions (TASK, SESSION, WORKLET elements) directly inside one container: a
// WORKFLOW or WORKLET (non-reusable definitions) or a FOLDER (reusable ones). Instances find
// their definition by (TASKTYPE, TASKNAME), first in their own container, then in the folder.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <unordered_map>

#include "model/task.h"

namespace taskweave::model {

class DefinitionScope {
 public:
  DefinitionScope() = default;
  explicit DefinitionScope(pugi::xml_node container);

  // The defining element, or a null node.
  pugi::xml_node find(std::string_view task_type, std::string_view task_name) const;

 private:
  std::unordered_map<std::string, pugi::xml_node> by_key_;
};

// Reads a TASK / SESSION / WORKLET element. Expressions are not parsed here.
TaskDefinition read_definition(pugi::xml_node element);

}  // namespace taskweave::model
