#include "model/encoding.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace taskweave::model {
namespace {

std::string normalised(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Windows-1252 code points for bytes 0x80-0x9F. The five bytes the code page leaves undefined map
// to the C1 control of the same value, as the WHATWG encoding standard does.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The UTF-8 bytes of each of the 256 byte values of a single-byte encoding.
struct Utf8Table {
  std::array<std::array<char, 3>, 256> bytes{};
  std::array<std::uint8_t, 256> length{};
};

Utf8Table make_table(Encoding encoding) {
  Utf8Table t;
  for (unsigned b = 0; b < 256; ++b) {
    const std::uint32_t cp =
        (encoding == Encoding::Windows1252 && b >= 0x80 && b <= 0x9F) ? kCp1252High[b - 0x80] : b;
    if (cp < 0x80) {
      t.bytes[b] = {static_cast<char>(cp), 0, 0};
      t.length[b] = 1;
    } else if (cp < 0x800) {
      t.bytes[b] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F)), 0};
      t.length[b] = 2;
    } else {
      t.bytes[b] = {static_cast<char>(0xE0 | (cp >> 12)),
                    static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                    static_cast<char>(0x80 | (cp & 0x3F))};
      t.length[b] = 3;
    }
  }
  return t;
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::Utf8:
      return "UTF-8";
    case Encoding::Latin1:
      return "ISO-8859-1";
    case Encoding::Windows1252:
      return "Windows-1252";
  }
  return "UTF-8";
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
  const std::string n = normalised(name);
  if (n == "utf8" || n == "usascii" || n == "ascii") return Encoding::Utf8;
  if (n == "iso88591" || n == "latin1" || n == "l1") return Encoding::Latin1;
  if (n == "windows1252" || n == "cp1252" || n == "ms1252") return Encoding::Windows1252;
  return std::nullopt;
}

DeclaredEncoding declared_encoding(std::string_view head) {
  DeclaredEncoding result{Encoding::Utf8, ""};
  std::size_t start = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (head.substr(start, 5) != "<?xml") return result;
  const std::size_t end = head.find("?>", start);
  const std::string_view decl = head.substr(start, end == std::string_view::npos ? 256 : end);
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return result;
  at = decl.find_first_of("\"'", at);
  if (at == std::string_view::npos) return result;
  const std::size_t close = decl.find(decl[at], at + 1);
  if (close == std::string_view::npos) return result;
  result.declared_name = std::string(decl.substr(at + 1, close - at - 1));
  result.encoding = encoding_from_name(result.declared_name);
  return result;
}

std::string to_utf8(std::string bytes, Encoding encoding) {
  if (encoding == Encoding::Utf8) return bytes;
  static const Utf8Table latin1 = make_table(Encoding::Latin1);
  static const Utf8Table cp1252 = make_table(Encoding::Windows1252);
  const Utf8Table& table = encoding == Encoding::Latin1 ? latin1 : cp1252;
  // Files run to several MB and are mostly ASCII: size the output exactly, then copy ASCII runs
  // in bulk and expand only the other bytes.
  std::size_t size = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    std::uint64_t word;
    if (i + 8 <= bytes.size() &&
        (std::memcpy(&word, bytes.data() + i, 8), (word & 0x8080808080808080ull) == 0)) {
      size += 8;
      i += 8;
    } else {
      size += table.length[static_cast<unsigned char>(bytes[i++])];
    }
  }
  if (size == bytes.size()) return bytes;  // pure ASCII
  std::string out(size, '\0');
  char* o = out.data();
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while (p < end) {
    const char* run = p;
    std::uint64_t word;
    while (p + 8 <= end && (std::memcpy(&word, p, 8), (word & 0x8080808080808080ull) == 0)) p += 8;
    while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
    std::memcpy(o, run, static_cast<std::size_t>(p - run));
    o += p - run;
    if (p == end) break;
    const auto b = static_cast<unsigned char>(*p++);
    for (std::uint8_t k = 0; k < table.length[b]; ++k) *o++ = table.bytes[b][k];
  }
  return out;
}

}  // namespace taskweave::model
