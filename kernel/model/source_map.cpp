#include "model/source_map.h"

#include <algorithm>
#include <cstring>

namespace taskweave::model {

SourceMap::SourceMap(std::string_view text) {
  line_starts_.push_back(0);
  const char* const begin = text.data();
  const std::size_t n = text.size();
  auto add_line = [&](std::size_t start) {
    line_starts_.push_back(static_cast<std::uint32_t>(start));
  };
  if (std::memchr(begin, '\r', n) == nullptr) {
    // The usual case (LF files): memchr finds the breaks far faster than a byte loop.
    for (const char* p = begin;
         (p = static_cast<const char*>(
              std::memchr(p, '\n', n - static_cast<std::size_t>(p - begin)))) != nullptr;)
      add_line(static_cast<std::size_t>(++p - begin));
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (text[i] == '\n') {
        add_line(i + 1);
      } else if (text[i] == '\r') {
        if (i + 1 < n && text[i + 1] == '\n') ++i;
        add_line(i + 1);
      }
    }
  }
  // Most text is ASCII: skip it 8 bytes at a time, look at bytes only where a word has a high bit.
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, begin + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if ((static_cast<unsigned char>(begin[i]) & 0xC0) == 0x80)
      continuation_bytes_.push_back(static_cast<std::uint32_t>(i));
    ++i;
  }
}

SourcePos SourceMap::position(std::size_t offset) const {
  if (line_starts_.empty()) return {};
  auto line_it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  const std::uint32_t line_start = *line_it;
  auto first = std::lower_bound(continuation_bytes_.begin(), continuation_bytes_.end(), line_start);
  auto last = std::lower_bound(first, continuation_bytes_.end(), offset);
  const std::size_t column = offset - line_start - static_cast<std::size_t>(last - first) + 1;
  return {static_cast<std::uint32_t>(line_it - line_starts_.begin() + 1),
          static_cast<std::uint32_t>(column)};
}

}  // namespace taskweave::model
