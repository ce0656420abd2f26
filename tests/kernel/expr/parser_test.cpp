// Syntax: whitespace, comments, case, error positions and messages, references, static checks.
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class ParserCase : public ExprCaseTest {};

TEST_P(ParserCase, Parses) { expect_case(GetParam()); }

constexpr Case kLayout[] = {
    {"$s.Status = Succeeded\r\nAND\r\n$s.TgtSuccessRows > 0", "1 (integer)"},
    {"$s.Status=Succeeded", "1 (integer)"},
    {"  $s.Status  = SUCCEEDED  ", "1 (integer)"},
    {"\t$s.Status\t=\tsucceeded", "1 (integer)"},
    {"$s.Status = Succeeded OR            \r\n$f.Status = Failed", "1 (integer)"},
    {"1 + -- a comment\n 2", "3 (integer)"},
    {"1 + // another comment\r\n 2", "3 (integer)"},
    {"1 + 2 -- trailing comment", "3 (integer)"},
    {"'--not a comment'", "--not a comment (string)"},
    {"'a\r\nb' = 'a\r\nb'", "1 (integer)"},
    {"1 and 1", "1 (integer)"},
    {"0 Or 1", "1 (integer)"},
    {"iif(1, 'y', 'n')", "y (string)"},
    {"To_Char(1)", "1 (string)"},
    {"1 +\xC2\xA0TO_INTEGER('2')", "3 (integer)"},  // a no-break space is a blank
    {"'\xC2\xA0' = CHR(160)", "1 (integer)"},       // ...but kept inside strings
};
INSTANTIATE_TEST_SUITE_P(Layout, ParserCase, ::testing::ValuesIn(kLayout));

// Parse errors name line:column (1-based, CR LF one break) and what was expected.
constexpr Case kErrors[] = {
    {"1 +",
     "parse 1:4: expected a value, a variable, a function call or '(' but found end of expression"},
    {"(1 + 2",
     "parse 1:7: expected ')' to close the '(' at line 1 column 1 but found end of expression"},
    {"1 + 2)", "parse 1:6: expected an operator or the end of the expression but found ')'"},
    {"1 2", "parse 1:3: expected an operator or the end of the expression but found number 2"},
    {"'abc", "parse 1:1: unterminated string literal (missing closing ')"},
    {"\"abc\"", "parse 1:1: string literals use single quotes ('text'), not \""},
    {"1 # 2", "parse 1:3: unexpected character '#'"},
    {"$", "parse 1:1: '$' must be followed by a name"},
    {"$$", "parse 1:1: '$$' must be followed by a variable name"},
    {"$s.", "parse 1:1: '$s.' must be followed by a variable name"},
    {"12abc", "parse 1:1: a number cannot run into a name"},
    {"foo",
     "parse 1:1: unknown name 'foo' (variables are written $task.Var, $$Var or $PMVar; strings in "
     "'quotes')"},
    {"FOO(1)", "parse 1:1: unknown function 'FOO'"},
    {"IIF(1)", "parse 1:1: IIF takes 2 to 3 arguments but was given 1"},
    {"IIF(1, 2, 3, 4)", "parse 1:1: IIF takes 2 to 3 arguments but was given 4"},
    {"LENGTH()", "parse 1:1: LENGTH takes 1 argument but was given 0"},
    {"DECODE(1, 2)", "parse 1:1: DECODE takes 3 or more arguments but was given 2"},
    {"SUBSTR('a', 1, 2, 3)", "parse 1:1: SUBSTR takes 2 to 3 arguments but was given 4"},
    {"LENGTH('a' 'b')",
     "parse 1:12: expected ',' or ')' in the arguments of LENGTH but found string literal"},
    {"LENGTH", "parse 1:7: expected '(' after function name LENGTH"},
    {"AND 1", "parse 1:1: expected a value before 'AND'"},
    {"1 AND",
     "parse 1:6: expected a value, a variable, a function call or '(' but found end of expression"},
    {"$s.Status =\r\nAND", "parse 2:1: expected a value before 'AND'"},
    {"1 +\r\n\r\n  )",
     "parse 3:3: expected a value, a variable, a function call or '(' but found ')'"},
    {"1 +\n\n)", "parse 3:1: expected a value, a variable, a function call or '(' but found ')'"},
    {"'Início' = )",
     "parse 1:12: expected a value, a variable, a function call or '(' but found ')'"},
    {"1 ! 2", "parse 1:3: unexpected character '!'"},
    {"1 | 2", "parse 1:3: unexpected character '|'"},
};
INSTANTIATE_TEST_SUITE_P(Errors, ParserCase, ::testing::ValuesIn(kErrors));

TEST(Parse, ReportsOffsetLineAndColumn) {
  auto r = parse("$a.Status = Succeeded\r\nAND\r\n  $b.Status = @");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 42u);
  EXPECT_EQ(r.error->line, 3u);
  EXPECT_EQ(r.error->column, 15u);
}

TEST(Parse, BoundsNestingInsteadOfOverflowingTheStack) {
  const std::string deep(100000, '(');
  auto r = parse(deep + "1");
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->message.find("nested too deeply"), std::string::npos);
  std::string minuses;
  for (int i = 0; i < 100000; ++i) minuses += "- ";
  auto unary = parse(minuses + "1");
  ASSERT_TRUE(unary.error);
  EXPECT_NE(unary.error->message.find("nested too deeply"), std::string::npos);
  auto nots = parse("NOT " + std::string(100000, ' ') + "1");
  EXPECT_FALSE(nots.error);
}

