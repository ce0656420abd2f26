#include "session/row_counts.h"

#include <charconv>
#include <fstream>

#include "common/text.h"

namespace taskweave::plugins::session {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// The integer variables, by name, as members of RowCounts.
struct IntegerField {
  const char* name;
  int64_t RowCounts::*member;
};
constexpr IntegerField kIntegerFields[] = {
    {"SrcSuccessRows", &RowCounts::src_success_rows},
    {"SrcFailedRows", &RowCounts::src_failed_rows},
    {"TgtSuccessRows", &RowCounts::tgt_success_rows},
    {"TgtFailedRows", &RowCounts::tgt_failed_rows},
    {"TotalTransErrors", &RowCounts::total_trans_errors},
    {"FirstErrorCode", &RowCounts::first_error_code},
};
constexpr const char* kFirstErrorMsg = "FirstErrorMsg";

}  // namespace

bool RowCounts::known(std::string_view name) {
  for (const auto& field : kIntegerFields)
    if (same_ignoring_case(name, field.name)) return true;
  return same_ignoring_case(name, kFirstErrorMsg);
}

std::optional<std::string> RowCounts::set(std::string_view name, std::string_view value) {
  if (same_ignoring_case(name, kFirstErrorMsg)) {
    first_error_msg = std::string(value);
    return std::nullopt;
  }
  for (const auto& field : kIntegerFields) {
    if (!same_ignoring_case(name, field.name)) continue;
    std::string_view digits = trim(value);
    int64_t number = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty())
      return std::string(field.name) + " must be an integer, not \"" + std::string(value) + "\"";
    this->*field.member = number;
    return std::nullopt;
  }
  return "unknown variable " + std::string(name) +
         " (expected SrcSuccessRows, SrcFailedRows, TgtSuccessRows, TgtFailedRows, "
         "TotalTransErrors, FirstErrorCode or FirstErrorMsg)";
}

void RowCounts::publish(const sdk::Context& ctx) const {
  for (const auto& field : kIntegerFields)
    ctx.set_output(field.name, sdk::make_integer(this->*field.member));
  ctx.set_output(kFirstErrorMsg, sdk::make_string(first_error_msg));
}

std::string RowCounts::summary() const {
  std::string text;
  for (const auto& field : kIntegerFields) {
    if (!text.empty()) text += ' ';
    text += std::string(field.name) + "=" + std::to_string(this->*field.member);
  }
  return text;
}

std::vector<std::string> read_stats_file(const std::filesystem::path& file, RowCounts& counts) {
  std::vector<std::string> problems;
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    auto where = file.string() + ":" + std::to_string(number) + ": ";
    size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
      problems.push_back(where + "not a KEY=VALUE line: " + std::string(text));
      continue;
    }
    if (auto error = counts.set(trim(text.substr(0, equals)), text.substr(equals + 1)))
      problems.push_back(where + *error);
  }
  return problems;
}

}  // namespace taskweave::plugins::session
