#include "session/command_template.h"

namespace taskweave::plugins::session {
namespace {

bool name_start(char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '.'; }

// Length of the placeholder name at text[pos] up to a closing '}', or 0 when there is none.
size_t placeholder_length(std::string_view text, size_t pos) {
  if (pos >= text.size() || !name_start(text[pos])) return 0;
  size_t end = pos;
  while (end < text.size() && name_char(text[end])) ++end;
  return end < text.size() && text[end] == '}' ? end - pos : 0;
}

}  // namespace

sdk::Expected<std::string> fill_template(
    std::string_view text, const PlaceholderLookup& lookup,
    const std::function<std::string(std::string_view name)>& unknown_hint) {
  std::string out;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    size_t length = 0;
    bool shell_brace = pos > 0 && text[pos - 1] == '$';
    if (text[pos] == '{' && !shell_brace) length = placeholder_length(text, pos + 1);
    if (length == 0) {
      out += text[pos];
      continue;
    }
    std::string_view name = text.substr(pos + 1, length);
    auto value = lookup(name);
    if (!value)
      return sdk::Expected<std::string>::failure(
          "unknown placeholder {" + std::string(name) +
          "} in the command template: " + unknown_hint(name));
    out += *value;
    pos += length + 1;  // past the name and the closing brace
  }
  return out;
}

}  // namespace taskweave::plugins::session
