// Small case-insensitive text helpers shared by the lexer, the function table and values.
#pragma once

#include <string>
#include <string_view>

namespace taskweave::expr::text {

char to_upper(char c);
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// Quotes a value for an error message, shortened when long: 'abc', 'very long tex...'.
std::string quote(std::string_view s);

}  // namespace taskweave::expr::text
