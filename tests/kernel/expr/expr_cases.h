// Shared fixtures for the table-driven expression tests: a scope with a fixed clock and a
// small set of task, user and built-in variables, and a one-line rendering of an outcome
// ("42 (integer)", "NULL", "error: ...", "parse 1:4: ...") so each case is one table row.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

#include "expr/expr.h"

namespace taskweave::expr::testing {

// 2026-11-27 10:00:00, the clock of every test scope.
DateTime test_now();
DateTime make_date(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                   int32_t nanos = 0);

class TestScope : public Scope {
 public:
  TestScope();  // the standard variables, see expr_cases.cpp
  void set(const std::string& key, Value value) { values_[key] = std::move(value); }
  std::optional<Value> lookup(const VarRef& ref) const override;
  DateTime now() const override { return test_now(); }

 private:
  std::map<std::string, Value> values_;  // by reference_key
};

// "value (type)" or "NULL"; for a failure "error: <message>"; for a parse error
// "parse L:C: <message>".
std::string outcome(std::string_view text, const Scope& scope);
std::string outcome(std::string_view text);

struct Case {
  const char* text;
  const char* expected;  // exact outcome, or a prefix when it ends with "..."
};

inline std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.text; }

// Checks one case: exact match, or prefix match when `expected` ends in "...".
void expect_case(const Case& c);

class ExprCaseTest : public ::testing::TestWithParam<Case> {};

}  // namespace taskweave::expr::testing
