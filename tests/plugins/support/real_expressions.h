// Connects a FakeHost to the real expression language (kernel/expr), for plugins whose job is
// to evaluate expressions (Decision, Assignment): their tests then run real PowerCenter
// expressions instead of canned answers. Linked into tests only, never into a plugin.
#pragma once

#include <map>
#include <string>

#include "expr/value.h"
#include "fake_host.h"

namespace taskweave::testing {

// Sets host.eval_hook to parse and evaluate with taskweave::expr, reading `$$X`, `$task.Var`
// and built-ins from host.vars (case-insensitively) and SYSDATE from host.now_seconds, and
// host.set_var_hook to store `$$` variables coerced to their type in `declared` (upper-case
// names; undeclared names keep the value's type), refusing anything but `$$` names.
void use_real_expressions(FakeHost& host, std::map<std::string, expr::Type> declared = {});

// A FakeValue as an expression value and back.
expr::Value to_expr(const FakeValue& value);
FakeValue from_expr(const expr::Value& value);

}  // namespace taskweave::testing
