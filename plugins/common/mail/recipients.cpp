#include "common/text.h"
#include "mail.h"

namespace taskweave::plugins::mail {

std::vector<std::string> parse_recipients(std::string_view text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find_first_of(";,", begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = trim(text.substr(begin, end - begin));
    if (!item.empty()) out.emplace_back(item);
    begin = end + 1;
  }
  return out;
}

}  // namespace taskweave::plugins::mail
