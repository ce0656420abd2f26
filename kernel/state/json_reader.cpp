#include "state/json_reader.h"

namespace taskweave::state {
namespace {

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return std::nullopt;
  std::uint32_t code = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    char c = text[i];
    code <<= 4;
    if (c >= '0' && c <= '9') {
      code |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      code |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      code |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return code;
}

}  // namespace

void JsonReader::skip_blanks() {
  while (at_ < text_.size() &&
         (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t'))
    ++at_;
}

bool JsonReader::at_end() {
  skip_blanks();
  return at_ >= text_.size();
}

bool JsonReader::consume(char c) {
  skip_blanks();
  if (at_ < text_.size() && text_[at_] == c) {
    ++at_;
    return true;
  }
  return false;
}

std::optional<std::string> JsonReader::string() {
  if (!consume('"')) {
    fail();
    return std::nullopt;
  }
  std::string out;
  for (;;) {
    // Copy the plain run up to the next quote or backslash in one go.
    std::size_t stop = at_;
    while (stop < text_.size() && text_[stop] != '"' && text_[stop] != '\\') ++stop;
    if (stop >= text_.size()) break;
    out.append(text_.substr(at_, stop - at_));
    at_ = stop + 1;
    if (text_[stop] == '"') return out;
    if (at_ >= text_.size()) break;
    char escape = text_[at_++];
    switch (escape) {
      case '"':
      case '\\':
      case '/':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        auto code = hex4(text_, at_);
        if (!code) break;
        at_ += 4;
        if (*code >= 0xD800 && *code < 0xDC00 && text_.substr(at_, 2) == "\\u") {
          auto low = hex4(text_, at_ + 2);
          if (low && *low >= 0xDC00 && *low < 0xE000) {
            *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
            at_ += 6;
          }
        }
        append_utf8(out, *code);
        continue;
      }
      default:
        fail();
        return std::nullopt;
    }
    if (escape == 'u') break;  // a malformed \u escape
  }
  fail();
  return std::nullopt;
}

std::optional<std::string_view> JsonReader::number() {
  skip_blanks();
  std::size_t start = at_;
  while (at_ < text_.size()) {
    char c = text_[at_];
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
      ++at_;
    } else {
      break;
    }
  }
  if (at_ == start) {
    fail();
    return std::nullopt;
  }
  return text_.substr(start, at_ - start);
}

bool JsonReader::literal(std::string_view word) {
  skip_blanks();
  if (text_.substr(at_, word.size()) != word) return false;
  at_ += word.size();
  return true;
}

bool JsonReader::skip_value() {
  skip_blanks();
  if (at_ >= text_.size()) return fail();
  char c = text_[at_];
  if (c == '"') return string().has_value();
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    ++at_;
    if (consume(close)) return true;
    do {
      if (c == '{' && (!string() || !consume(':'))) return fail();
      if (!skip_value()) return false;
    } while (consume(','));
    return consume(close) || fail();
  }
  if (literal("true") || literal("false") || literal("null")) return true;
  return number().has_value();
}

}  // namespace taskweave::state
