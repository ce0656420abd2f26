// The connections a session names in its SESSIONEXTENSION/CONNECTIONREFERENCE elements, and the
// SQLite database the `sqlite` runner writes to.
#pragma once

#include <taskweave/sdk.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "session/session_settings.h"

namespace taskweave::plugins::session {

// Connection names, writers' first, each once. A reference with an empty CONNECTIONNAME and a
// VARIABLE ("$DBConnectionDWH") names what the parameter file gives that variable; one that
// does not resolve is left out. The instance's SESSIONEXTENSIONs (overrides) come before the
// definition's.
std::vector<std::string> connection_names(const sdk::Context& ctx);

struct DatabaseChoice {
  std::filesystem::path path;  // absolute
  std::string key;             // the configuration key that gave it
};

// The first of `connection.<NAME>.sqlite` for the session's connections, else the
// `sqlite.database` session setting. Relative paths are relative to the configuration
// directory. Fails naming every key it tried.
sdk::Expected<DatabaseChoice> choose_database(const sdk::Context& ctx,
                                              const SessionSettings& settings,
                                              const std::vector<std::string>& connections);

}  // namespace taskweave::plugins::session
