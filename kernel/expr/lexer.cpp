#include "expr/lexer.h"

namespace taskweave::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Names may hold letters, digits, underscores and any non-ASCII byte (Latin-1 or UTF-8 names
// such as a Start task called "Início").
bool is_name_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_start(char c) { return is_name_char(c) && !is_digit(c); }

// Bytes of blank at `pos`: ASCII blanks, and the no-break space U+00A0 (UTF-8 C2 A0), which
// real exports carry inside expressions (pasted from SQL editors) and PowerCenter accepts.
size_t blank_length(std::string_view t, size_t pos) {
  const char c = t[pos];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (c == '\xC2' && pos + 1 < t.size() && t[pos + 1] == '\xA0') return 2;
  return 0;
}

// The end of the name starting at `pos`.
size_t name_end(std::string_view t, size_t pos) {
  while (pos < t.size() && is_name_char(t[pos]) && blank_length(t, pos) == 0) ++pos;
  return pos;
}

}  // namespace

Token Lexer::make(TokenKind kind, size_t start, std::string value) {
  Token t;
  t.kind = kind;
  t.offset = start;
  t.length = pos_ - start;
  t.value = std::move(value);
  return t;
}

void Lexer::skip_blanks_and_comments() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (size_t blank = blank_length(text_, pos_)) {
      pos_ += blank;
    } else if ((c == '-' || c == '/') && pos_ + 1 < text_.size() && text_[pos_ + 1] == c) {
      while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

Token Lexer::number() {
  size_t start = pos_;
  bool decimal = false;
  while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    decimal = true;
    ++pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    size_t save = pos_++;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ < text_.size() && is_digit(text_[pos_])) {
      decimal = true;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    } else {
      pos_ = save;
    }
  }
  if (pos_ < text_.size() && name_end(text_, pos_) > pos_) {
    pos_ = name_end(text_, pos_);
    return make(TokenKind::Error, start, "a number cannot run into a name");
  }
  return make(decimal ? TokenKind::Decimal : TokenKind::Integer, start,
              std::string(text_.substr(start, pos_ - start)));
}

Token Lexer::string_literal() {
  size_t start = pos_++;
  std::string value;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (c != '\'') {
      value += c;
    } else if (pos_ < text_.size() && text_[pos_] == '\'') {
      value += '\'';
      ++pos_;
    } else {
      return make(TokenKind::String, start, std::move(value));
    }
  }
  pos_ = start + 1;  // report at the opening quote
  Token t = make(TokenKind::Error, start, "unterminated string literal (missing closing ')");
  return t;
}

Token Lexer::dollar() {
  size_t start = pos_++;
  if (pos_ < text_.size() && text_[pos_] == '$') {
    ++pos_;
    const size_t name_start = pos_;
    pos_ = name_end(text_, pos_);
    if (pos_ == name_start)
      return make(TokenKind::Error, start, "'$$' must be followed by a variable name");
    return make(TokenKind::UserVar, start, std::string(text_.substr(start, pos_ - start)));
  }
  const size_t name_start = pos_;
  pos_ = name_end(text_, pos_);
  if (pos_ == name_start) return make(TokenKind::Error, start, "'$' must be followed by a name");
  std::string first(text_.substr(name_start, pos_ - name_start));
  if (pos_ < text_.size() && text_[pos_] == '.') {
    const size_t var_start = ++pos_;
    pos_ = name_end(text_, pos_);
    if (pos_ == var_start)
      return make(TokenKind::Error, start, "'$" + first + ".' must be followed by a variable name");
    Token t =
        make(TokenKind::TaskVar, start, std::string(text_.substr(var_start, pos_ - var_start)));
    t.task = std::move(first);
    return t;
  }
  return make(TokenKind::Builtin, start, std::string(text_.substr(start, pos_ - start)));
}

Token Lexer::next() {
  skip_blanks_and_comments();
  if (pos_ >= text_.size()) return make(TokenKind::End, pos_);
  const size_t start = pos_;
  const char c = text_[pos_];
  const char n = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
  if (is_digit(c) || (c == '.' && is_digit(n))) return number();
  if (c == '\'') return string_literal();
  if (c == '$') return dollar();
  if (is_name_start(c) && blank_length(text_, pos_) == 0) {
    pos_ = name_end(text_, pos_);
    return make(TokenKind::Identifier, start, std::string(text_.substr(start, pos_ - start)));
  }
  auto op = [&](TokenKind kind, size_t len) {
    pos_ += len;
    return make(kind, start);
  };
  switch (c) {
    case '(':
      return op(TokenKind::LParen, 1);
    case ')':
      return op(TokenKind::RParen, 1);
    case ',':
      return op(TokenKind::Comma, 1);
    case '+':
      return op(TokenKind::Plus, 1);
    case '-':
      return op(TokenKind::Minus, 1);
    case '*':
      return op(TokenKind::Star, 1);
    case '/':
      return op(TokenKind::Slash, 1);
    case '%':
      return op(TokenKind::Percent, 1);
    case '=':
      return op(TokenKind::Equal, 1);
    case '|':
      if (n == '|') return op(TokenKind::Concat, 2);
      break;
    case '<':
      if (n == '=') return op(TokenKind::LessEq, 2);
      if (n == '>') return op(TokenKind::NotEqual, 2);
      return op(TokenKind::Less, 1);
    case '>':
      if (n == '=') return op(TokenKind::GreaterEq, 2);
      return op(TokenKind::Greater, 1);
    case '!':
    case '^':
      if (n == '=') return op(TokenKind::NotEqual, 2);
      break;
    default:
      break;
  }
  ++pos_;
  if (c == '"')
    return make(TokenKind::Error, start, "string literals use single quotes ('text'), not \"");
  std::string shown = static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f
                          ? std::string("'") + c + "'"
                          : "byte " + std::to_string(static_cast<unsigned char>(c));
  return make(TokenKind::Error, start, "unexpected character " + shown);
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::End:
      return "end of expression";
    case TokenKind::Integer:
    case TokenKind::Decimal:
      return "number " + t.value;
    case TokenKind::String:
      return "string literal";
    case TokenKind::Identifier:
      return "'" + t.value + "'";
    case TokenKind::TaskVar:
      return "'$" + t.task + "." + t.value + "'";
    case TokenKind::UserVar:
    case TokenKind::Builtin:
      return "'" + t.value + "'";
    case TokenKind::LParen:
      return "'('";
    case TokenKind::RParen:
      return "')'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::Plus:
      return "'+'";
    case TokenKind::Minus:
      return "'-'";
    case TokenKind::Star:
      return "'*'";
    case TokenKind::Slash:
      return "'/'";
    case TokenKind::Percent:
      return "'%'";
    case TokenKind::Concat:
      return "'||'";
    case TokenKind::Less:
      return "'<'";
    case TokenKind::LessEq:
      return "'<='";
    case TokenKind::Greater:
      return "'>'";
    case TokenKind::GreaterEq:
      return "'>='";
    case TokenKind::Equal:
      return "'='";
    case TokenKind::NotEqual:
      return "'<>'";
    case TokenKind::Error:
      return t.value;
  }
  return "token";
}

}  // namespace taskweave::expr
