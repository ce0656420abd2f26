// The definition hash recovery compares (Workflow::definition_hash).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace taskweave::model {

// A 64-bit hash of texts (the parsed text of the workflow element and of the folder-level
// definitions it uses), 8 bytes per step. Change detection only, not security.
std::uint64_t hash_texts(std::span<const std::string_view> texts);

}  // namespace taskweave::model
