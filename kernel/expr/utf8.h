// Character-level views of UTF-8 strings, so LENGTH, SUBSTR, INSTR, LPAD and friends count
// characters rather than bytes. Malformed bytes count as one character each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::expr::utf8 {

// Byte offsets where each character starts, followed by s.size().
std::vector<size_t> boundaries(std::string_view s);
size_t length(std::string_view s);
// The code point of the character starting at s[0] (the byte value if malformed).
uint32_t decode_first(std::string_view s);
// UTF-8 encoding of a code point; empty for surrogates and values above U+10FFFF.
std::string encode(uint32_t code_point);

}  // namespace taskweave::expr::utf8
