// Attribute lookup that tolerates the spellings seen in exports and in synthetic files
// ("Filewatch Name" / "Filewatch name", "User Defined Event" / "User defined event").
#pragma once

#include <taskweave/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace taskweave::plugins {

// The task's effective ATTRIBUTE `name`: the host's exact lookup first, else the first ATTRIBUTE
// of the instance, then of the definition, whose NAME equals `name` ignoring case and spaces.
std::optional<std::string> find_attribute(const sdk::Context& ctx, std::string_view name);

}  // namespace taskweave::plugins
