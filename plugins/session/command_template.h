// The `command` runner's command line: a template such as
//   spark-submit --master {master} {jobs_dir}/{mapping}.py
// whose `{name}` placeholders are filled in before `$$` expansion. `${VAR}` is left to the
// shell, and so is a `{` not followed by a name and `}` (`find . -exec rm {} \;`).
#pragma once

#include <taskweave/sdk.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace taskweave::plugins::session {

// Returns the value of a placeholder, or nullopt for an unknown one.
using PlaceholderLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Fills every placeholder; fails naming the first unknown placeholder, with `unknown_hint`
// appended (where such values come from).
sdk::Expected<std::string> fill_template(
    std::string_view text, const PlaceholderLookup& lookup,
    const std::function<std::string(std::string_view name)>& unknown_hint);

}  // namespace taskweave::plugins::session
