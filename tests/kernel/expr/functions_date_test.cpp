// ADD_TO_DATE, DATE_DIFF, DATE_COMPARE, GET_DATE_PART, SET_DATE_PART, LAST_DAY, TRUNC and ROUND
// on dates (TLR rows are the Transformation Language Reference's own examples).
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class DateFunctionCase : public ExprCaseTest {};

TEST_P(DateFunctionCase, Evaluates) { expect_case(GetParam()); }

// D(...) in the comments below: TO_DATE('...', 'YYYY-MM-DD HH24:MI:SS').
#define D(text) "TO_DATE('" text "', 'YYYY-MM-DD HH24:MI:SS')"

constexpr Case kAddToDate[] = {
    {"ADD_TO_DATE(" D("1998-01-12 00:00:00") ", 'MM', 1)",
     "1998-02-12 00:00:00 (date/time)"},  // TLR
    {"ADD_TO_DATE(" D("1998-01-31 00:00:00") ", 'MM', 1)",
     "1998-02-28 00:00:00 (date/time)"},  // TLR
    {"ADD_TO_DATE(" D("2024-01-31 10:00:00") ", 'MON', 1)", "2024-02-29 10:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-31 00:00:00") ", 'MONTH', -1)", "2024-02-29 00:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-02-29 00:00:00") ", 'YYYY', 1)", "2025-02-28 00:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-02-29 00:00:00") ", 'YY', -4)", "2020-02-29 00:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-12-31 23:00:00") ", 'DD', 1)", "2025-01-01 23:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'DDD', -1)", "2024-02-29 00:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'HH', -24)", "2024-02-29 00:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'HH24', 36)", "2024-03-02 12:00:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'MI', 90)", "2024-03-01 01:30:00 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'SS', -1)", "2024-02-29 23:59:59 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'MS', 1500)",
     "2024-03-01 00:00:01.500 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'US', -1)",
     "2024-02-29 23:59:59.999999 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'NS', 7)",
     "2024-03-01 00:00:00.000000007 (date/time)"},
    {"ADD_TO_DATE(" D("2024-03-01 00:00:00") ", 'dd', 2.6)", "2024-03-04 00:00:00 (date/time)"},
    {"ADD_TO_DATE(NULL, 'DD', 1)", "NULL"},
    {"ADD_TO_DATE($$Date, 'DD', NULL)", "NULL"},
    {"ADD_TO_DATE($$Date, 'WW', 1)",
     "error: ADD_TO_DATE: argument 2 ('WW') is not a date part (YYYY, MM, DD, HH, MI, SS, MS, US "
     "or NS)"},
    {"ADD_TO_DATE(" D("9999-12-31 00:00:00") ", 'DD', 1)",
     "error: ADD_TO_DATE: the result is outside the years 1753-9999"},
    {"ADD_TO_DATE($$Date, 'SS', 9223372036854775807)",
     "error: ADD_TO_DATE: the result is outside the years 1753-9999"},
    {"ADD_TO_DATE('2024-01-01', 'DD', 1)",
     "error: ADD_TO_DATE: argument 1 ('2024-01-01') is not a date/time"},
};
INSTANTIATE_TEST_SUITE_P(AddToDate, DateFunctionCase, ::testing::ValuesIn(kAddToDate));

