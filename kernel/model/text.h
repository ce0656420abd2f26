// ASCII case-insensitive comparison and hashing. PowerCenter names (tasks, variables, attribute
// names) compare case-insensitively; names with non-ASCII letters compare byte for byte beyond
// ASCII, which is what the exports rely on.
#pragma once

#include <cstddef>
#include <string_view>

namespace taskweave::model {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// Hash and equality for unordered containers keyed case-insensitively.
struct IHash {
  std::size_t operator()(std::string_view s) const {
    std::size_t h = 14695981039346656037ull;  // FNV-1a
    for (char c : s) {
      h ^= static_cast<unsigned char>(ascii_lower(c));
      h *= 1099511628211ull;
    }
    return h;
  }
};
struct IEqual {
  bool operator()(std::string_view a, std::string_view b) const { return iequals(a, b); }
};

}  // namespace taskweave::model
