#include "cli_runner.h"

namespace taskweave::testing {

std::vector<std::string> cli_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{TW_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

ProcessResult run_cli(const std::vector<std::string>& args) { return run_process(cli_argv(args)); }

std::string testkit_dir() { return TW_TESTKIT_DIR; }

}  // namespace taskweave::testing