constexpr Case kDateDiff[] = {
    {"DATE_DIFF(" D("1997-01-01 00:00:00") ", " D("1997-03-29 12:00:00") ", 'HH')",
     "-2100 (double)"},  // TLR
    {"DATE_DIFF(" D("1997-03-29 12:00:00") ", " D("1997-01-01 00:00:00") ", 'HH12')",
     "2100 (double)"},  // TLR
    {"DATE_DIFF(" D("1997-06-03 13:13:46") ", " D("1996-08-23 16:20:16") ", 'HH24')",
     "6812.89166666667 (double)"},  // TLR
    {"DATE_DIFF(" D("2004-02-19 12:00:00") ", " D("2005-02-19 12:00:00") ", 'HH')",
     "-8784 (double)"},  // TLR
    {"DATE_DIFF(" D("1997-01-01 00:00:00") ", " D("1997-03-29 12:00:00") ", 'DD')",
     "-87.5 (double)"},
    {"DATE_DIFF(" D("2024-01-01 00:01:00") ", " D("2024-01-01 00:00:00") ", 'SS')", "60 (double)"},
    {"DATE_DIFF(" D("2024-01-01 00:01:00") ", " D("2024-01-01 00:00:00") ", 'MI')", "1 (double)"},
    {"DATE_DIFF(" D("2024-01-01 00:00:01") ", " D("2024-01-01 00:00:00") ", 'MS')",
     "1000 (double)"},
    {"DATE_DIFF(" D("2024-01-01 00:00:01") ", " D("2024-01-01 00:00:00") ", 'NS')",
     "1000000000 (double)"},
    // Months: partial months count the days used over that month's length (TLR's Sep 13 ->
    // Feb 19 example: 17/30 + 4 + 19/28, or 19/29 in a leap year).
    {"DATE_DIFF(" D("2023-02-19 00:00:00") ", " D("2022-09-13 00:00:00") ", 'MM')",
     "5.2452380952381 (double)"},
    {"DATE_DIFF(" D("2024-02-19 00:00:00") ", " D("2023-09-13 00:00:00") ", 'MM')",
     "5.22183908045977 (double)"},
    {"DATE_DIFF(" D("2022-09-13 00:00:00") ", " D("2023-02-19 00:00:00") ", 'MON')",
     "-5.2452380952381 (double)"},
    {"DATE_DIFF(" D("2023-02-19 00:00:00") ", " D("2022-09-13 00:00:00") ", 'YYYY')",
     "0.437103174603175 (double)"},
    {"DATE_DIFF(" D("2024-03-20 00:00:00") ", " D("2024-03-05 00:00:00") ", 'MM')",
     "0.483870967741935 (double)"},
    {"DATE_DIFF($$Date, $$Date, 'MM')", "0 (double)"},
    {"DATE_DIFF(NULL, $$Date, 'DD')", "NULL"},
    {"DATE_DIFF($$Date, $$Date, 'XX')",
     "error: DATE_DIFF: argument 3 ('XX') is not a date part..."},
};
INSTANTIATE_TEST_SUITE_P(DateDiff, DateFunctionCase, ::testing::ValuesIn(kDateDiff));

constexpr Case kDateParts[] = {
    {"DATE_COMPARE(" D("2024-01-01 00:00:00") ", $$Date)", "-1 (integer)"},
    {"DATE_COMPARE($$Date, $$Date)", "0 (integer)"},
    {"DATE_COMPARE($$Date, " D("2024-01-01 00:00:00") ")", "1 (integer)"},
    {"DATE_COMPARE(NULL, $$Date)", "NULL"},
    {"GET_DATE_PART($$Date, 'YYYY')", "2024 (integer)"},
    {"GET_DATE_PART($$Date, 'Y')", "2024 (integer)"},
    {"GET_DATE_PART($$Date, 'MM')", "3 (integer)"},
    {"GET_DATE_PART($$Date, 'MON')", "3 (integer)"},
    {"GET_DATE_PART($$Date, 'DD')", "15 (integer)"},
    {"GET_DATE_PART($$Date, 'DY')", "15 (integer)"},
    {"GET_DATE_PART($$Date, 'HH')", "8 (integer)"},
    {"GET_DATE_PART($$Date, 'MI')", "30 (integer)"},
    {"GET_DATE_PART($$Date, 'SS')", "0 (integer)"},
    {"GET_DATE_PART(ADD_TO_DATE($$Date, 'US', 123456), 'MS')", "123 (integer)"},
    {"GET_DATE_PART(ADD_TO_DATE($$Date, 'US', 123456), 'US')", "123456 (integer)"},
    {"GET_DATE_PART(NULL, 'YYYY')", "NULL"},
    {"SET_DATE_PART($$Date, 'YYYY', 2000)", "2000-03-15 08:30:00 (date/time)"},
    {"SET_DATE_PART($$Date, 'MM', 2)", "2024-02-15 08:30:00 (date/time)"},
    {"SET_DATE_PART($$Date, 'DD', 31)", "2024-03-31 08:30:00 (date/time)"},
    {"SET_DATE_PART($$Date, 'HH24', 23)", "2024-03-15 23:30:00 (date/time)"},
    {"SET_DATE_PART($$Date, 'MI', 0)", "2024-03-15 08:00:00 (date/time)"},
    {"SET_DATE_PART($$Date, 'SS', 59)", "2024-03-15 08:30:59 (date/time)"},
    {"SET_DATE_PART($$Date, 'MS', 250)", "2024-03-15 08:30:00.250 (date/time)"},
    {"SET_DATE_PART($$Date, 'MM', 13)",
     "error: SET_DATE_PART: argument 3 (13) is not a valid value for that part of the date"},
    {"SET_DATE_PART(SET_DATE_PART($$Date, 'MM', 2), 'DD', 30)",
     "error: SET_DATE_PART: argument 3 (30)..."},
    {"SET_DATE_PART($$Date, 'YYYY', 1700)", "error: SET_DATE_PART: argument 3 (1700)..."},
    {"SET_DATE_PART($$Date, 'MS', 1000)", "error: SET_DATE_PART: argument 3 (1000)..."},
    {"SET_DATE_PART($$Date, 'DD', NULL)", "NULL"},
    {"LAST_DAY(" D("1998-04-01 00:00:00") ")", "1998-04-30 00:00:00 (date/time)"},  // TLR
    {"LAST_DAY(" D("1998-01-06 00:00:00") ")", "1998-01-31 00:00:00 (date/time)"},  // TLR
    {"LAST_DAY(" D("1996-02-02 00:00:00") ")", "1996-02-29 00:00:00 (date/time)"},  // TLR leap year
    {"LAST_DAY(" D("1998-07-31 00:00:00") ")", "1998-07-31 00:00:00 (date/time)"},  // TLR
    {"LAST_DAY(NULL)", "NULL"},                                                     // TLR
    {"LAST_DAY($$Date)", "2024-03-31 08:30:00 (date/time)"},
    {"SYSTIMESTAMP('SS')", "2026-11-27 10:00:00 (date/time)"},
    {"SYSTIMESTAMP('DD')", "error: SYSTIMESTAMP: argument 1 ('DD') must be SS, MS, US or NS"},
};
INSTANTIATE_TEST_SUITE_P(DateParts, DateFunctionCase, ::testing::ValuesIn(kDateParts));

