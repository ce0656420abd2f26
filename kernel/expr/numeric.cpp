#include "expr/numeric.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace taskweave::expr::numeric {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Scan {
  size_t end = 0;  // one past the last character of the number
  bool has_digits = false;
  bool integral = true;  // no fraction, no exponent
};

// Scans [+-]digits[.digits][e[+-]digits] at `pos`; has_digits false when nothing numeric.
Scan scan_number(std::string_view t, size_t pos) {
  Scan s;
  size_t i = pos;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  size_t digits = 0;
  while (i < t.size() && is_digit(t[i])) ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    size_t j = i + 1;
    size_t frac = 0;
    while (j < t.size() && is_digit(t[j])) ++j, ++frac;
    if (digits + frac > 0) {
      i = j;
      digits += frac;
      s.integral = false;
    }
  }
  if (digits == 0) return s;
  s.has_digits = true;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    size_t j = i + 1;
    if (j < t.size() && (t[j] == '+' || t[j] == '-')) ++j;
    size_t exp_digits = 0;
    while (j < t.size() && is_digit(t[j])) ++j, ++exp_digits;
    if (exp_digits > 0) {
      i = j;
      s.integral = false;
    }
  }
  s.end = i;
  return s;
}

double to_double(std::string_view digits) {
  std::string copy(digits);  // strtod needs a terminated buffer
  return std::strtod(copy.c_str(), nullptr);
}

}  // namespace

std::optional<double> parse_double_strict(std::string_view text) {
  auto v = parse_number_strict(text);
  if (!v) return std::nullopt;
  return v->as_number();
}

std::optional<Value> parse_number_strict(std::string_view text) {
  size_t b = 0;
  while (b < text.size() && is_blank(text[b])) ++b;
  size_t e = text.size();
  while (e > b && is_blank(text[e - 1])) --e;
  std::string_view core = text.substr(b, e - b);
  Scan s = scan_number(core, 0);
  if (!s.has_digits || s.end != core.size()) return std::nullopt;
  if (s.integral) {
    std::string copy(core);
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(copy.c_str(), &end, 10);
    if (errno == 0 && end == copy.c_str() + copy.size()) return Value::integer(v);
  }
  double d = to_double(core);
  if (!std::isfinite(d)) return std::nullopt;
  return Value::real(d);
}

double leading_double(std::string_view text) {
  size_t b = 0;
  while (b < text.size() && is_blank(text[b])) ++b;
  Scan s = scan_number(text, b);
  if (!s.has_digits) return 0.0;
  double d = to_double(text.substr(b, s.end - b));
  return std::isfinite(d) ? d : 0.0;
}

std::string format_double(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Inf" : "Inf";
  if (value == 0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  std::string out(buf);
  // Windows-style three-digit exponent, as PowerCenter prints it: e+19 -> e+019.
  auto e = out.find('e');
  if (e != std::string::npos && out.size() - e == 4)
    return out.substr(0, e + 2) + "0" + out.substr(e + 2);
  return out;
}

std::optional<int64_t> to_int64(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  double t = std::trunc(value);
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return std::nullopt;
  return static_cast<int64_t>(t);
}

}  // namespace taskweave::expr::numeric
