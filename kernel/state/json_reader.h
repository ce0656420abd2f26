// A small pull reader for the JSON the state store writes itself (event_batch.h): objects,
// arrays, strings with escapes, numbers, true/false/null. The store reads its own batches with
// it instead of through SQLite's JSON functions, which re-parse an event for every field and
// made loading a 100,000-task run take seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taskweave::state {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  // Skips blanks; consumes `c` and returns true when it comes next.
  bool consume(char c);
  // A string literal, unescaped (\uXXXX as UTF-8, surrogate pairs joined).
  std::optional<std::string> string();
  // Any value, skipped.
  bool skip_value();

  // The next value is a number: its text ("-12", "0.5", "1e300").
  std::optional<std::string_view> number();
  // The next value is a literal: true, false or null.
  bool literal(std::string_view word);

  bool failed() const { return failed_; }
  bool at_end();

 private:
  void skip_blanks();
  bool fail() {
    failed_ = true;
    return false;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

}  // namespace taskweave::state