constexpr Case kTruncRoundDates[] = {
    {"TRUNC(" D("1998-01-15 02:10:30") ", 'Y')", "1998-01-01 00:00:00 (date/time)"},   // TLR
    {"TRUNC(" D("1998-04-19 13:31:20") ", 'MM')", "1998-04-01 00:00:00 (date/time)"},  // TLR
    {"TRUNC(" D("1998-06-20 03:50:04") ", 'D')", "1998-06-20 00:00:00 (date/time)"},   // TLR
    {"TRUNC(" D("1998-12-20 03:50:04") ", 'HH')", "1998-12-20 03:00:00 (date/time)"},  // TLR
    {"TRUNC(" D("1998-12-20 03:50:04") ", 'MI')", "1998-12-20 03:50:00 (date/time)"},  // TLR
    {"TRUNC(" D("1998-12-20 03:50:04") ")", "1998-12-20 00:00:00 (date/time)"},
    {"TRUNC(ADD_TO_DATE($$Date, 'US', 123456), 'MS')", "2024-03-15 08:30:00.123 (date/time)"},
    {"ROUND(" D("1998-01-15 02:10:30") ", 'Y')", "1998-01-01 00:00:00 (date/time)"},      // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ", 'YY')", "1998-01-01 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-06-20 03:50:04") ", 'YYY')", "1998-01-01 00:00:00 (date/time)"},    // TLR
    {"ROUND(" D("1998-12-20 03:50:04") ", 'YYYY')", "1999-01-01 00:00:00 (date/time)"},   // TLR
    {"ROUND(" D("1998-01-15 02:10:30") ", 'MM')", "1998-01-01 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ", 'MM')", "1998-05-01 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-06-20 03:50:04") ", 'MON')", "1998-07-01 00:00:00 (date/time)"},    // TLR
    {"ROUND(" D("1998-12-20 03:50:04") ", 'MONTH')", "1999-01-01 00:00:00 (date/time)"},  // TLR
    {"ROUND(" D("1998-01-15 02:10:30") ", 'DD')", "1998-01-15 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ", 'DD')", "1998-04-20 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-12-31 23:59:59") ", 'DD')", "1999-01-01 00:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-01-15 02:10:30") ", 'HH')", "1998-01-15 02:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ", 'HH')", "1998-04-19 14:00:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-01-15 02:10:30") ", 'MI')", "1998-01-15 02:11:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ", 'MI')", "1998-04-19 13:31:00 (date/time)"},     // TLR
    {"ROUND(" D("1998-04-19 13:31:20") ")", "1998-04-20 00:00:00 (date/time)"},
    {"ROUND(ADD_TO_DATE($$Date, 'MS', 500), 'SS')", "2024-03-15 08:30:01 (date/time)"},
    {"ROUND(" D("9999-12-31 23:00:00") ", 'DD')",
     "error: ROUND: the result is outside the years 1753-9999"},
    {"TRUNC($$Date, 'QQ')", "error: TRUNC: argument 2 ('QQ') is not a date part..."},
};
INSTANTIATE_TEST_SUITE_P(TruncRoundDates, DateFunctionCase, ::testing::ValuesIn(kTruncRoundDates));

}  // namespace
}  // namespace taskweave::expr::testing
