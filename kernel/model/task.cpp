#include "model/task.h"

#include "model/text.h"

namespace taskweave::model {

const Attribute* find_attribute(std::span<const Attribute> attributes, std::string_view name) {
  for (const auto& a : attributes)
    if (iequals(a.name(), name)) return &a;
  return nullptr;
}

std::string_view TaskInstance::type_name() const {
  return type == TaskType::Other ? raw_type : task_type_name(type);
}

std::span<const ValuePair> TaskInstance::effective_value_pairs() const {
  if (!value_pairs.empty() || !definition) return value_pairs;
  return definition->value_pairs;
}

const Attribute* TaskInstance::effective_attribute(std::string_view attribute_name) const {
  if (const Attribute* own = find_attribute(attributes, attribute_name)) return own;
  return definition ? definition->attribute(attribute_name) : nullptr;
}

std::vector<Attribute> TaskInstance::effective_attributes() const {
  std::vector<Attribute> merged;
  if (definition) {
    for (const auto& a : definition->attributes) {
      const Attribute* own = find_attribute(attributes, a.name());
      merged.push_back(own ? *own : a);
    }
  }
  for (const auto& a : attributes)
    if (!definition || !definition->attribute(a.name())) merged.push_back(a);
  return merged;
}

}  // namespace taskweave::model
