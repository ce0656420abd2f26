#include "model/graph.h"

namespace taskweave::model {

std::optional<TaskIndex> Graph::find_task(std::string_view task_name) const {
  auto it = task_index.find(task_name);
  if (it == task_index.end()) return std::nullopt;
  return it->second;
}

const Variable* Graph::find_variable(std::string_view variable_name) const {
  for (const auto& v : variables)
    if (iequals(v.name, variable_name)) return &v;
  return nullptr;
}

}  // namespace taskweave::model
