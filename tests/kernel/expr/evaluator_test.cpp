// Operators, literals, precedence, NULL rules and variables, one expression per row.
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class EvaluatorCase : public ExprCaseTest {};

TEST_P(EvaluatorCase, Evaluates) { expect_case(GetParam()); }

constexpr Case kLiterals[] = {
    {"42", "42 (integer)"},
    {"-42", "-42 (integer)"},
    {"3.5", "3.5 (double)"},
    {".5", "0.5 (double)"},
    {"1e3", "1000 (double)"},
    {"2.0", "2 (double)"},
    {"9223372036854775807", "9223372036854775807 (integer)"},
    {"99999999999999999999", "1e+020 (double)"},
    {"'abc'", "abc (string)"},
    {"'it''s'", "it's (string)"},
    {"''", " (string)"},
    {"TRUE", "1 (integer)"},
    {"false", "0 (integer)"},
    {"NULL", "NULL"},
    {"Succeeded", "SUCCEEDED (status)"},
    {"succeeded", "SUCCEEDED (status)"},
    {"NOTSTARTED", "NOTSTARTED (status)"},
    {"Started", "STARTED (status)"},
    {"FAILED", "FAILED (status)"},
    {"Stopped", "STOPPED (status)"},
    {"Aborted", "ABORTED (status)"},
    {"Disabled", "DISABLED (status)"},
    {"", "1 (integer)"},  // an empty condition is TRUE
    {"  -- only a comment", "1 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Literals, EvaluatorCase, ::testing::ValuesIn(kLiterals));

constexpr Case kArithmetic[] = {
    {"1 + 2", "3 (integer)"},
    {"7 - 10", "-3 (integer)"},
    {"6 * 7", "42 (integer)"},
    {"10 / 4", "2.5 (double)"},
    {"10 / 5", "2 (double)"},
    {"13 % 2", "1 (integer)"},  // the Transformation Language Reference's example
    {"1.23 + 4 / 2", "3.23 (double)"},
    {"2.5 * 2", "5 (double)"},
    {"7.5 % 2", "1.5 (double)"},
    {"-(3 + 4)", "-7 (integer)"},
    {"+5", "5 (integer)"},
    {"- -5", "5 (integer)"},
    {"1 / 0", "error: operator '/': division by zero"},
    {"1 % 0", "error: operator '%': division by zero"},
    {"9223372036854775807 + 1", "error: operator '+': integer overflow"},
    {"-9223372036854775807 - 2", "error: operator '-': integer overflow"},
    {"4611686018427387904 * 2", "error: operator '*': integer overflow"},
    {"1 + '2'", "3 (integer)"},  // a string holding a number is used as one
    {"1 + 'x'", "error: operator '+': string 'x' is not a number"},
    {"$s.Status + 1", "error: operator '+': status 'SUCCEEDED' is not a number"},
    {"$$Date - 1", "error: operator '-': date/time '2024-03-15 08:30:00' is not a number"},
    {"$$Count * $$Rate", "17.5 (double)"},
    {"1e308 * 10", "error: operator '*': numeric overflow"},
};
INSTANTIATE_TEST_SUITE_P(Arithmetic, EvaluatorCase, ::testing::ValuesIn(kArithmetic));

constexpr Case kPrecedence[] = {
    {"2 + 3 * 4", "14 (integer)"},
    {"(2 + 3) * 4", "20 (integer)"},
    {"10 - 4 - 3", "3 (integer)"},  // left-associative
    {"2 * 3 % 4", "2 (integer)"},
    {"-2 * 3", "-6 (integer)"},
    {"'a' || 1 + 2", "a3 (string)"},       // + binds tighter than ||
    {"'1' || '2' = '12'", "1 (integer)"},  // || binds tighter than =
    {"1 < 2 = 1", "1 (integer)"},          // < binds tighter than =
    {"1 = 1 AND 2 = 3", "0 (integer)"},
    {"1 = 1 OR 2 = 3 AND 0 = 1", "1 (integer)"},  // AND binds tighter than OR
    {"(1 = 1 OR 2 = 3) AND 0 = 1", "0 (integer)"},
    {"NOT 0 AND 0", "0 (integer)"},
    {"NOT 1 = 0", "1 (integer)"},  // NOT binds tighter than =: (NOT 1) = 0
    {"NOT (1 = 0)", "1 (integer)"},
    {"NOT NOT 1", "1 (integer)"},
    {"1 + 2 > 2 AND 'b' > 'a'", "1 (integer)"},
    {"((((((1))))))", "1 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Precedence, EvaluatorCase, ::testing::ValuesIn(kPrecedence));

constexpr Case kComparison[] = {
    {"1 = 1", "1 (integer)"},
    {"1 = 1.0", "1 (integer)"},
    {"1 <> 2", "1 (integer)"},
    {"1 != 1", "0 (integer)"},
    {"1 ^= 2", "1 (integer)"},
    {"2 > 1", "1 (integer)"},
    {"2 >= 2", "1 (integer)"},
    {"2 < 1", "0 (integer)"},
    {"2 <= 1.5", "0 (integer)"},
    {"'abc' = 'abc'", "1 (integer)"},
    {"'abc' = 'ABC'", "0 (integer)"},  // string comparison is case-sensitive
    {"'abc' < 'abd'", "1 (integer)"},
    {"'B' < 'a'", "1 (integer)"},  // binary order
    {"'5' = 5", "1 (integer)"},
    {"'abc' = 5", "error: operator '=': cannot compare string 'abc' with integer '5'"},
    {"$$Date > TO_DATE('2024-01-01', 'YYYY-MM-DD')", "1 (integer)"},
    {"$$Date = $$Date", "1 (integer)"},
    {"$$Date = '2024-03-15'", "error: operator '=': cannot compare..."},
    {"$s.Status = SUCCEEDED", "1 (integer)"},
    {"$s.Status = Failed", "0 (integer)"},
    {"$s.Status <> FAILED", "1 (integer)"},
    {"$s.Status = 'SUCCEEDED'", "1 (integer)"},
    {"$s.Status = 'succeeded'", "1 (integer)"},
    {"$s.Status = 'done'", "0 (integer)"},
    {"$s.Status > FAILED",
     "error: operator '>': cannot compare status 'SUCCEEDED' with status 'FAILED'"},
    {"$s.Status = 1", "error: operator '=': cannot compare status 'SUCCEEDED' with integer '1'"},
};
INSTANTIATE_TEST_SUITE_P(Comparison, EvaluatorCase, ::testing::ValuesIn(kComparison));

// NULL rules: arithmetic and comparison give NULL, || ignores it, AND/OR are three-valued.
constexpr Case kNulls[] = {
    {"NULL + 1", "NULL"},
    {"8 * 10 - NULL", "NULL"},  // the Reference's example
    {"-NULL", "NULL"},
    {"NULL = NULL", "NULL"},
    {"NULL <> 1", "NULL"},
    {"$$NullVar > 0", "NULL"},
    {"'a' || NULL", "a (string)"},
    {"NULL || 'b'", "b (string)"},
    {"NULL || NULL", "NULL"},
    {"NOT NULL", "NULL"},
    {"NULL AND 1", "NULL"},
    {"NULL AND 0", "0 (integer)"},
    {"0 AND NULL", "0 (integer)"},
    {"NULL OR 1", "1 (integer)"},
    {"1 OR NULL", "1 (integer)"},
    {"NULL OR 0", "NULL"},
    {"NULL OR NULL", "NULL"},
    {"NULL AND NULL", "NULL"},
    {"1 AND 1", "1 (integer)"},
    {"1 AND 0", "0 (integer)"},
    {"0 OR 0", "0 (integer)"},
    {"5 AND -1", "1 (integer)"},
    {"$n.TgtSuccessRows > 0", "NULL"},
    {"$n.StartTime", "NULL"},
};
INSTANTIATE_TEST_SUITE_P(Nulls, EvaluatorCase, ::testing::ValuesIn(kNulls));

constexpr Case kBooleans[] = {
    {"$s.Status AND 1", "1 (integer)"},  // a status as a boolean: TRUE iff SUCCEEDED
    {"$f.Status AND 1", "0 (integer)"},
    {"$x.Status OR 0", "0 (integer)"},
    {"NOT $s.Status", "0 (integer)"},
    {"NOT $n.Status", "1 (integer)"},
    {"$$FlagText AND 1", "1 (integer)"},  // text is read as a number
    {"$$ZeroText OR 0", "0 (integer)"},
    {"'abc' OR 0", "0 (integer)"},
    {"2.5 AND 1", "1 (integer)"},
    {"0 AND 1 / 0", "0 (integer)"},  // AND stops at a FALSE left side
    {"1 OR 1 / 0", "1 (integer)"},   // OR stops at a TRUE left side
    {"1 AND 1 / 0", "error: operator '/': division by zero"},
};
INSTANTIATE_TEST_SUITE_P(Booleans, EvaluatorCase, ::testing::ValuesIn(kBooleans));

constexpr Case kVariables[] = {
    {"$s.TgtSuccessRows", "120 (integer)"},
    {"$S.TGTSUCCESSROWS", "120 (integer)"},  // names are case-insensitive
    {"$s.tgtsuccessrows + 1", "121 (integer)"},
    {"$$TipoCarga", "full (string)"},
    {"$$TIPOCARGA = 'full'", "1 (integer)"},
    {"$PMWorkflowName", "wf_daily (string)"},
    {"$pmworkflowname || '_x'", "wf_daily_x (string)"},
    {"WORKFLOWSTARTTIME", "2026-11-27 09:00:00 (date/time)"},
    {"SYSDATE", "2026-11-27 10:00:00 (date/time)"},
    {"SysTimestamp", "2026-11-27 10:00:00 (date/time)"},
    {"$nosuch.Status", "error: unknown variable $nosuch.Status"},
    {"$$Missing", "error: unknown variable $$Missing"},
    {"SESSSTARTTIME", "error: unknown variable SESSSTARTTIME"},
    {"$d.Condition = TRUE", "1 (integer)"},
    {"$e.Condition = FALSE", "1 (integer)"},
    {"$f.ErrorCode", "127 (integer)"},
    {"$s.ErrorMsg = ''", "1 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Variables, EvaluatorCase, ::testing::ValuesIn(kVariables));

constexpr Case kConcat[] = {
    {"'a' || 'b'", "ab (string)"},
    {"'n=' || 42", "n=42 (string)"},
    {"'x=' || 2.5", "x=2.5 (string)"},
    {"'s=' || $s.Status", "s=SUCCEEDED (string)"},
    {"'d=' || $$Date", "d=03/15/2024 08:30:00 (string)"},  // dates in the default format
    {"'it' || '''s'", "it's (string)"},
};
INSTANTIATE_TEST_SUITE_P(Concat, EvaluatorCase, ::testing::ValuesIn(kConcat));

TEST(IsTrue, FollowsPowerCenter) {
  EXPECT_FALSE(is_true(Value()));
  EXPECT_TRUE(is_true(Value::integer(1)));
  EXPECT_TRUE(is_true(Value::integer(-7)));
  EXPECT_FALSE(is_true(Value::integer(0)));
  EXPECT_FALSE(is_true(Value::real(0.0)));
  EXPECT_TRUE(is_true(Value::real(0.1)));
  EXPECT_TRUE(is_true(Value::status(Status::Succeeded)));
  EXPECT_FALSE(is_true(Value::status(Status::Failed)));
  EXPECT_FALSE(is_true(Value::status(Status::Disabled)));
  EXPECT_TRUE(is_true(Value::string("1")));
  EXPECT_TRUE(is_true(Value::string(" 2.5abc")));
  EXPECT_FALSE(is_true(Value::string("abc")));
  EXPECT_FALSE(is_true(Value::string("")));
}

// One Expr evaluated against different scopes gives each scope's answer.
TEST(Evaluate, ReusesOneParsedExpressionAcrossScopes) {
  auto parsed = parse("$s.TgtSuccessRows > 0 AND $s.Status = SUCCEEDED");
  ASSERT_TRUE(parsed.expr);
  TestScope scope;
  EXPECT_EQ(format_value(evaluate(*parsed.expr, scope).value), "1");
  scope.set("$S.TGTSUCCESSROWS", Value::integer(0));
  EXPECT_EQ(format_value(evaluate(*parsed.expr, scope).value), "0");
  scope.set("$S.TGTSUCCESSROWS", Value::integer(5));
  scope.set("$S.STATUS", Value::status(Status::Failed));
  EXPECT_EQ(format_value(evaluate(*parsed.expr, scope).value), "0");
}

TEST(Evaluate, RejectsOutOfRangeDatesFromTheScope) {
  TestScope scope;
  scope.set("$$DATE", Value::datetime(DateTime{INT64_MAX, 0}));
  EXPECT_EQ(outcome("$$Date", scope),
            "error: variable $$Date holds a date outside the years 1753-9999");
}

TEST(Evaluate, DeepExpressionsUseTheHeapStack) {
  std::string text = "0";
  for (int i = 0; i < 100; ++i) text = "(" + std::to_string(i) + " + " + text + ")";
  EXPECT_EQ(outcome(text), "4950 (integer)");
}

}  // namespace
}  // namespace taskweave::expr::testing
