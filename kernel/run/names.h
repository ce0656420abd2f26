// Upper-casing for keys: PowerCenter names (tasks, variables, events) compare
// case-insensitively in ASCII.
#pragma once

#include <string>
#include <string_view>

namespace taskweave::run {

inline std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace taskweave::run
