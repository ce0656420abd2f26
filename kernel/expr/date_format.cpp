#include "expr/date_format.h"

#include <array>
#include <cctype>
#include <optional>

#include "expr/calendar.h"

namespace taskweave::expr::date_format {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
    "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
constexpr std::array<std::string_view, 7> kWeekdays = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                                       "THURSDAY", "FRIDAY", "SATURDAY"};

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_ci(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (upper(text[pos + i]) != upper(prefix[i])) return false;
  return true;
}

// Format codes, longest first so that "MONTH" wins over "MON" and "HH24" over "HH".
struct CodeSpelling {
  std::string_view text;
  Code code;
};
constexpr CodeSpelling kCodes[] = {
    {"A.M.", Code::Meridian},     {"P.M.", Code::Meridian},   {"MONTH", Code::MonthName},
    {"SSSSS", Code::SecondOfDay}, {"YYYY", Code::Year4},      {"HH24", Code::Hour24},
    {"HH12", Code::Hour12},       {"YYY", Code::Year3},       {"MON", Code::MonthAbbr},
    {"DDD", Code::DayOfYear},     {"DAY", Code::WeekdayName}, {"YY", Code::Year2},
    {"RR", Code::YearRR},         {"MM", Code::Month},        {"DD", Code::Day},
    {"DY", Code::WeekdayAbbr},    {"HH", Code::Hour12},       {"MI", Code::Minute},
    {"SS", Code::Second},         {"MS", Code::Milli},        {"US", Code::Micro},
    {"NS", Code::Nano},           {"AM", Code::Meridian},     {"PM", Code::Meridian},
    {"Y", Code::Year1},           {"D", Code::Weekday},       {"J", Code::Julian},
};

Case case_of(std::string_view spelled) {
  bool first_upper = std::isupper(static_cast<unsigned char>(spelled[0])) != 0;
  bool rest_lower = spelled.size() > 1 && std::islower(static_cast<unsigned char>(spelled[1]));
  if (!first_upper) return Case::Lower;
  return rest_lower ? Case::Capitalized : Case::Upper;
}

std::string apply_case(std::string_view upper_name, Case c) {
  std::string out(upper_name);
  for (size_t i = 0; i < out.size(); ++i)
    if (c == Case::Lower || (c == Case::Capitalized && i > 0)) out[i] = lower(out[i]);
  return out;
}

void append_padded(std::string& out, int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) out += '-';
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

// ---- parsing -----------------------------------------------------------------------------

struct Parsed {
  std::optional<int> year, month, day, day_of_year, hour, minute, second, second_of_day;
  std::optional<int64_t> julian;
  std::optional<bool> pm;
  bool hour_is_12 = false;
  int32_t nanos = 0;
};

