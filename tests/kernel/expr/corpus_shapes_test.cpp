// Every condition, Decision and Assignment expression shape seen in the PowerCenter corpus
// (shared/docs/powercenter-format.md §6-§7), evaluated with known task states.
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class CorpusShapeCase : public ExprCaseTest {};

TEST_P(CorpusShapeCase, Evaluates) { expect_case(GetParam()); }

// $s SUCCEEDED with 120 target rows; $f FAILED; $n NOTSTARTED; $x DISABLED; $$TipoCarga 'full'.
constexpr Case kLinkConditions[] = {
    {"$f.Status = Failed\r\nOR\r\n$f.Status = Aborted\r\nOR\r\n$f.Status = Stopped", "1 (integer)"},
    {"$s.Status = Failed\r\nOR\r\n$s.Status = Aborted\r\nOR\r\n$s.Status = Stopped", "0 (integer)"},
    {"$f.Status= Failed\r\nOR\r\n$f.Status = Aborted\r\nOR\r\n$f.Status= Stopped", "1 (integer)"},
    {"$s.Status = Failed\r\nOR\r\n$s.Status = Aborted\r\nOR \r\n$s.Status = Stopped",
     "0 (integer)"},
    {" $f.Status = Failed\r\nOR\r\n$f.Status = Aborted\r\nOR\r\n$f.Status = Stopped",
     "1 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded", "1 (integer)"},
    {"$n.TgtSuccessRows > 0 \r\nAND\r\n$n.Status = Succeeded", "0 (integer)"},  // NULL AND FALSE
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status=Succeeded", "1 (integer)"},
    {"$s.Status = Succeeded", "1 (integer)"},
    {"$s.Status = SUCCEEDED", "1 (integer)"},
    {"$s.Status = succeeded", "1 (integer)"},
    {"$s.Status= Succeeded", "1 (integer)"},
    {"$s.Status=succeeded", "1 (integer)"},
    {"$s.Status  = Succeeded", "1 (integer)"},
    {"$s.Status  = SUCCEEDED", "1 (integer)"},
    {" $s.Status = Succeeded", "1 (integer)"},
    {"$f.Status = Succeeded", "0 (integer)"},
    {"$$AtributoPF", "1 (integer)"},
    {"$d.Condition = TRUE", "1 (integer)"},
    {"$d.Condition= TRUE", "1 (integer)"},
    {"$e.Condition = FALSE", "1 (integer)"},
    {"$d.Condition = FALSE", "0 (integer)"},
    {"$s.TgtSuccessRows = 0", "0 (integer)"},
    {"$s.Status = SUCCEEDED AND $s.SrcSuccessRows=0", "1 (integer)"},
    {"$x.Status = Succeeded OR $x.Status = Disabled", "1 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nAND\r\n$$TipoCarga = 'full'",
     "1 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nand $$TipoCarga='incr'",
     "0 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nand $$TipoCarga='full'",
     "1 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nAND\r\n$$TipoCarga <> 'full'",
     "0 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nAND\r\n$$TipoCarga != 'full'",
     "0 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nand \r\n$$TipoCarga !='full'",
     "0 (integer)"},
    {"$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded\r\nand $$TipoCarga ='full'",
     "1 (integer)"},
    {"$$TipoCarga = 'full'\r\nAND\r\n$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded",
     "1 (integer)"},
    {"$$TipoCarga <> 'full'\r\nAND\r\n$s.TgtSuccessRows > 0 \r\nAND\r\n$s.Status = Succeeded",
     "0 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(LinkConditions, CorpusShapeCase, ::testing::ValuesIn(kLinkConditions));

constexpr Case kDecisions[] = {
    {"$s.Status and\r\n$s.Status and\r\n(\r\n$d.Condition = TRUE or\r\n$e.Condition = TRUE "
     "or\r\n$f.Status\r\n)",
     "1 (integer)"},
    {"$s.Status and\r\n$f.Status and\r\n(\r\n$d.Condition = TRUE\r\n)", "0 (integer)"},
    {"$s.Status and\r\n(\r\n$e.Condition = TRUE or\r\n$f.Status\r\n)", "0 (integer)"},
    {"$f.Status = FAILED or\r\n$s.Status = FAILED or\r\n$n.Status = FAILED", "1 (integer)"},
    {"$s.Status = FAILED or\r\n$n.Status = FAILED or\r\n$x.Status = FAILED", "0 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Decisions, CorpusShapeCase, ::testing::ValuesIn(kDecisions));

constexpr Case kAssignments[] = {
    {"1000", "1000 (integer)"},
    {"0", "0 (integer)"},
    {" 1032", "1032 (integer)"},
    {"$$NU_EXECUCAO_WKF", "42 (integer)"},
    {"$$URL_CONTROLE", "http://ctl.example/api (string)"},
    {"'1=1'", "1=1 (string)"},
    {"$s.TgtSuccessRows", "120 (integer)"},
    {"$s.TgtSuccessRows\r\n", "120 (integer)"},
    {"$s.ErrorMsg", " (string)"},
    {"TO_CHAR(TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKL),'YYYYMMDDHH24MISS')",
     "20240315083000 (string)"},
    {"'ARC.X.AA_BASE||ARC.X.MM_BASE = ' || "
     "TO_INTEGER(TO_CHAR(ADD_TO_DATE(TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKF),'HH', "
     "-24),'YYYYMM')) || ' '",
     "ARC.X.AA_BASE||ARC.X.MM_BASE = 202403  (string)"},
    {"IIF($$TipoCarga != 'full', 'ROW CHANGE TIMESTAMP FOR T BETWEEN ' || CHR(39) || "
     "TO_CHAR(ADD_TO_DATE( TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKF), 'HH', -24 "
     "),'YYYY-MM-DD HH24:MI:SS.NS' ) "
     "|| CHR(39) , 'ROW CHANGE TIMESTAMP FOR T < ' || CHR(39) || "
     "TO_CHAR(TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKF),'YYYY-MM-DD HH24:MI:SS.NS') || "
     "CHR(39))",
     "ROW CHANGE TIMESTAMP FOR T < '2024-03-15 08:30:00.000000000' (string)"},
    {"IIF($$TipoCarga!='full','(T.DT BETWEEN DATE(' || CHR(39) || TO_CHAR(ADD_TO_DATE( "
     "TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKL), 'HH', -96 ),'YYYY-MM-DD')  || CHR(39) || "
     "'))', '1=1')",
     "1=1 (string)"},
    {"$$URL_CONTROLE||' '||$$TipoCarga||' > '||'2>&1'",
     "http://ctl.example/api full > 2>&1 (string)"},
};
INSTANTIATE_TEST_SUITE_P(Assignments, CorpusShapeCase, ::testing::ValuesIn(kAssignments));

// With $$TipoCarga = 'incr' the first branch of the long IIF is taken.
TEST(CorpusShapes, IncrementalBranch) {
  TestScope scope;
  scope.set("$$TIPOCARGA", Value::string("incr"));
  EXPECT_EQ(
      outcome("IIF($$TipoCarga != 'full', 'BETWEEN ' || CHR(39) || "
              "TO_CHAR(ADD_TO_DATE(TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKF), 'HH', -24),"
              "'YYYY-MM-DD HH24:MI:SS.NS') || CHR(39), '')",
              scope),
      "BETWEEN '2024-03-14 08:30:00.000000000' (string)");
}

}  // namespace
}  // namespace taskweave::expr::testing
