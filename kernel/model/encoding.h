// The character encodings PowerCenter exports declare, and their conversion to the UTF-8 text the
// parser reads. pugixml could convert Latin-1 itself, but converting here keeps byte offsets of
// the parsed text under our control (so positions map back to the original file) and handles
// Windows-1252, which pugixml does not know.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace taskweave::model {

enum class Encoding { Utf8, Latin1, Windows1252 };

std::string_view encoding_name(Encoding encoding);

// The encoding a name in `<?xml ... encoding="..."?>` stands for (case-insensitive; accepts the
// spellings seen in exports and repository code pages: ISO-8859-1, Latin1, Windows-1252, cp1252,
// MS1252, UTF-8, US-ASCII). nullopt for anything else.
std::optional<Encoding> encoding_from_name(std::string_view name);

struct DeclaredEncoding {
  std::optional<Encoding> encoding;  // nullopt when the declared name is not supported
  std::string declared_name;         // as written; empty when the file declares none
};

// Reads the XML declaration at the start of `head`. No declaration means UTF-8 (the XML default).
DeclaredEncoding declared_encoding(std::string_view head);

// Converts `bytes` in `encoding` to UTF-8. For Utf8 this returns the input unchanged. Takes the
// bytes by value so a caller that moves them in has them freed here, before it goes on.
std::string to_utf8(std::string bytes, Encoding encoding);

}  // namespace taskweave::model