class TextCursor {
 public:
  TextCursor(std::string_view text) : text_(text) {}
  size_t pos() const { return pos_; }
  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return text_[pos_]; }
  // Up to `max` digits (at least one); nullopt if none.
  std::optional<int64_t> digits(int max, int* count = nullptr) {
    int64_t v = 0;
    int n = 0;
    while (n < max && pos_ < text_.size() && is_digit(text_[pos_])) {
      v = v * 10 + (text_[pos_++] - '0');
      ++n;
    }
    if (count) *count = n;
    if (n == 0) return std::nullopt;
    return v;
  }
  // Index of the longest name in `names` (or its 3-letter abbreviation) found here.
  template <size_t N>
  std::optional<int> name(const std::array<std::string_view, N>& names, bool full) {
    for (int pass = full ? 0 : 1; pass < 2; ++pass)
      for (size_t i = 0; i < N; ++i) {
        std::string_view n = pass == 0 ? names[i] : names[i].substr(0, 3);
        if (starts_with_ci(text_, pos_, n)) {
          pos_ += n.size();
          return static_cast<int>(i);
        }
      }
    return std::nullopt;
  }
  bool literal(std::string_view s) {
    if (s == " ") {  // a blank in the format matches any run of blanks
      size_t start = pos_;
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      return pos_ > start;
    }
    if (text_.compare(pos_, s.size(), s) != 0) return false;
    pos_ += s.size();
    return true;
  }
  bool meridian(std::optional<bool>& pm) {
    for (std::string_view m : {"A.M.", "P.M.", "AM", "PM"})
      if (starts_with_ci(text_, pos_, m)) {
        pm = upper(m[0]) == 'P';
        pos_ += m.size();
        return true;
      }
    return false;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

int current_year(DateTime now) { return calendar::to_fields(now).year; }

// Expands a 1-3 digit year with the leading digits of the current year (YY, YYY, Y).
int expand_year(int64_t digits, int width, DateTime now) {
  int mod = width == 1 ? 10 : width == 2 ? 100 : 1000;
  return current_year(now) / mod * mod + static_cast<int>(digits);
}

// Oracle's RR rule: pick the century that puts the year within 50 years of now.
int expand_rr(int64_t yy, DateTime now) {
  int year = current_year(now);
  int century = year / 100 * 100;
  int now_yy = year % 100;
  if (now_yy < 50) return static_cast<int>(yy < 50 ? century + yy : century - 100 + yy);
  return static_cast<int>(yy < 50 ? century + 100 + yy : century + yy);
}

std::string mismatch(size_t pos, std::string_view what) {
  return "expected " + std::string(what) + " at character " + std::to_string(pos + 1);
}

Result<DateTime> assemble(const Parsed& p, DateTime now) {
  calendar::Fields f;
  f.year = p.year.value_or(current_year(now));
  f.month = p.month.value_or(1);
  f.day = p.day.value_or(1);
  if (p.julian) {
    if (*p.julian > 5'373'484 || *p.julian < 2'361'331)
      return Error{"Julian day " + std::to_string(*p.julian) + " is outside the years 1753-9999"};
    f = calendar::to_fields(calendar::from_julian_day(*p.julian));
  }
  if (p.day_of_year) {
    int max = calendar::is_leap_year(f.year) ? 366 : 365;
    if (*p.day_of_year < 1 || *p.day_of_year > max)
      return Error{"day of year " + std::to_string(*p.day_of_year) + " is invalid"};
    auto d = calendar::days_from_civil(f.year, 1, 1) + *p.day_of_year - 1;
    auto jan1 = calendar::to_fields(DateTime{d * calendar::kSecondsPerDay, 0});
    f.month = jan1.month;
    f.day = jan1.day;
  }
  if (p.second_of_day) {
    if (*p.second_of_day > 86399)
      return Error{"seconds of day " + std::to_string(*p.second_of_day) + " are out of range"};
    f.hour = *p.second_of_day / 3600;
    f.minute = *p.second_of_day / 60 % 60;
    f.second = *p.second_of_day % 60;
  }
  if (p.hour) {
    f.hour = *p.hour;
    if (p.hour_is_12 && p.pm) {
      if (f.hour < 1 || f.hour > 12)
        return Error{"hour " + std::to_string(f.hour) + " is not 1-12"};
      f.hour = f.hour % 12 + (*p.pm ? 12 : 0);
    }
  }
  if (p.minute) f.minute = *p.minute;
  if (p.second) f.second = *p.second;
  f.nanos = p.nanos;
  auto dt = calendar::from_fields(f);
  if (!dt) return Error{"the date is invalid or outside the years 1753-9999"};
  return *dt;
}

}  // namespace

