// Registers `taskweave eval`; the command itself is eval_command.cpp (tested without the CLI).
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "eval_command.h"
#include "subcommand.h"

namespace taskweave::cli {
namespace {

void define_eval_options(Poco::Util::OptionSet& options) {
  options.addOption(Poco::Util::Option("var", "",
                                       "Give a variable: NAME=VALUE[:TYPE] (TYPE: "
                                       "integer, double, string, date/time, status).")
                        .required(false)
                        .repeatable(true)
                        .argument("NAME=VALUE[:TYPE]"));
  options.addOption(Poco::Util::Option("json", "", "Print {\"value\": ..., \"type\": ...}."));
}

// Poco has already parsed the options; hand run_eval the same arguments in canonical form.
int eval_subcommand(const Invocation& invocation) {
  std::vector<std::string> args;
  for (const auto& var : invocation.values("var")) {
    args.emplace_back("--var");
    args.push_back(var);
  }
  if (invocation.has("json")) args.emplace_back("--json");
  args.emplace_back("--");
  args.insert(args.end(), invocation.positional.begin(), invocation.positional.end());
  return run_eval(args, invocation.out, invocation.err);
}

}  // namespace

TW_SUBCOMMAND({"eval", "EXPR [--var NAME=VALUE[:TYPE]]... [--json]",
               "Evaluate a PowerCenter workflow expression and print its value and type",
               define_eval_options, eval_subcommand});

}  // namespace taskweave::cli
