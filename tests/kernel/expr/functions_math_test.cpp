// ABS, CEIL, FLOOR, MOD, POWER, SQRT, EXP, LN, LOG, SIGN, and TRUNC/ROUND on numbers (TLR rows
// are the Transformation Language Reference's own examples).
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class MathCase : public ExprCaseTest {};

TEST_P(MathCase, Evaluates) { expect_case(GetParam()); }

constexpr Case kMath[] = {
    {"ABS(-100)", "100 (integer)"},
    {"ABS(-3.5)", "3.5 (double)"},
    {"ABS(250 - 300)", "50 (integer)"},
    {"ABS(NULL)", "NULL"},
    {"ABS(-9223372036854775807 - 1)",
     "error: ABS: argument 1 (-9223372036854775808) has no 64-bit absolute value"},
    {"CEIL(39.79)", "40 (double)"},      // TLR
    {"CEIL(125.12)", "126 (double)"},    // TLR
    {"CEIL(74.24)", "75 (double)"},      // TLR
    {"CEIL(-100.99)", "-100 (double)"},  // TLR
    {"CEIL(NULL)", "NULL"},              // TLR
    {"CEIL(5)", "5 (integer)"},
    {"FLOOR(39.79)", "39 (double)"},                                              // TLR
    {"FLOOR(125.12)", "125 (double)"},                                            // TLR
    {"FLOOR(74.24)", "74 (double)"},                                              // TLR
    {"FLOOR(-100.99)", "-101 (double)"},                                          // TLR
    {"FLOOR(NULL)", "NULL"},                                                      // TLR
    {"MOD(8, 5)", "3 (integer)"},                                                 // TLR
    {"MOD(10.00, 2)", "0 (double)"},                                              // TLR
    {"MOD(12.00, 5)", "2 (double)"},                                              // TLR
    {"MOD(9.00, 2)", "1 (double)"},                                               // TLR
    {"MOD(15.00, 3)", "0 (double)"},                                              // TLR
    {"MOD(NULL, 3)", "NULL"},                                                     // TLR
    {"MOD(20.00, NULL)", "NULL"},                                                 // TLR
    {"MOD(25.00, 0)", "error: MOD: argument 2 (0) is zero: cannot divide by 0"},  // TLR: an error
    {"MOD(25.00, IIF(0 = 0, NULL, 0))", "NULL"},                                  // TLR
    {"MOD(-7, 3)", "-1 (integer)"},
    {"POWER(10, 2)", "100 (double)"},
    {"POWER(-3.0, 6)", "729 (double)"},
    {"POWER(5.5, 2.4)", "59.8233122156492 (double)"},
    {"POWER(3, -2)", "0.111111111111111 (double)"},
    {"POWER(-2, 3.5)",
     "error: POWER: argument 2 (3.5) must be a whole number when the base is negative"},
    {"POWER(0, -1)", "error: POWER: argument 2 (-1) cannot be negative when the base is 0"},
    {"POWER(10, 400)", "error: POWER: argument 2 (400) gives a result out of the numeric range"},
    {"POWER(NULL, 2)", "NULL"},
    {"SQRT(100)", "10 (double)"},
    {"SQRT(60.54)", "7.78074546557076 (double)"},
    {"SQRT(-100)", "error: SQRT: argument 1 (-100) is negative"},
    {"SQRT(NULL)", "NULL"},
    {"EXP(2)", "7.38905609893065 (double)"},
    {"EXP(0)", "1 (double)"},
    {"EXP(1000)", "error: EXP: argument 1 (1000) gives a result out of the numeric range"},
    {"EXP(NULL)", "NULL"},
    {"LN(10)", "2.30258509299405 (double)"},
    {"LN(0)", "error: LN: argument 1 (0) must be greater than 0"},
    {"LN(-100)", "error: LN: argument 1 (-100) must be greater than 0"},
    {"LN(NULL)", "NULL"},
    {"LOG(10, 100)", "2 (double)"},
    {"LOG(2, 8)", "3 (double)"},
    {"LOG(1, 5)", "error: LOG: argument 1 (1) must be greater than 0 and not 1"},
    {"LOG(0, 5)", "error: LOG: argument 1 (0) must be greater than 0 and not 1"},
    {"LOG(10, -1)", "error: LOG: argument 2 (-1) must be greater than 0"},
    {"LOG(NULL, 5)", "NULL"},
    {"SIGN(-5)", "-1 (integer)"},
    {"SIGN(0)", "0 (integer)"},
    {"SIGN(2.5)", "1 (integer)"},
    {"SIGN(NULL)", "NULL"},
    {"SQRT('16')", "4 (double)"},
    {"SQRT('x')", "error: SQRT: argument 1 ('x') is not a number"},
};
INSTANTIATE_TEST_SUITE_P(Math, MathCase, ::testing::ValuesIn(kMath));

constexpr Case kTruncRoundNumbers[] = {
    {"TRUNC(12.9995, 3)", "12.999 (double)"},    // TLR
    {"TRUNC(-18.8652, 3)", "-18.865 (double)"},  // TLR
    {"TRUNC(56.9563, 3)", "56.956 (double)"},    // TLR
    {"TRUNC(15.9928, 3)", "15.992 (double)"},    // TLR
    {"TRUNC(12.99, -1)", "10 (double)"},         // TLR
    {"TRUNC(-187.86, -1)", "-180 (double)"},     // TLR
    {"TRUNC(56.95, -1)", "50 (double)"},         // TLR
    {"TRUNC(1235.99, -1)", "1230 (double)"},     // TLR
    {"TRUNC(12.99)", "12 (double)"},             // TLR
    {"TRUNC(-18.99)", "-18 (double)"},           // TLR
    {"TRUNC(56.95)", "56 (double)"},             // TLR
    {"TRUNC(NULL)", "NULL"},                     // TLR
    {"TRUNC(1235, -2)", "1200 (integer)"},
    {"TRUNC(1235, 2)", "1235 (integer)"},
    {"ROUND(12.9936, 3)", "12.994 (double)"},    // TLR
    {"ROUND(15.9949, 3)", "15.995 (double)"},    // TLR
    {"ROUND(-18.8678, 3)", "-18.868 (double)"},  // TLR
    {"ROUND(56.9561, 3)", "56.956 (double)"},    // TLR
    {"ROUND(13242.99, -2)", "13200 (double)"},   // TLR
    {"ROUND(1435.99, -2)", "1400 (double)"},     // TLR
    {"ROUND(-108.95, -2)", "-100 (double)"},     // TLR
    {"ROUND(12.99, 0)", "13 (double)"},          // TLR
    {"ROUND(-15.99, 0)", "-16 (double)"},        // TLR
    {"ROUND(-18.99)", "-19 (double)"},           // TLR
    {"ROUND(56.95)", "57 (double)"},             // TLR
    {"ROUND(NULL)", "NULL"},                     // TLR
    {"ROUND(1250, -2)", "1300 (integer)"},
    {"ROUND(-1250, -2)", "-1300 (integer)"},
    {"ROUND(1249, -2)", "1200 (integer)"},
    {"ROUND(9223372036854775807, -1)",
     "error: ROUND: the result is out of the 64-bit integer range"},
    {"ROUND(2.5)", "3 (double)"},
    {"ROUND('x')", "error: ROUND: argument 1 ('x') is not a number"},
};
INSTANTIATE_TEST_SUITE_P(TruncRoundNumbers, MathCase, ::testing::ValuesIn(kTruncRoundNumbers));

}  // namespace
}  // namespace taskweave::expr::testing
