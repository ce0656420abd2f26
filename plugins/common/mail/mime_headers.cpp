#include "mime_headers.h"

#include <cstdio>
#include <random>

namespace taskweave::plugins::mail {
namespace {

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

bool is_plain_ascii(std::string_view text) {
  for (char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  // "=?" would make a decoder take plain text for an encoded-word.
  return text.find("=?") == std::string_view::npos;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string encode_header_text(std::string_view text) {
  std::string flat(text);
  for (char& c : flat)
    if (c == '\r' || c == '\n') c = ' ';
  if (is_plain_ascii(flat)) return flat;

  // "=?UTF-8?B?" + 60 base64 characters + "?=" is 72 characters, within RFC 2047's 75; 60
  // base64 characters carry 45 bytes.
  constexpr size_t kBytesPerWord = 45;
  std::string out;
  std::string_view rest = flat;
  while (!rest.empty()) {
    size_t take = std::min(kBytesPerWord, rest.size());
    while (take < rest.size() && take > 1 && is_utf8_continuation(rest[take])) --take;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(rest.substr(0, take)) + "?=";
    rest.remove_prefix(take);
  }
  return out;
}

std::string encode_mailbox(const Mailbox& mailbox) {
  if (mailbox.name.empty() || is_plain_ascii(mailbox.name)) return mailbox.display();
  // An encoded-word cannot sit inside a quoted string, but it may stand for the whole phrase:
  // the commas or quotes of the name are inside its base64.
  return encode_header_text(mailbox.name) + " <" + mailbox.address + ">";
}

std::string rfc5322_date(std::time_t when) {
  // Names written out: strftime's %a/%b follow the process locale, RFC 5322 wants English.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm local{};
  localtime_r(&when, &local);
  long offset_minutes = local.tm_gmtoff / 60;
  char sign = offset_minutes < 0 ? '-' : '+';
  if (offset_minutes < 0) offset_minutes = -offset_minutes;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
                kDays[local.tm_wday], local.tm_mday, kMonths[local.tm_mon], local.tm_year + 1900,
                local.tm_hour, local.tm_min, local.tm_sec, sign, offset_minutes / 60,
                offset_minutes % 60);
  return buffer;
}

std::string make_message_id(std::string_view address, std::time_t when) {
  size_t at = address.rfind('@');
  std::string domain = at == std::string_view::npos || at + 1 == address.size()
                           ? std::string("taskweave.invalid")
                           : std::string(address.substr(at + 1));
  std::random_device entropy;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%08x%08x.%lld", entropy(), entropy(),
                static_cast<long long>(when));
  return "<" + std::string(buffer) + "@" + domain + ">";
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace taskweave::plugins::mail
