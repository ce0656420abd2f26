// LENGTH, SUBSTR, INSTR, CONCAT, LTRIM, RTRIM, UPPER, LOWER, INITCAP, LPAD, RPAD, REPLACESTR,
// REPLACECHR, REVERSE, CHR, ASCII (TLR rows are the Transformation Language Reference's own
// examples).
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class StringCase : public ExprCaseTest {};

TEST_P(StringCase, Evaluates) { expect_case(GetParam()); }

constexpr Case kStrings[] = {
    {"LENGTH('Flashlight')", "10 (integer)"},
    {"LENGTH('')", "0 (integer)"},
    {"LENGTH(NULL)", "NULL"},
    {"LENGTH('Início')", "6 (integer)"},  // characters, not bytes
    {"LENGTH(12345)", "5 (integer)"},
    {"SUBSTR('809-555-0269', 0, 3)", "809 (string)"},       // TLR
    {"SUBSTR('808-555-0269', 5, 8)", "555-0269 (string)"},  // TLR
    {"SUBSTR('abcdef', 3)", "cdef (string)"},
    {"SUBSTR('abcdef', 1, 1)", "a (string)"},
    {"SUBSTR('abcdef', -3, 2)", "de (string)"},
    {"SUBSTR('abcdef', -1)", "f (string)"},
    {"SUBSTR('abc', 5)", " (string)"},
    {"SUBSTR('abcdef', 2, 0)", " (string)"},
    {"SUBSTR('abcdef', 2, -1)", " (string)"},
    {"SUBSTR('Início', 2, 3)", "níc (string)"},
    {"SUBSTR(NULL, 1)", "NULL"},
    {"SUBSTR('abc', NULL)", "NULL"},
    {"INSTR('Blue Fin Aqua Center', 'a')", "13 (integer)"},       // TLR
    {"INSTR('Maco Shark Shop', 'a')", "2 (integer)"},             // TLR
    {"INSTR('Scuba Gear', 'a')", "5 (integer)"},                  // TLR
    {"INSTR('Frank''s Dive Shop', 'a')", "3 (integer)"},          // TLR
    {"INSTR('VIP Diving Club', 'a')", "0 (integer)"},             // TLR
    {"INSTR('Blue Fin Aqua Center', 'a', 1, 2)", "0 (integer)"},  // TLR
    {"INSTR('Maco Shark Shop', 'a', 1, 2)", "8 (integer)"},       // TLR
    {"INSTR('Scuba Gear', 'a', 1, 2)", "9 (integer)"},            // TLR
    {"INSTR('Maco Shark Shop', 'a', -1, 2)", "2 (integer)"},
    {"INSTR('Maco Shark Shop', 'a', -1)", "8 (integer)"},
    {"INSTR('Maco Shark Shop', 'Shop', 0)", "12 (integer)"},
    {"INSTR('abc', 'c', 4)", "0 (integer)"},
    {"INSTR('abc', 'b', 1, 0)", "error: INSTR: argument 4 (0) must be greater than 0"},
    {"INSTR(NULL, 'a')", "NULL"},
    {"CONCAT('abc', 'def')", "abcdef (string)"},
    {"CONCAT(NULL, 'x')", "x (string)"},
    {"CONCAT('x', NULL)", "x (string)"},
    {"CONCAT(NULL, NULL)", "NULL"},
    {"CONCAT('n', 5)", "n5 (string)"},
    {"LTRIM('  Nelson')", "Nelson (string)"},
    {"LTRIM('S. MacDonald', 'S.')", " MacDonald (string)"},  // TLR
    {"LTRIM('Sawyer', 'S.')", "awyer (string)"},             // TLR
    {"LTRIM('H. Bender', 'S.')", "H. Bender (string)"},      // TLR
    {"LTRIM('Steadman', 'S.')", "teadman (string)"},         // TLR
    {"LTRIM(NULL, 'S.')", "NULL"},                           // TLR
    {"RTRIM('Nelson   ')", "Nelson (string)"},
    {"RTRIM('abcxyx', 'xy')", "abc (string)"},
    {"RTRIM('   ')", " (string)"},
    {"UPPER('abc Def')", "ABC DEF (string)"},
    {"LOWER('ABC Def')", "abc def (string)"},
    {"UPPER(NULL)", "NULL"},
    {"INITCAP('ramona')", "Ramona (string)"},                           // TLR
    {"INITCAP('18-albert')", "18-Albert (string)"},                     // TLR
    {"INITCAP('?!SAM')", "?!Sam (string)"},                             // TLR
    {"INITCAP('THOMAS')", "Thomas (string)"},                           // TLR
    {"INITCAP('PierRe')", "Pierre (string)"},                           // TLR
    {"INITCAP(NULL)", "NULL"},                                          // TLR
    {"LPAD('702', 6, '0')", "000702 (string)"},                         // TLR
    {"LPAD('1', 6, '0')", "000001 (string)"},                           // TLR
    {"LPAD('484834', 6, '0')", "484834 (string)"},                      // TLR
    {"LPAD('Flashlight', 16, '*..*')", "*..**.Flashlight (string)"},    // TLR
    {"LPAD('Compass', 16, '*..*')", "*..**..**Compass (string)"},       // TLR
    {"LPAD('Safety Knife', 16, '*..*')", "*..*Safety Knife (string)"},  // TLR
    {"LPAD('alphabetical', 5, 'x')", "alpha (string)"},                 // TLR
    {"LPAD('ab', 4)", "  ab (string)"},
    {"LPAD('ab', -1)", "error: LPAD: argument 2 (-1) must not be negative"},
    {"LPAD('ab', 2000000000)", "error: LPAD: argument 2 (2000000000) is too large"},
    {"RPAD('Flashlight', 16, '.')", "Flashlight...... (string)"},        // TLR
    {"RPAD('Compass', 16, '.')", "Compass......... (string)"},           // TLR
    {"RPAD('Regulator System', 16, '.')", "Regulator System (string)"},  // TLR
    {"RPAD('Flashlight', 16, '..*')", "Flashlight..*..* (string)"},      // TLR
    {"RPAD('Compass', 16, '..*')", "Compass..*..*..* (string)"},         // TLR
    {"RPAD('alphabetical', 5, 'x')", "alpha (string)"},                  // TLR
    {"RPAD(NULL, 5)", "NULL"},
    {"REPLACESTR(1, '\"GET /companyinfo/index.html HTTP/1.1\"', '\"', NULL)",
     "GET /companyinfo/index.html HTTP/1.1 (string)"},              // TLR
    {"REPLACESTR(0, 'Mrs.', 'rs.', 'iss', 's.')", "Ms. (string)"},  // TLR
    {"REPLACESTR(0, 'Miss', 'rs.', 'iss', 's.')", "Ms. (string)"},  // TLR
    {"REPLACESTR(0, 'Mr.', 'rs.', 'iss', 's.')", "Mr. (string)"},   // TLR
    {"REPLACESTR(0, 'MRS.', 'rs.', 'iss', 's.')", "Ms. (string)"},  // TLR
    {"REPLACESTR(1, 'MRS.', 'rs.', 'iss', 's.')", "MRS. (string)"},
    {"REPLACESTR(1, 'abc', 'ab', 'bc', '*')", "*c (string)"},       // TLR
    {"REPLACESTR(1, 'abbc', 'ab', 'bc', '*')", "** (string)"},      // TLR
    {"REPLACESTR(1, 'abbbbc', 'ab', 'bc', '*')", "*bb* (string)"},  // TLR
    {"REPLACESTR(1, 'bc', 'ab', 'bc', '*')", "* (string)"},         // TLR
    {"REPLACESTR(1, 'abc', NULL, '', 'x')", "abc (string)"},
    {"REPLACESTR(1, NULL, 'a', 'x')", "NULL"},
    {"REPLACECHR(0, '[29/Oct/2001:14:13:50 -0700]', '][\"', NULL)",
     "29/Oct/2001:14:13:50 -0700 (string)"},                          // TLR
    {"REPLACECHR(1, 'ABA', 'A', 'M')", "MBM (string)"},               // TLR
    {"REPLACECHR(1, 'abA', 'A', 'M')", "abM (string)"},               // TLR
    {"REPLACECHR(1, 'BBC', 'A', 'M')", "BBC (string)"},               // TLR
    {"REPLACECHR(1, 'ACC', 'A', 'M')", "MCC (string)"},               // TLR
    {"REPLACECHR(0, 'abA', 'A', 'M')", "MbM (string)"},               // TLR
    {"REPLACECHR(1, 'ABA', 'A', NULL)", "B (string)"},                // TLR
    {"REPLACECHR(1, 'ACC', 'A', NULL)", "CC (string)"},               // TLR
    {"REPLACECHR(1, '''Tom''s''', CHR(39), NULL)", "Toms (string)"},  // TLR
    {"REPLACECHR(1, NULL, 'A', 'M')", "NULL"},                        // TLR
    {"REPLACECHR(1, 'abc', NULL, 'x')", "abc (string)"},
    {"REVERSE('Hello')", "olleH (string)"},
    {"REVERSE('Início')", "oicínI (string)"},
    {"REVERSE(NULL)", "NULL"},
    {"CHR(65)", "A (string)"},
    {"CHR(39)", "' (string)"},
    {"CHR(233)", "é (string)"},
    {"CHR(NULL)", "NULL"},
    {"CHR(-1)", "error: CHR: argument 1 (-1) is not a character code"},
    {"ASCII('Apple')", "65 (integer)"},
    {"ASCII('é')", "233 (integer)"},
    {"ASCII('')", "NULL"},
    {"ASCII(NULL)", "NULL"},
    {"LENGTH(RPAD('x', 1048577))", "error: RPAD: argument 2 (1048577) is too large"},
    {"LENGTH(REPLACESTR(1, RPAD('a', 1048576, 'a'), 'a', 'aa'))",
     "error: REPLACESTR: the result would exceed 1048576 bytes"},
    {"LENGTH(RPAD('a', 1048576, 'a') || 'b')",
     "error: operator '||': the result would exceed 1048576 bytes"},
};
INSTANTIATE_TEST_SUITE_P(Strings, StringCase, ::testing::ValuesIn(kStrings));

}  // namespace
}  // namespace taskweave::expr::testing
