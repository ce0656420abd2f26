// Date format strings both ways: TO_CHAR with every code, TO_DATE with every code, and
// round trips. The sample date is Tuesday 2024-03-05 14:07:09.123456789 (day 65, JDN 2460375).
#include "expr/date_format.h"
#include "expr/calendar.h"
#include "expr_cases.h"

namespace taskweave::expr::testing {
namespace {

class DateFormatCase : public ExprCaseTest {};

TEST_P(DateFormatCase, Evaluates) { expect_case(GetParam()); }

#define SAMPLE "TO_DATE('2024-03-05 14:07:09.123456789', 'YYYY-MM-DD HH24:MI:SS.NS')"
#define FMT(f) "TO_CHAR(" SAMPLE ", '" f "')"

constexpr Case kToChar[] = {
    {FMT("YYYY"), "2024 (string)"},
    {FMT("YYY"), "024 (string)"},
    {FMT("YY"), "24 (string)"},
    {FMT("Y"), "4 (string)"},
    {FMT("RR"), "24 (string)"},
    {FMT("MM"), "03 (string)"},
    {FMT("MON"), "MAR (string)"},
    {FMT("Mon"), "Mar (string)"},
    {FMT("mon"), "mar (string)"},
    {FMT("MONTH"), "MARCH (string)"},
    {FMT("Month"), "March (string)"},
    {FMT("DD"), "05 (string)"},
    {FMT("DDD"), "065 (string)"},
    {FMT("DY"), "TUE (string)"},
    {FMT("Dy"), "Tue (string)"},
    {FMT("DAY"), "TUESDAY (string)"},
    {FMT("day"), "tuesday (string)"},
    {FMT("D"), "3 (string)"},
    {FMT("HH"), "02 (string)"},
    {FMT("HH12"), "02 (string)"},
    {FMT("HH24"), "14 (string)"},
    {FMT("MI"), "07 (string)"},
    {FMT("SS"), "09 (string)"},
    {FMT("SSSSS"), "50829 (string)"},
    {FMT("MS"), "123 (string)"},
    {FMT("US"), "123456 (string)"},
    {FMT("NS"), "123456789 (string)"},
    {FMT("AM"), "PM (string)"},
    {FMT("pm"), "pm (string)"},
    {FMT("A.M."), "P.M. (string)"},
    {FMT("J"), "2460375 (string)"},
    {FMT("YYYY/MM/DD"), "2024/03/05 (string)"},
    {FMT("MM/DD/YYYY HH24:MI:SS"), "03/05/2024 14:07:09 (string)"},
    {FMT("YYYYMMDDHH24MISS"), "20240305140709 (string)"},
    {FMT("YYYY-MM-DD HH24:MI:SS.NS"), "2024-03-05 14:07:09.123456789 (string)"},
    {FMT("DD-MON-YY"), "05-MAR-24 (string)"},
    {FMT("HH12:MI AM"), "02:07 PM (string)"},
    {FMT("Mon DD, YYYY"), "Mar 05, 2024 (string)"},
    {FMT("\"Q\"YYYY"), "Q2024 (string)"},
    {FMT("YYYY_MM;DD"), "2024_03;05 (string)"},
    {"TO_CHAR(TO_DATE('2024-03-05 00:30:00', 'YYYY-MM-DD HH24:MI:SS'), 'HH12 AM')",
     "12 AM (string)"},
    {"TO_CHAR(TO_DATE('1753-01-01', 'YYYY-MM-DD'), 'DAY J')", "MONDAY 2361331 (string)"},
    {FMT("YYYY-QQ"),
     "error: TO_CHAR: argument 2 ('YYYY-QQ') is not a valid date format: unknown format code at "
     "position 6 of 'YYYY-QQ'"},
    {FMT("\"open"),
     "error: TO_CHAR: argument 2 ('\"open') is not a valid date format: unterminated quoted text "
     "at position 1"},
};
INSTANTIATE_TEST_SUITE_P(ToChar, DateFormatCase, ::testing::ValuesIn(kToChar));

constexpr Case kToDate[] = {
    {"TO_DATE('05-MAR-24', 'DD-MON-YY')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('05-mar-99', 'DD-MON-RR')",
     "1999-03-05 00:00:00 (date/time)"},  // RR: 50-99 -> 1900s now
    {"TO_DATE('05-MAR-24', 'DD-MON-RR')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('March 5, 2024', 'MONTH DD, YYYY')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('Mar 5, 2024', 'MONTH DD, YYYY')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('Tuesday 2024-03-05', 'DAY YYYY-MM-DD')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('TUE 2024-03-05', 'DY YYYY-MM-DD')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('3 2024-03-05', 'D YYYY-MM-DD')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('2024065', 'YYYYDDD')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('2024-03-05 02:07:09 PM', 'YYYY-MM-DD HH:MI:SS AM')",
     "2024-03-05 14:07:09 (date/time)"},
    {"TO_DATE('2024-03-05 12:00:00 a.m.', 'YYYY-MM-DD HH12:MI:SS P.M.')",
     "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('2024-03-05 50829', 'YYYY-MM-DD SSSSS')", "2024-03-05 14:07:09 (date/time)"},
    {"TO_DATE('2024-03-05 14:07:09.123', 'YYYY-MM-DD HH24:MI:SS.MS')",
     "2024-03-05 14:07:09.123 (date/time)"},
    {"TO_DATE('2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US')",
     "2024-03-05 14:07:09.123456 (date/time)"},
    {"TO_DATE('2024-03-05 14:07:09.123456789', 'YYYY-MM-DD HH24:MI:SS.NS')",
     "2024-03-05 14:07:09.123456789 (date/time)"},
    {"TO_DATE('2024-03-05 14:07:09.5', 'YYYY-MM-DD HH24:MI:SS.NS')",
     "2024-03-05 14:07:09.500 (date/time)"},
    {"TO_DATE('2460375', 'J')", "2024-03-05 00:00:00 (date/time)"},
    {"TO_DATE('20240305140709', 'YYYYMMDDHH24MISS')", "2024-03-05 14:07:09 (date/time)"},
    {"TO_DATE('1/2/2001', 'MM/DD/YYYY')", "2001-01-02 00:00:00 (date/time)"},
    {"TO_DATE('Q2024', '\"Q\"YYYY')", "2024-01-01 00:00:00 (date/time)"},
    {"TO_DATE('2024', 'YYYY')", "2024-01-01 00:00:00 (date/time)"},
    {"TO_DATE('4', 'Y')", "2024-01-01 00:00:00 (date/time)"},
    {"TO_DATE('024', 'YYY')", "2024-01-01 00:00:00 (date/time)"},
    {"TO_DATE('07', 'MM')", "2026-07-01 00:00:00 (date/time)"},  // no year: the current year
    {"TO_DATE('2024-03-05   10', 'YYYY-MM-DD HH24')", "2024-03-05 10:00:00 (date/time)"},
    {"TO_DATE('2024-13-01', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('2024-13-01') does not match format 'YYYY-MM-DD': the date is "
     "invalid or outside the years 1753-9999"},
    {"TO_DATE('2024/03/05', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('2024/03/05') does not match format 'YYYY-MM-DD': expected '-' "
     "at character 5"},
    {"TO_DATE('2024-03-05x', 'YYYY-MM-DD')",
     "error: TO_DATE: argument 1 ('2024-03-05x') does not match format 'YYYY-MM-DD': expected the "
     "end of the text at character 11"},
    {"TO_DATE('13:00 PM', 'HH:MI AM')",
     "error: TO_DATE: argument 1 ('13:00 PM') does not match format 'HH:MI AM': hour 13 is not "
     "1-12"},
    {"TO_DATE('2024-03-05', 'YYYY-MM-DD HH24')",
     "error: TO_DATE: argument 1 ('2024-03-05') does not match format 'YYYY-MM-DD HH24': expected "
     "' ' at character 11"},
    {"TO_DATE('Foo 5', 'MON DD')",
     "error: TO_DATE: argument 1 ('Foo 5') does not match format 'MON DD': expected a month name "
     "at character 1"},
    {"TO_DATE('2024366', 'YYYYDDD')", "2024-12-31 00:00:00 (date/time)"},
    {"TO_DATE('2023366', 'YYYYDDD')",
     "error: TO_DATE: argument 1 ('2023366') does not match format 'YYYYDDD': day of year 366 is "
     "invalid"},
    {"TO_DATE('99999', 'SSSSS')",
     "error: TO_DATE: argument 1 ('99999') does not match format 'SSSSS': seconds of day 99999 are "
     "out of range"},
    {"TO_DATE('1', 'J')",
     "error: TO_DATE: argument 1 ('1') does not match format 'J': Julian day 1 is outside the "
     "years 1753-9999"},
};
INSTANTIATE_TEST_SUITE_P(ToDate, DateFormatCase, ::testing::ValuesIn(kToDate));

// TO_DATE(TO_CHAR(d, f), f) gives d back for formats that keep every field.
TEST(DateFormat, RoundTrips) {
  const DateTime dates[] = {make_date(1753, 1, 1), make_date(9999, 12, 31, 23, 59, 59, 999999999),
                            make_date(2024, 2, 29, 12, 0, 0), make_date(2000, 1, 1, 0, 0, 0, 1),
                            make_date(1999, 12, 31, 23, 59, 59, 500000000)};
  const char* formats[] = {"YYYY-MM-DD HH24:MI:SS.NS",     "MM/DD/YYYY HH12:MI:SS.NS AM",
                           "DD MONTH YYYY SSSSS.NS",       "YYYYDDD HH24MISSNS",
                           "Dy Mon DD YYYY HH24:MI:SS.NS", "J SSSSS NS"};
  for (DateTime d : dates)
    for (const char* f : formats) {
      auto text = date_format::format(d, f);
      ASSERT_TRUE(text.ok()) << f;
      auto back = date_format::parse(*text, f, test_now());
      ASSERT_TRUE(back.ok()) << f << " " << *text << ": " << back.error();
      EXPECT_EQ(*back, d) << f << " " << *text;
    }
}

TEST(DateFormat, CompilesLongestCodesFirst) {
  auto elements = date_format::compile("YYYYMMDDHH24MISS");
  ASSERT_TRUE(elements.ok());
  using C = date_format::Code;
  std::vector<C> codes;
  for (const auto& e : *elements) codes.push_back(e.code);
  EXPECT_EQ(codes, (std::vector<C>{C::Year4, C::Month, C::Day, C::Hour24, C::Minute, C::Second}));
}

TEST(Calendar, SplitsAndJoinsDates) {
  EXPECT_EQ(make_date(1970, 1, 1).seconds, 0);
  EXPECT_EQ(make_date(1969, 12, 31, 23, 59, 59).seconds, -1);
  auto f = calendar::to_fields(DateTime{-1, 5});
  EXPECT_EQ(f.year, 1969);
  EXPECT_EQ(f.second, 59);
  EXPECT_EQ(f.nanos, 5);
  EXPECT_FALSE(calendar::from_fields({1752, 12, 31, 0, 0, 0, 0}));
  EXPECT_FALSE(calendar::from_fields({2023, 2, 29, 0, 0, 0, 0}));
  EXPECT_TRUE(calendar::from_fields({2000, 2, 29, 0, 0, 0, 0}));
  EXPECT_FALSE(calendar::from_fields({1900, 2, 29, 0, 0, 0, 0}));
  EXPECT_EQ(calendar::day_of_week(make_date(2026, 11, 27)), 5);  // a Friday
  EXPECT_FALSE(calendar::add_months(make_date(9999, 12, 1), 1));
}

}  // namespace
}  // namespace taskweave::expr::testing
