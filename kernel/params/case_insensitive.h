// ASCII case-insensitive text helpers: PowerCenter names (sections, parameters, variables) are
// case-insensitive, and they are ASCII identifiers in practice.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace taskweave::params {

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

inline bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// For std::map keys that compare case-insensitively.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const {
    std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
      char x = ascii_lower(a[i]);
      char y = ascii_lower(b[i]);
      if (x != y) return x < y;
    }
    return a.size() < b.size();
  }
  using is_transparent = void;
};

}  // namespace taskweave::params
