// Expands `$Name` and `$$Name` references in text such as a workflow's `Parameter Filename`
// attribute ("$PMRootDir/params/daily.par"). Values come from the caller (configuration,
// service process variables, environment), looked up by the name with its dollar signs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "expr/result.h"

namespace taskweave::params {

using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

// What a reference the lookup does not know becomes.
enum class UnknownVariable {
  Error,  // an error naming it: a misspelt $PMRootDir in a path is reported, not silently kept
  Keep,   // itself, as written: `$HOME` in a command belongs to the shell
};

// Replaces every reference ('$' or '$$' then a letter or '_', then letters, digits, '_') with
// its value, once (values are not expanded again). A '$' not starting a name stays as it is.
expr::Result<std::string> expand_variables(std::string_view text, const VariableLookup& lookup,
                                           UnknownVariable unknown = UnknownVariable::Error);

}  // namespace taskweave::params
