#include "params/param_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace taskweave::params {
namespace {

using Kind = SectionHeading::Kind;

// Lowest ranks first: a session's own sections beat its workflow's and worklets', and a longer
// worklet path beats a shorter one (docs/params.md).
constexpr int kGlobalRank = 0;
constexpr int kServiceRank = 1;
constexpr int kWorkflowRank = 10;  // + worklet path length
constexpr int kSessionRank = 1000;
constexpr int kFolderSessionRank = 1001;
constexpr int kWorkflowSessionRank = 1002;

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& path) {
  if (prefix.size() > path.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (!iequals(prefix[i], path[i])) return false;
  return true;
}

bool same_path(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && is_prefix(a, b);
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

int section_rank(const SectionHeading& h, const ParamScope& scope) {
  switch (h.kind) {
    case Kind::Global:
      return kGlobalRank;
    case Kind::Service:
      // Node-specific sections address one node of a grid; taskweave has no nodes.
      return !scope.service.empty() && h.node.empty() && iequals(h.service, scope.service)
                 ? kServiceRank
                 : -1;
    case Kind::Session:
      return !scope.session.empty() && iequals(h.session, scope.session) ? kSessionRank : -1;
    case Kind::FolderSession:
      return !scope.session.empty() && iequals(h.folder, scope.folder) &&
                     iequals(h.session, scope.session)
                 ? kFolderSessionRank
                 : -1;
    case Kind::Workflow:
      if (!iequals(h.folder, scope.folder) || !iequals(h.workflow, scope.workflow)) return -1;
      if (h.session.empty()) {
        return is_prefix(h.worklets, scope.worklets)
                   ? kWorkflowRank + static_cast<int>(h.worklets.size())
                   : -1;
      }
      return !scope.session.empty() && iequals(h.session, scope.session) &&
                     same_path(h.worklets, scope.worklets)
                 ? kWorkflowSessionRank
                 : -1;
  }
  return -1;
}

expr::Result<ParamFile> ParamFile::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return expr::Error{"cannot read parameter file " + path.string() + ": it is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return expr::Error{"cannot read parameter file " + path.string() + ": " + std::strerror(errno)};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return expr::Error{"cannot read parameter file " + path.string() + ": read error"};
  return parse(text.str(), path.string());
}

expr::Result<ParamFile> ParamFile::parse(std::string_view text, const std::string& source_name) {
  ParamFile file;
  file.source_name_ = source_name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  int line_number = 0;
  while (!text.empty() || line_number == 0) {
    ++line_number;
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto where = [&] { return source_name + ":" + std::to_string(line_number) + ": "; };

    std::string_view stripped = trim_blanks(line);
    if (stripped.empty() || stripped.front() == '#') continue;
    if (stripped.front() == '[') {
      if (stripped.back() != ']')
        return expr::Error{where() + "section heading without a closing ']'"};
      auto heading = parse_section_heading(stripped.substr(1, stripped.size() - 2));
      if (!heading) return expr::Error{where() + heading.error()};
      file.sections_.push_back({std::move(heading).value(), {}});
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;  // neither heading nor assignment: a comment
    if (eq == 0) return expr::Error{where() + "missing name before '='"};
    if (file.sections_.empty())
      return expr::Error{where() + "'" + std::string(line.substr(0, eq)) +
                         "' appears before any [section] heading (add [Global] above it)"};
    file.sections_.back().entries.push_back(
        {std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)), line_number});
  }
  return file;
}

const ParamEntry* ParamFile::find(std::string_view name, const ParamScope& scope) const {
  const ParamEntry* best = nullptr;
  int best_rank = -1;
  for (const auto& section : sections_) {
    int rank = section_rank(section.heading, scope);
    if (rank < 0 || rank < best_rank) continue;
    // Equal rank: the later section or line wins, so keep scanning in file order.
    for (const auto& entry : section.entries) {
      if (iequals(entry.name, name)) {
        best = &entry;
        best_rank = rank;
      }
    }
  }
  return best;
}

std::optional<std::string> ParamFile::lookup(std::string_view name, const ParamScope& scope) const {
  const ParamEntry* entry = find(name, scope);
  if (!entry) return std::nullopt;
  return entry->value;
}

std::map<std::string, std::string, CaseInsensitiveLess> ParamFile::visible(
    const ParamScope& scope) const {
  std::map<std::string, std::string, CaseInsensitiveLess> out;
  std::map<std::string, int, CaseInsensitiveLess> ranks;
  for (const auto& section : sections_) {
    int rank = section_rank(section.heading, scope);
    if (rank < 0) continue;
    for (const auto& entry : section.entries) {
      auto [it, inserted] = ranks.emplace(entry.name, rank);
      if (!inserted && it->second > rank) continue;
      it->second = rank;
      out.insert_or_assign(entry.name, entry.value);
    }
  }
  return out;
}

std::vector<ParamEntry> ParamFile::entries() const {
  std::vector<ParamEntry> out;
  for (const auto& section : sections_)
    out.insert(out.end(), section.entries.begin(), section.entries.end());
  return out;
}

}  // namespace taskweave::params
