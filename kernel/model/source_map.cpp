#include "model/source_map.h"

#include <algorithm>

namespace taskweave::model {

SourceMap::SourceMap(std::string_view text) {
  line_starts_.push_back(0);
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < n && text[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if ((c & 0xC0) == 0x80) {
      continuation_bytes_.push_back(static_cast<std::uint32_t>(i));
    }
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
