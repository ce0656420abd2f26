#include "model/encoding.h"

#include <array>
#include <cctype>
#include <cstdint>

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

std::uint32_t code_point(unsigned char byte, Encoding encoding) {
  if (encoding == Encoding::Windows1252 && byte >= 0x80 && byte <= 0x9F)
    return kCp1252High[byte - 0x80];
  return byte;
}

std::size_t utf8_length(std::uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3; }

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

std::string to_utf8(std::string&& bytes, Encoding encoding) {
  if (encoding == Encoding::Utf8) return std::move(bytes);
  // Size the output exactly first: files run to several MB and peak memory matters.
  std::size_t size = 0;
  for (char c : bytes) size += utf8_length(code_point(static_cast<unsigned char>(c), encoding));
  if (size == bytes.size()) return std::move(bytes);  // pure ASCII
  std::string out;
  out.resize(size);
  std::size_t o = 0;
  for (char c : bytes) {
    const std::uint32_t cp = code_point(static_cast<unsigned char>(c), encoding);
    if (cp < 0x80) {
      out[o++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      out[o++] = static_cast<char>(0xC0 | (cp >> 6));
      out[o++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out[o++] = static_cast<char>(0xE0 | (cp >> 12));
      out[o++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

}  // namespace taskweave::model
