// What the commands that read an export (validate, plan, graph, and run) share: the FILE
// argument and the --workflow / --folder selection.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <optional>
#include <string>

#include "model/xml_loader.h"
#include "subcommand.h"

namespace taskweave::cli {

// Adds --workflow NAME and --folder NAME.
void define_selection_options(Poco::Util::OptionSet& options);
model::Selection selection_from(const Invocation& invocation);

// The one positional FILE argument; otherwise prints a usage error, sets `exit_code` and
// returns nullopt.
std::optional<std::string> file_argument(const Invocation& invocation, const char* command,
                                         int& exit_code);

}  // namespace taskweave::cli
