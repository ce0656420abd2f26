// The `taskweave` command is a set of subcommands, each a small table entry: its options (as a
// Poco::Util::OptionSet) and a function that runs it on the parsed invocation. Each subcommand
// lives in its own cmd_<name>.cpp and registers itself with TW_SUBCOMMAND.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::cli {

// Exit codes shared by every subcommand (cli-contract.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;  // invalid input or usage; nothing ran
inline constexpr int kExitStopped = 3;
inline constexpr int kExitSuspended = 4;

// A parsed command line: positional arguments and options by their full name.
struct Invocation {
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> options;
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path exe_dir;  // directory of the running taskweave binary

  bool has(const std::string& name) const { return options.count(name) > 0; }
  // The last value given for an option (so a later flag overrides an earlier one).
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
};

struct Subcommand {
  const char* name;
  const char* usage;    // after "taskweave <name> ", e.g. "FILE [--json]"
  const char* summary;  // one line for `taskweave --help`
  void (*define_options)(Poco::Util::OptionSet& options);  // may be null
  int (*run)(const Invocation& invocation);
};

// All registered subcommands, sorted by name.
const std::vector<Subcommand>& subcommands();

// Prints "taskweave <name>: <message>" and a hint to stderr; returns kExitUsage.
int usage_error(const Invocation& invocation, const char* subcommand, const std::string& message);

namespace detail {
struct Registrar {
  explicit Registrar(const Subcommand& command);
};
}  // namespace detail

}  // namespace taskweave::cli

#define TW_SUBCOMMAND_CAT2(a, b) a##b
#define TW_SUBCOMMAND_CAT(a, b) TW_SUBCOMMAND_CAT2(a, b)
// Registers a Subcommand at static-initialisation time (the files are linked into the binary
// directly, never through a static library, so the registrar is never dropped). Usage, with
// the braces: TW_SUBCOMMAND({"name", "usage", "summary", define_options, run});
#define TW_SUBCOMMAND(...)                                            \
  static const ::taskweave::cli::detail::Registrar TW_SUBCOMMAND_CAT( \
      tw_registrar_, __LINE__)(::taskweave::cli::Subcommand __VA_ARGS__)
