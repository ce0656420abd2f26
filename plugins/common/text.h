// Small text helpers for plugin messages: attribute values keep PowerCenter's CR LF line
// breaks, which make unreadable log lines and must not count as content.
#pragma once

#include <string>
#include <string_view>

namespace taskweave::plugins {

// `text` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view text);

// True when `text` is empty or only spaces, tabs, CRs and LFs.
bool is_blank(std::string_view text);

// `text` on one line for a log message: every run of CR/LF becomes a single space.
std::string one_line(std::string_view text);

}  // namespace taskweave::plugins
