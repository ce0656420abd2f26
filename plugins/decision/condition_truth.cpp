#include "decision/condition_truth.h"

#include <charconv>
#include <string_view>

namespace taskweave::plugins::decision {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The longest prefix of `text` (after leading blanks) of the form [+-]digits[.digits][e[+-]digits]
// as a double; 0 when there is none. Hand-scanned because strtod would also accept "inf", "nan"
// and hexadecimal, which PowerCenter does not read as numbers.
double leading_number(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return 0.0;
  text.remove_prefix(i);
  size_t end = 0;
  if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
  size_t digits = 0;
  for (; end < text.size() && is_digit(text[end]); ++end) ++digits;
  if (end < text.size() && text[end] == '.')
    for (++end; end < text.size() && is_digit(text[end]); ++end) ++digits;
  if (digits == 0) return 0.0;
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (exponent < text.size() && is_digit(text[exponent])) {
      end = exponent;
      while (end < text.size() && is_digit(text[end])) ++end;
    }
  }
  // from_chars does not take a leading '+'.
  size_t from = text[0] == '+' ? 1 : 0;
  double value = 0.0;
  std::from_chars(text.data() + from, text.data() + end, value);
  return value;
}

}  // namespace

bool truth_of(const tw_value& value) {
  switch (value.type) {
    case TW_VALUE_INTEGER:
      return value.integer != 0;
    case TW_VALUE_DOUBLE:
      return value.real != 0.0;
    case TW_VALUE_STATUS:
      return value.integer == TW_STATUS_SUCCEEDED;
    case TW_VALUE_DATETIME:
      return true;
    case TW_VALUE_STRING:
      return value.string &&
             leading_number(std::string_view(value.string, value.string_size)) != 0.0;
    default:
      return false;  // NULL
  }
}

}  // namespace taskweave::plugins::decision
