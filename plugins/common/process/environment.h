// The environment a child process gets: the host's, with the command's own variables on top.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace taskweave::plugins::process {

// "NAME=VALUE" entries of `base` (a NULL-terminated environ-style array, may be NULL) with
// every `overrides` name replaced or added; a later override of the same name wins.
std::vector<std::string> merged_environment(
    const char* const* base, const std::vector<std::pair<std::string, std::string>>& overrides);

}  // namespace taskweave::plugins::process
