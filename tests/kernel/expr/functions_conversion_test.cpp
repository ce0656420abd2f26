// TO_CHAR, TO_DATE, TO_INTEGER, TO_BIGINT, TO_DECIMAL, TO_FLOAT (TLR rows are the
// Transformation Language Reference's own examples).
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class ConversionCase : public ExprCaseTest {};

TEST_P(ConversionCase, Evaluates) { expect_case(GetParam()); }

constexpr Case kToChar[] = {
    {"TO_CHAR(1010.99)", "1010.99 (string)"},                             // TLR
    {"TO_CHAR(-15.62567)", "-15.62567 (string)"},                         // TLR
    {"TO_CHAR(10842764968208837340)", "1.08427649682088e+019 (string)"},  // TLR
    {"TO_CHAR(1234567890123456.0)", "1.23456789012346e+015 (string)"},    // TLR
    {"TO_CHAR(236789034569723.0)", "236789034569723 (string)"},           // TLR
    {"TO_CHAR(0)", "0 (string)"},                                         // TLR
    {"TO_CHAR(33.15)", "33.15 (string)"},                                 // TLR
    {"TO_CHAR(NULL)", "NULL"},                                            // TLR
    {"TO_CHAR(1234567890123456)", "1234567890123456 (string)"},           // integers stay exact
    {"TO_CHAR($$Date)", "03/15/2024 08:30:00 (string)"},                  // the default date format
    {"TO_CHAR($$Date, NULL)", "NULL"},
    {"TO_CHAR('abc')", "abc (string)"},
    {"TO_CHAR($s.Status)", "SUCCEEDED (string)"},
    {"TO_CHAR(5, 'YYYY')",
     "error: TO_CHAR: argument 2 ('YYYY') is a format, but formats apply to dates only"},
};
INSTANTIATE_TEST_SUITE_P(ToChar, ConversionCase, ::testing::ValuesIn(kToChar));

constexpr Case kToDate[] = {
    {"TO_DATE('2024-03-15', 'YYYY-MM-DD')", "2024-03-15 00:00:00 (date/time)"},
    {"TO_DATE('03/15/2024 08:30:00')", "2024-03-15 08:30:00 (date/time)"},
    {"TO_DATE('03/15/2024 08:30:00.25')", "2024-03-15 08:30:00.250 (date/time)"},
    {"TO_DATE('03/15/2024')", "2024-03-15 00:00:00 (date/time)"},
    {"TO_DATE(NULL, 'YYYY')", "NULL"},
    {"TO_DATE(NULL)", "NULL"},
    {"TO_DATE('2024', NULL)", "NULL"},
    {"TO_DATE($$Date)", "2024-03-15 08:30:00 (date/time)"},
    {"TO_DATE($$DT_PROCESSAMENTO_WKL, $$MascaraData_WKL)", "2024-03-15 08:30:00 (date/time)"},
    {"TO_DATE('', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('') does not match format 'YYYY-MM-DD': expected a year at "
     "character 1"},
    {"TO_DATE('')",
     "error: TO_DATE: argument 1 ('') does not match the default date format MM/DD/YYYY "
     "HH24:MI:SS"},
    {"TO_DATE('2024-02-30', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('2024-02-30') does not match format 'YYYY-MM-DD': the date is "
     "invalid or outside the years 1753-9999"},
    {"TO_DATE('1700-01-01', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('1700-01-01') does not match format..."},
    {"TO_DATE(5)", "error: TO_DATE: argument 1 (5) is not a string"},
    {"TO_DATE('2024', 'YYYY-QQ')",
     "error: TO_DATE: argument 1 ('2024') does not match format 'YYYY-QQ': unknown format code at "
     "position 6 of 'YYYY-QQ'"},
};
INSTANTIATE_TEST_SUITE_P(ToDate, ConversionCase, ::testing::ValuesIn(kToDate));

constexpr Case kToNumber[] = {
    {"TO_INTEGER('15.6789')", "15 (integer)"},            // TLR
    {"TO_INTEGER('60.2')", "60 (integer)"},               // TLR
    {"TO_INTEGER('118.348')", "118 (integer)"},           // TLR
    {"TO_INTEGER(NULL)", "NULL"},                         // TLR
    {"TO_INTEGER('A12.3Grove')", "0 (integer)"},          // TLR
    {"TO_INTEGER('   123.87')", "123 (integer)"},         // TLR
    {"TO_INTEGER('-15.6789')", "-15 (integer)"},          // TLR
    {"TO_INTEGER('-15.23')", "-15 (integer)"},            // TLR
    {"TO_INTEGER('15.6789', FALSE)", "16 (integer)"},     // TLR
    {"TO_INTEGER('-15.6789', FALSE)", "-16 (integer)"},   // TLR
    {"TO_INTEGER('   123.87', FALSE)", "124 (integer)"},  // TLR
    {"TO_INTEGER('60.2', FALSE)", "60 (integer)"},        // TLR
    {"TO_INTEGER(15.5)", "15 (integer)"},
    {"TO_INTEGER(15.5, FALSE)", "16 (integer)"},
    {"TO_INTEGER('123ab')", "123 (integer)"},
    {"TO_INTEGER(SYSDATE)",
     "error: TO_INTEGER: argument 1 (2026-11-27 10:00:00) cannot be converted to a number"},
    {"TO_INTEGER(1e30)",
     "error: TO_INTEGER: argument 1 (1e+030) is out of the 64-bit integer range"},
    {"TO_BIGINT('9223372036854775807')", "9223372036854775807 (integer)"},
    {"TO_BIGINT('-12.7', FALSE)", "-13 (integer)"},
    {"TO_BIGINT(NULL)", "NULL"},
    {"TO_DECIMAL('15.6789', 3)", "15.679 (double)"},    // TLR
    {"TO_DECIMAL('60.2', 3)", "60.2 (double)"},         // TLR
    {"TO_DECIMAL('-15.6789', 3)", "-15.679 (double)"},  // TLR
    {"TO_DECIMAL('A12.3Grove', 3)", "0 (double)"},      // TLR
    {"TO_DECIMAL(NULL, 3)", "NULL"},                    // TLR
    {"TO_DECIMAL('12.5')", "12.5 (double)"},
    {"TO_DECIMAL(7)", "7 (double)"},
    {"TO_DECIMAL('1', -1)", "error: TO_DECIMAL: argument 2 (-1) must be a scale from 0 to 28"},
    {"TO_FLOAT('15.6789')", "15.6789 (double)"},  // TLR
    {"TO_FLOAT('A12.3Grove')", "0 (double)"},     // TLR
    {"TO_FLOAT(NULL)", "NULL"},                   // TLR
    {"TO_FLOAT(5)", "5 (double)"},
};
INSTANTIATE_TEST_SUITE_P(ToNumber, ConversionCase, ::testing::ValuesIn(kToNumber));

}  // namespace
}  // namespace taskweave::expr::testing