Result<std::vector<Element>> compile(std::string_view fmt) {
  std::vector<Element> out;
  size_t i = 0;
  auto add_literal = [&out](std::string_view s) {
    if (!out.empty() && out.back().code == Code::Literal && s != " " && out.back().literal != " ")
      out.back().literal += s;
    else
      out.push_back(Element{Code::Literal, Case::Upper, false, std::string(s)});
  };
  while (i < fmt.size()) {
    char c = fmt[i];
    if (c == '"') {
      size_t close = fmt.find('"', i + 1);
      if (close == std::string_view::npos)
        return Error{"unterminated quoted text at position " + std::to_string(i + 1)};
      if (close > i + 1) add_literal(fmt.substr(i + 1, close - i - 1));
      i = close + 1;
      continue;
    }
    if (!is_alpha(c)) {
      add_literal(fmt.substr(i, 1));
      ++i;
      continue;
    }
    bool matched = false;
    for (const auto& spelling : kCodes) {
      if (starts_with_ci(fmt, i, spelling.text)) {
        Element e;
        e.code = spelling.code;
        e.letter_case = case_of(fmt.substr(i, spelling.text.size()));
        e.dotted = spelling.text.size() == 4 && spelling.text[1] == '.';
        out.push_back(std::move(e));
        i += spelling.text.size();
        matched = true;
        break;
      }
    }
    if (!matched)
      return Error{"unknown format code at position " + std::to_string(i + 1) + " of '" +
                   std::string(fmt) + "'"};
  }
  return out;
}

