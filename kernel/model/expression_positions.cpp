// resolve_expression_positions(): maps offsets inside decoded attribute values back to the file.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "model/validator.h"

namespace taskweave::model {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one unit of raw attribute text at `raw` the way pugixml does with its default flags
// (references decoded; raw tab, LF, CR and CR LF become one space). Returns the raw length.
std::size_t decode_unit(std::string_view raw, std::string& out) {
  const char c = raw[0];
  if (c == '\r') {
    out.push_back(' ');
    return raw.size() > 1 && raw[1] == '\n' ? 2 : 1;
  }
  if (c == '\n' || c == '\t') {
    out.push_back(' ');
    return 1;
  }
  if (c != '&') {
    out.push_back(c);
    return 1;
  }
  const std::size_t semi = raw.find(';');
  if (semi == std::string_view::npos || semi > 12) {
    out.push_back('&');
    return 1;
  }
  const std::string_view name = raw.substr(1, semi - 1);
  if (name == "lt")
    out.push_back('<');
  else if (name == "gt")
    out.push_back('>');
  else if (name == "amp")
    out.push_back('&');
  else if (name == "apos")
    out.push_back('\'');
  else if (name == "quot")
    out.push_back('"');
  else if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    unsigned long cp = 0;
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        cp > 0x10FFFF) {
      out.push_back('&');
      return 1;
    }
    append_utf8(out, cp);
  } else {
    out.push_back('&');
    return 1;
  }
  return semi + 1;
}

// Offset in the raw text of the decoded offset `target`, checking that the raw text decodes to
// `decoded` up to there; nullopt when it does not (the file changed since it was loaded).
std::optional<std::size_t> raw_offset(std::string_view raw, char quote, std::string_view decoded,
                                      std::size_t target) {
  std::string produced;
  std::size_t r = 0;
  while (produced.size() < target) {
    if (r >= raw.size() || raw[r] == quote) return std::nullopt;
    r += decode_unit(raw.substr(r, 16), produced);
  }
  if (produced.size() != target || decoded.substr(0, target) != produced) return std::nullopt;
  return r;
}

}  // namespace

void resolve_expression_positions(const SourceDocument& source, Diagnostics& diagnostics) {
  std::optional<std::optional<std::string>> original;  // read at most once, only if needed
  for (Diagnostic& d : diagnostics.mutable_items()) {
    if (!d.site) continue;
    const ExpressionSite& site = *d.site;
    if (!original) original = source.original_text();
    std::optional<std::size_t> r;
    if (*original && site.value_offset > 0 && site.value_offset < (*original)->size()) {
      const std::string_view text = **original;
      r = raw_offset(text.substr(site.value_offset), text[site.value_offset - 1], site.value,
                     site.offset);
    }
    if (r) {
      d.pos = source.position_of_offset(site.value_offset + *r);
    } else {
      d.message += " (at line " + std::to_string(site.line) + ", column " +
                   std::to_string(site.column) +
                   " of the expression that starts here; the exact file position is unknown "
                   "because the file changed after loading)";
    }
    d.site.reset();
  }
}

}  // namespace taskweave::model
