// IIF, DECODE, ISNULL, IS_NUMBER, IS_DATE, IS_SPACES, IN, CHOOSE. Rows marked TLR are the
// Transformation Language Reference's own examples.
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class ConditionalCase : public ExprCaseTest {};

TEST_P(ConditionalCase, Evaluates) { expect_case(GetParam()); }

constexpr Case kIif[] = {
    {"IIF(1 > 0, 'yes', 'no')", "yes (string)"},
    {"IIF(0, 'yes', 'no')", "no (string)"},
    {"IIF(-7, 1, 0)", "1 (integer)"},
    {"IIF(NULL, 1, 0)", "0 (integer)"},                       // a NULL condition is FALSE
    {"IIF(150 > 100, 'John Smith')", "John Smith (string)"},  // TLR
    {"IIF(50 > 100, 'Pierre Bleu')", " (string)"},            // TLR: '' without value2
    {"IIF(NULL > 100, 'Greg Jones')", " (string)"},           // TLR
    {"IIF(50 > 100, 'Pierre Bleu', NULL)", "NULL"},           // TLR
    {"IIF(0, 5)", "0 (integer)"},
    {"IIF(0, 2.5)", "0 (double)"},
    {"IIF(0, SYSDATE)", "NULL"},
    {"IIF(0, $$TipoCarga)", " (string)"},  // type known only at run time
    {"IIF(0, $$Count)", "0 (integer)"},
    {"IIF(0, $$NullVar)", "NULL"},
    {"IIF(1, 'a', 1 / 0)", "a (string)"},  // only the chosen branch runs
    {"IIF(0, 1 / 0, 'b')", "b (string)"},
    {"IIF($$TipoCarga != 'full', 'incr', 'full load')", "full load (string)"},
    {"IIF($s.Status, 'ok', 'ko')", "ok (string)"},
    {"IIF(1 = 2, 'a', IIF(2 = 2, 'b', 'c'))", "b (string)"},
    {"IIF('1', 'y', 'n')", "y (string)"},
};
INSTANTIATE_TEST_SUITE_P(Iif, ConditionalCase, ::testing::ValuesIn(kIif));

constexpr Case kDecode[] = {
    {"DECODE(3, 1, 'one', 3, 'three', 'other')", "three (string)"},
    {"DECODE(5, 1, 'one', 3, 'three')", "NULL"},
    {"DECODE(5, 1, 'one', 'dflt')", "dflt (string)"},
    {"DECODE(NULL, NULL, 'null!', 'x')", "null! (string)"},
    {"DECODE(1, NULL, 'null!', 'x')", "x (string)"},
    {"DECODE('a', 'A', 1, 'a', 2)", "2 (integer)"},
    {"DECODE(TRUE, 1 > 2, 'a', 2 > 1, 'b', 'c')", "b (string)"},
    {"DECODE(2, 1, 1 / 0, 2, 'two')", "two (string)"},  // only the matching result runs
    {"DECODE(1, 1.0, 'one')", "one (string)"},
    {"DECODE($s.Status, FAILED, 1, SUCCEEDED, 2, 0)", "2 (integer)"},
    {"DECODE($$TipoCarga, 'incr', 'I', 'full', 'F')", "F (string)"},
    {"DECODE(1, 2, 3, 4, 5, 6, 7, 8)", "8 (integer)"},
    {"LENGTH(DECODE(1, 1, 'abc')) + 1", "4 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Decode, ConditionalCase, ::testing::ValuesIn(kDecode));

constexpr Case kTests[] = {
    {"ISNULL(NULL)", "1 (integer)"},
    {"ISNULL('')", "0 (integer)"},
    {"ISNULL(0)", "0 (integer)"},
    {"ISNULL($$NullVar)", "1 (integer)"},
    {"ISNULL($n.StartTime)", "1 (integer)"},
    {"IS_NUMBER('123.00')", "1 (integer)"},    // TLR
    {"IS_NUMBER('-3.45e+3')", "1 (integer)"},  // TLR
    {"IS_NUMBER('3.45E-')", "0 (integer)"},    // TLR
    {"IS_NUMBER('    ')", "0 (integer)"},      // TLR
    {"IS_NUMBER('')", "0 (integer)"},          // TLR
    {"IS_NUMBER('+123abc')", "0 (integer)"},   // TLR
    {"IS_NUMBER('  123')", "1 (integer)"},     // TLR
    {"IS_NUMBER('123  ')", "1 (integer)"},     // TLR
    {"IS_NUMBER('ABC')", "0 (integer)"},       // TLR
    {"IS_NUMBER('-ABC')", "0 (integer)"},      // TLR
    {"IS_NUMBER(NULL)", "NULL"},               // TLR
    {"IS_NUMBER(42)", "1 (integer)"},
    {"IS_DATE('02/29/2024 00:00:00')", "1 (integer)"},
    {"IS_DATE('02/29/2023 00:00:00')", "0 (integer)"},
    {"IS_DATE('1998/12/31', 'YYYY/MM/DD')", "1 (integer)"},
    {"IS_DATE('1998/13/31', 'YYYY/MM/DD')", "0 (integer)"},
    {"IS_DATE('12/31/1998', 'YYYY/MM/DD')", "0 (integer)"},
    {"IS_DATE(NULL, 'YYYY')", "NULL"},
    {"IS_DATE('2024', NULL)", "NULL"},
    {"IS_DATE('', 'YYYY')", "0 (integer)"},
    {"IS_DATE('2024', 'QQ')", "error: IS_DATE: argument 2 ('QQ') is not a valid date format..."},
    {"IS_SPACES('Flashlight')", "0 (integer)"},  // TLR
    {"IS_SPACES('      ')", "1 (integer)"},      // TLR
    {"IS_SPACES(NULL)", "NULL"},                 // TLR
    {"IS_SPACES('')", "0 (integer)"},            // TLR: the empty string holds no spaces
    {"IS_SPACES(' ' || CHR(9) || CHR(13) || CHR(10))", "1 (integer)"},
};
INSTANTIATE_TEST_SUITE_P(Tests, ConditionalCase, ::testing::ValuesIn(kTests));

constexpr Case kInChoose[] = {
    {"IN('Orange', 'Apple', 'Orange', 'Pear')", "1 (integer)"},
    {"IN('orange', 'Apple', 'Orange')", "0 (integer)"},     // case-sensitive by default
    {"IN('orange', 'Apple', 'Orange', 0)", "1 (integer)"},  // CaseFlag 0: case-insensitive
    {"IN('orange', 'Apple', 'Orange', 1)", "0 (integer)"},
    {"IN(3, 1, 2, 3)", "1 (integer)"},
    {"IN(5, 1, 2)", "0 (integer)"},
    {"IN(NULL, 1, NULL)", "NULL"},
    {"IN($s.Status, FAILED, SUCCEEDED)", "1 (integer)"},
    {"CHOOSE(2, 'knife', 'fork', 'spoon')", "fork (string)"},
    {"CHOOSE(4, 'knife', 'fork', 'spoon')", "NULL"},
    {"CHOOSE(0, 'knife')", "NULL"},
    {"CHOOSE(NULL, 'knife')", "NULL"},
    {"CHOOSE(1.6, 'a', 'b')", "b (string)"},
    {"CHOOSE('x', 'a')", "error: CHOOSE: argument 1 ('x') is not a number"},
};
INSTANTIATE_TEST_SUITE_P(InChoose, ConditionalCase, ::testing::ValuesIn(kInChoose));

}  // namespace
}  // namespace taskweave::expr::testing
