// `taskweave eval EXPR [--var NAME=VALUE[:TYPE]]... [--json]`: evaluates one expression of the
// PowerCenter workflow expression language and prints its value and type (cli-contract.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace taskweave::cli {

// `args` are the arguments after "eval". Returns the exit code: 0 printed a value, 1 run-time
// error (message on `err`), 2 usage or parse error (the expression with a caret under the
// column on `err`).
int run_eval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace taskweave::cli
