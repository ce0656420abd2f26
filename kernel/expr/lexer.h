// Splits expression text into tokens, tracking byte offsets for error positions. Comments
// (-- and // to end of line) and whitespace (spaces, tabs, CR, LF) are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace taskweave::expr {

enum class TokenKind {
  End,
  Integer,     // 42
  Decimal,     // 4.2, .5, 1e3
  String,      // 'it''s' (value has the quotes removed and '' unescaped)
  Identifier,  // keywords, status words, function names, SYSDATE ...
  TaskVar,     // $task.Var
  UserVar,     // $$Var
  Builtin,     // $PMWorkflowName, $Param
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Concat,
  Less,
  LessEq,
  Greater,
  GreaterEq,
  Equal,
  NotEqual,
  Error,  // a character or construct that cannot start a token; value says why
};

struct Token {
  TokenKind kind = TokenKind::End;
  size_t offset = 0;  // byte offset in the expression text
  size_t length = 0;
  std::string value;  // decoded string literal, identifier text, error message
  std::string task;   // TaskVar: the task part; value holds the variable part
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}
  Token next();

 private:
  void skip_blanks_and_comments();
  Token number();
  Token string_literal();
  Token dollar();
  Token make(TokenKind kind, size_t start, std::string value = {});

  std::string_view text_;
  size_t pos_ = 0;
};

// A human description of a token kind for "expected X but found Y" messages.
std::string describe(const Token& token);

}  // namespace taskweave::expr
