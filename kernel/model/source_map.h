// Maps byte offsets of the UTF-8 text the parser sees back to line:column of the original file,
// for compiler-style diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace taskweave::model {

// 1-based line and column; 0 means "unknown". Columns count characters, not bytes: for an
// ISO-8859-1 or Windows-1252 file that is the byte column of the original file, for a UTF-8 file
// the code-point column (what editors show). A tab counts as one column.
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool known() const { return line != 0; }
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

class SourceMap {
 public:
  SourceMap() = default;
  // Must see the text before an in-place parse modifies it. Line breaks: LF, CR LF, or a lone CR.
  explicit SourceMap(std::string_view utf8_text);

  SourcePos position(std::size_t offset) const;
  std::size_t line_count() const { return line_starts_.size(); }

 private:
  std::vector<std::uint32_t> line_starts_;
  // Offsets of UTF-8 continuation bytes; they do not start a character, so they are subtracted
  // from the byte column. Kept instead of the text because the parser overwrites the text.
  std::vector<std::uint32_t> continuation_bytes_;
};

}  // namespace taskweave::model
