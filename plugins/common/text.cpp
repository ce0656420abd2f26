#include "common/text.h"

namespace taskweave::plugins {
namespace {
constexpr std::string_view kBlank = " \t\r\n";
}  // namespace

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlank) - first + 1);
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_break = false;
  for (char c : trim(text)) {
    bool is_break = c == '\r' || c == '\n';
    if (is_break && !in_break) out += ' ';
    if (!is_break) out += c;
    in_break = is_break;
  }
  return out;
}

}  // namespace taskweave::plugins
