// `taskweave eval` (hosts/cli/eval_command.cpp) driven through run_eval directly.
#include "eval_command.h"

#include <gtest/gtest.h>

#include <sstream>

namespace taskweave::cli {
namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run eval(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = run_eval(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(CmdEval, PrintsValueAndType) {
  EXPECT_EQ(eval({"6 * 7"}).out, "42 (integer)\n");
  EXPECT_EQ(eval({"7 / 2"}).out, "3.5 (double)\n");
  EXPECT_EQ(eval({"'abc'"}).out, "abc (string)\n");
  EXPECT_EQ(eval({"TO_DATE('2026-11-27 10:00:00', 'YYYY-MM-DD HH24:MI:SS')"}).out,
            "2026-11-27 10:00:00 (date/time)\n");
  EXPECT_EQ(eval({"Succeeded"}).out, "SUCCEEDED (status)\n");
  auto null = eval({"NULL"});
  EXPECT_EQ(null.code, 0);
  EXPECT_EQ(null.out, "NULL\n");
  EXPECT_EQ(eval({"-1 + 2"}).out,
            "1 (integer)\n");  // a leading '-' is an expression, not an option
}

TEST(CmdEval, PrintsJson) {
  EXPECT_EQ(eval({"6 * 7", "--json"}).out, "{\"value\": 42, \"type\": \"integer\"}\n");
  EXPECT_EQ(eval({"--json", "0.1 + 0.2"}).out,
            "{\"value\": 0.30000000000000004, \"type\": \"double\"}\n");
  EXPECT_EQ(eval({"--json", "'say \"hi\"' || CHR(10)"}).out,
            "{\"value\": \"say \\\"hi\\\"\\n\", \"type\": \"string\"}\n");
  EXPECT_EQ(eval({"--json", "NULL"}).out, "{\"value\": null, \"type\": \"null\"}\n");
  EXPECT_EQ(eval({"--json", "$s.Status", "--var", "$s.Status=failed:status"}).out,
            "{\"value\": \"FAILED\", \"type\": \"status\"}\n");
}

TEST(CmdEval, TakesTypedAndInferredVariables) {
  EXPECT_EQ(eval({"$$N + 1", "--var", "$$N=41"}).out, "42 (integer)\n");
  EXPECT_EQ(eval({"$$N", "--var=$$N=2.5"}).out, "2.5 (double)\n");
  EXPECT_EQ(eval({"$$N", "--var", "$$N=abc"}).out, "abc (string)\n");
  EXPECT_EQ(eval({"$$N", "--var", "$$N=42:string"}).out, "42 (string)\n");
  EXPECT_EQ(eval({"$$N", "--var", "$$N=10:30"}).out, "10:30 (string)\n");  // ':30' is not a type
  EXPECT_EQ(eval({"$$D", "--var", "$$D=2026-11-27 10:00:00:date/time"}).out,
            "2026-11-27 10:00:00 (date/time)\n");
  EXPECT_EQ(eval({"$s.TgtSuccessRows > 0 AND $s.Status = SUCCEEDED", "--var", "$s.TgtSuccessRows=5",
                  "--var", "$S.STATUS=Succeeded:status"})
                .out,
            "1 (integer)\n");
  EXPECT_EQ(eval({"$PMWorkflowName", "--var", "$PMWorkflowName=wf_daily"}).out,
            "wf_daily (string)\n");
  EXPECT_EQ(eval({"TO_CHAR(SYSDATE, 'YYYY')", "--var", "SYSDATE=2030-01-01:date/time"}).out,
            "2030 (string)\n");
}

TEST(CmdEval, RejectsBadUsageWithExit2) {
  auto unknown = eval({"1", "--frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_EQ(unknown.err,
            "taskweave eval: unknown option '--frobnicate' (see 'taskweave eval --help')\n");
  EXPECT_EQ(eval({}).code, 2);
  EXPECT_EQ(eval({"1", "2"}).code, 2);
  EXPECT_EQ(eval({"1", "--var"}).code, 2);
  auto bad_type = eval({"$$N", "--var", "$$N=abc:integer"});
  EXPECT_EQ(bad_type.code, 2);
  EXPECT_EQ(bad_type.err,
            "taskweave eval: --var $$N=abc:integer: cannot convert string 'abc' to integer (see "
            "'taskweave eval --help')\n");
  auto bad_name = eval({"1", "--var", "N=1"});
  EXPECT_EQ(bad_name.code, 2);
  EXPECT_NE(bad_name.err.find("is not a variable"), std::string::npos);
  auto help = eval({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_EQ(help.out.rfind("usage: taskweave eval EXPR", 0), 0u);
}

TEST(CmdEval, ShowsACaretUnderParseErrors) {
  auto r = eval({"1 + (2 * "});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "taskweave eval: parse error at line 1, column 10: expected a value, a variable, a "
            "function call or '(' but found end of expression\n"
            "  1 + (2 * \n"
            "           ^\n");
  auto multi = eval({"$a.Status = Succeeded\r\nAND\r\n\t$b.Status = @"});
  EXPECT_EQ(multi.code, 2);
  EXPECT_EQ(multi.err,
            "taskweave eval: parse error at line 3, column 14: unexpected character '@'\n"
            "  \t$b.Status = @\n"
            "  \t            ^\n");
}

TEST(CmdEval, RunTimeErrorsExit1) {
  auto r = eval({"TO_DATE('', 'YYYY-MM-DD')"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(
      r.err,
      "taskweave eval: TO_DATE: argument 1 ('') does not match format 'YYYY-MM-DD': expected a "
      "year at character 1\n");
  auto missing = eval({"$$X + 1"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "taskweave eval: unknown variable $$X (give it with --var NAME=VALUE)\n");
}

TEST(CmdEval, WarnsAboutStaticTypeErrors) {
  auto r = eval({"1 = 1 OR 'abc' * 2"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "1 (integer)\n");
  EXPECT_EQ(
      r.err,
      "taskweave eval: warning: line 1, column 16: string 'abc' cannot be used in arithmetic\n");
}

}  // namespace
}  // namespace taskweave::cli
