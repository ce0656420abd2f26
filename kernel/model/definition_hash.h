// The definition hash recovery compares (Workflow::definition_hash).
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <span>

namespace taskweave::model {

// FNV-1a 64 over the subtrees of `roots`, in order: element names, attribute names and values,
// text, and the nesting. Whitespace between elements and the file encoding do not count.
std::uint64_t hash_definition(std::span<const pugi::xml_node> roots);

}  // namespace taskweave::model