Result<std::string> format(DateTime value, std::string_view fmt) {
  auto elements = compile(fmt);
  if (!elements) return Error{elements.error()};
  const calendar::Fields f = calendar::to_fields(value);
  std::string out;
  for (const Element& e : *elements) {
    switch (e.code) {
      case Code::Literal:
        out += e.literal;
        break;
      case Code::Year4:
        append_padded(out, f.year, 4);
        break;
      case Code::Year3:
        append_padded(out, f.year % 1000, 3);
        break;
      case Code::Year2:
      case Code::YearRR:
        append_padded(out, f.year % 100, 2);
        break;
      case Code::Year1:
        append_padded(out, f.year % 10, 1);
        break;
      case Code::Month:
        append_padded(out, f.month, 2);
        break;
      case Code::MonthAbbr:
        out += apply_case(kMonths[f.month - 1].substr(0, 3), e.letter_case);
        break;
      case Code::MonthName:
        out += apply_case(kMonths[f.month - 1], e.letter_case);
        break;
      case Code::Day:
        append_padded(out, f.day, 2);
        break;
      case Code::DayOfYear:
        append_padded(out, calendar::day_of_year(f), 3);
        break;
      case Code::WeekdayAbbr:
        out += apply_case(kWeekdays[calendar::day_of_week(value)].substr(0, 3), e.letter_case);
        break;
      case Code::WeekdayName:
        out += apply_case(kWeekdays[calendar::day_of_week(value)], e.letter_case);
        break;
      case Code::Weekday:
        append_padded(out, calendar::day_of_week(value) + 1, 1);
        break;
      case Code::Hour12:
        append_padded(out, f.hour % 12 == 0 ? 12 : f.hour % 12, 2);
        break;
      case Code::Hour24:
        append_padded(out, f.hour, 2);
        break;
      case Code::Minute:
        append_padded(out, f.minute, 2);
        break;
      case Code::Second:
        append_padded(out, f.second, 2);
        break;
      case Code::SecondOfDay:
        append_padded(out, f.hour * 3600 + f.minute * 60 + f.second, 5);
        break;
      case Code::Milli:
        append_padded(out, f.nanos / 1'000'000, 3);
        break;
      case Code::Micro:
        append_padded(out, f.nanos / 1'000, 6);
        break;
      case Code::Nano:
        append_padded(out, f.nanos, 9);
        break;
      case Code::Meridian: {
        std::string_view m = f.hour < 12 ? (e.dotted ? "A.M." : "AM") : (e.dotted ? "P.M." : "PM");
        out += apply_case(m, e.letter_case == Case::Lower ? Case::Lower : Case::Upper);
        break;
      }
      case Code::Julian:
        out += std::to_string(calendar::julian_day(value));
        break;
    }
  }
  return out;
}

Result<DateTime> parse(std::string_view text, std::string_view fmt, DateTime now) {
  auto elements = compile(fmt);
  if (!elements) return Error{elements.error()};
  Parsed p;
  TextCursor in(text);
  bool has_meridian = false;
  for (const Element& e : *elements) has_meridian = has_meridian || e.code == Code::Meridian;
  for (const Element& e : *elements) {
    switch (e.code) {
      case Code::Literal:
        if (!in.literal(e.literal)) return Error{mismatch(in.pos(), "'" + e.literal + "'")};
        break;
      case Code::Meridian:
        if (!in.meridian(p.pm)) return Error{mismatch(in.pos(), "AM or PM")};
        break;
      case Code::MonthAbbr:
      case Code::MonthName: {
        auto m = in.name(kMonths, e.code == Code::MonthName);
        if (!m) return Error{mismatch(in.pos(), "a month name")};
        p.month = *m + 1;
        break;
      }
      case Code::WeekdayAbbr:
      case Code::WeekdayName:
        if (!in.name(kWeekdays, e.code == Code::WeekdayName))
          return Error{mismatch(in.pos(), "a day name")};
        break;
      default: {
        struct Width {
          int digits;
          std::string_view what;
        };
        Width w{2, "digits"};
        switch (e.code) {
          case Code::Year4:
            w = {4, "a year"};
            break;
          case Code::Year3:
            w = {3, "a year"};
            break;
          case Code::Year2:
          case Code::YearRR:
            w = {2, "a year"};
            break;
          case Code::Year1:
            w = {1, "a year"};
            break;
          case Code::Month:
            w = {2, "a month"};
            break;
          case Code::Day:
            w = {2, "a day"};
            break;
          case Code::DayOfYear:
            w = {3, "a day of year"};
            break;
          case Code::Weekday:
            w = {1, "a day of week"};
            break;
          case Code::Hour12:
          case Code::Hour24:
            w = {2, "an hour"};
            break;
          case Code::Minute:
            w = {2, "minutes"};
            break;
          case Code::Second:
            w = {2, "seconds"};
            break;
          case Code::SecondOfDay:
            w = {5, "seconds of day"};
            break;
          case Code::Milli:
            w = {3, "milliseconds"};
            break;
          case Code::Micro:
            w = {6, "microseconds"};
            break;
          case Code::Nano:
            w = {9, "nanoseconds"};
            break;
          case Code::Julian:
            w = {7, "a Julian day"};
            break;
          default:
            break;
        }
        int count = 0;
        auto v = in.digits(w.digits, &count);
        if (!v) return Error{mismatch(in.pos(), w.what)};
        const int n = static_cast<int>(*v);
        switch (e.code) {
          case Code::Year4:
            p.year = n;
            break;
          case Code::Year3:
            p.year = expand_year(*v, 3, now);
            break;
          case Code::Year2:
            p.year = expand_year(*v, 2, now);
            break;
          case Code::Year1:
            p.year = expand_year(*v, 1, now);
            break;
          case Code::YearRR:
            p.year = expand_rr(*v, now);
            break;
          case Code::Month:
            p.month = n;
            break;
          case Code::Day:
            p.day = n;
            break;
          case Code::DayOfYear:
            p.day_of_year = n;
            break;
          case Code::Hour12:
            p.hour = n;
            p.hour_is_12 = has_meridian;
            break;
          case Code::Hour24:
            p.hour = n;
            break;
          case Code::Minute:
            p.minute = n;
            break;
          case Code::Second:
            p.second = n;
            break;
          case Code::SecondOfDay:
            p.second_of_day = n;
            break;
          case Code::Milli:
          case Code::Micro:
          case Code::Nano: {
            // Fewer digits than the width are a decimal fraction: .5 with MS is 500 ms.
            int64_t nanos = *v;
            for (int k = count; k < 9; ++k) nanos *= 10;
            p.nanos = static_cast<int32_t>(nanos);
            break;
          }
          case Code::Julian:
            p.julian = *v;
            break;
          default:
            break;  // Weekday: read and ignored, as PowerCenter does
        }
      }
    }
  }
  if (!in.at_end()) return Error{mismatch(in.pos(), "the end of the text")};
  return assemble(p, now);
}

}  // namespace taskweave::expr::date_format
