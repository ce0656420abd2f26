#include "params/expand_variables.h"

namespace taskweave::params {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

expr::Result<std::string> expand_variables(std::string_view text, const VariableLookup& lookup,
                                           UnknownVariable unknown) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$') {
      out += text[i++];
      continue;
    }
    std::size_t start = i;
    std::size_t name = i + 1;
    if (name < text.size() && text[name] == '$') ++name;
    if (name >= text.size() || !is_name_start(text[name])) {
      out.append(text.substr(start, name - start));
      i = name;
      continue;
    }
    std::size_t end = name;
    while (end < text.size() && is_name_char(text[end])) ++end;
    std::string_view reference = text.substr(start, end - start);
    auto value = lookup(reference);
    if (value) {
      out += *value;
    } else if (unknown == UnknownVariable::Keep) {
      out.append(reference);
    } else {
      return expr::Error{"unknown variable " + std::string(reference) + " in '" +
                         std::string(text) + "'"};
    }
    i = end;
  }
  return out;
}

}  // namespace taskweave::params