TEST(Parse, AcceptsNestingUpToTheLimit) {
  const size_t levels = kMaxNesting - 2;
  auto r = parse(std::string(levels, '(') + "7" + std::string(levels, ')'));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(outcome(std::string(levels, '(') + "7" + std::string(levels, ')')), "7 (integer)");
}

TEST(Parse, LongFlatExpressionsAreFine) {
  std::string text = "1";
  for (int i = 0; i < 20000; ++i) text += " + 1";
  EXPECT_EQ(outcome(text), "20001 (integer)");
}

TEST(Parse, ListsReferencesWithOffsets) {
  auto r = parse(
      "$s_load.Status = SUCCEEDED AND $$X > 1 OR $PMWorkflowName = 'w' OR SYSDATE > "
      "WORKFLOWSTARTTIME");
  ASSERT_TRUE(r.expr);
  const auto& refs = r.expr->references();
  ASSERT_EQ(refs.size(), 5u);
  EXPECT_EQ(refs[0].kind, VarRef::Kind::TaskVar);
  EXPECT_EQ(refs[0].task, "s_load");
  EXPECT_EQ(refs[0].name, "Status");
  EXPECT_EQ(refs[0].offset, 0u);
  EXPECT_EQ(refs[0].length, 14u);
  EXPECT_EQ(refs[1].kind, VarRef::Kind::UserVar);
  EXPECT_EQ(refs[1].task, "");
  EXPECT_EQ(refs[1].name, "$$X");
  EXPECT_EQ(refs[1].offset, 31u);
  EXPECT_EQ(refs[1].length, 3u);
  EXPECT_EQ(refs[2].kind, VarRef::Kind::Builtin);
  EXPECT_EQ(refs[2].name, "$PMWorkflowName");
  EXPECT_EQ(refs[3].kind, VarRef::Kind::Builtin);
  EXPECT_EQ(refs[3].name, "SYSDATE");
  EXPECT_EQ(refs[4].name, "WORKFLOWSTARTTIME");
  EXPECT_EQ(reference_key(refs[0]), "$S_LOAD.STATUS");
  EXPECT_EQ(reference_key(refs[2]), "$PMWORKFLOWNAME");
}

TEST(Parse, RepeatedReferencesShareASlot) {
  auto r = parse("$a.Status = Failed OR $A.STATUS = Aborted OR $b.Status = Stopped");
  ASSERT_TRUE(r.expr);
  const auto& refs = r.expr->references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].slot, 0u);
  EXPECT_EQ(refs[1].slot, 0u);
  EXPECT_EQ(refs[2].slot, 1u);
  EXPECT_EQ(r.expr->slot_count(), 2u);
  auto clock = parse("SYSDATE > WORKFLOWSTARTTIME OR sysdate = SYSDATE");
  ASSERT_TRUE(clock.expr);
  ASSERT_EQ(clock.expr->references().size(), 4u);
  EXPECT_EQ(clock.expr->references()[2].slot, 0u);
  EXPECT_EQ(clock.expr->slot_count(), 2u);
}

TEST(Parse, EmptyTextIsAnEmptyTrueCondition) {
  auto r = parse(" \r\n ");
  ASSERT_TRUE(r.expr);
  EXPECT_TRUE(r.expr->empty());
  EXPECT_TRUE(r.expr->references().empty());
  EXPECT_FALSE(parse("1").expr->empty());
}

std::vector<std::string> type_errors(std::string_view text) {
  auto r = parse(text);
  std::vector<std::string> out;
  if (!r.expr) return {"parse error: " + r.error->message};
  for (const auto& e : r.expr->type_errors())
    out.push_back(std::to_string(e.column) + ": " + e.message);
  return out;
}

TEST(Parse, ReportsTypeErrorsKnownBeforeRunning) {
  using V = std::vector<std::string>;
  EXPECT_EQ(type_errors("'abc' * 2"), V{"7: string 'abc' cannot be used in arithmetic"});
  EXPECT_EQ(type_errors("$s.Status + 1"), V{"11: status cannot be used in arithmetic"});
  EXPECT_EQ(type_errors("$s.Status = 1"), V{"11: cannot compare status with integer"});
  EXPECT_EQ(type_errors("$s.Status > Failed"), V{"11: cannot compare status with status"});
  EXPECT_EQ(type_errors("SYSDATE = 'x'"), V{"9: cannot compare date/time with string 'x'"});
  EXPECT_EQ(type_errors("ADD_TO_DATE('2024', 'DD', 1)"),
            V{"13: ADD_TO_DATE: argument 1 must be a date/time, not string '2024'"});
  EXPECT_EQ(type_errors("ABS('x')"), V{"5: ABS: argument 1 must be a number, not string 'x'"});
  EXPECT_EQ(type_errors("-'x'"), V{"1: string 'x' cannot be negated"});
  // Nothing is reported where run-time values decide.
  EXPECT_EQ(type_errors("$$X * 2"), V{});
  EXPECT_EQ(type_errors("'5' * 2"), V{});
  EXPECT_EQ(type_errors("$s.Status = 'SUCCEEDED' AND $s.TgtSuccessRows > 0"), V{});
  EXPECT_EQ(type_errors("ABS($$X)"), V{});
}

TEST(Parse, KnowsResultTypes) {
  EXPECT_EQ(parse("1 = 1").expr->result_type(), Type::Integer);
  EXPECT_EQ(parse("'a' || 'b'").expr->result_type(), Type::String);
  EXPECT_EQ(parse("TO_DATE('2024', 'YYYY')").expr->result_type(), Type::DateTime);
  EXPECT_EQ(parse("10 / 4").expr->result_type(), Type::Double);
  EXPECT_EQ(parse("$$X").expr->result_type(), std::nullopt);
}

}  // namespace
}  // namespace taskweave::expr::testing
