#include "params/section_heading.h"

#include <optional>

#include "params/case_insensitive.h"

namespace taskweave::params {
namespace {

using expr::Error;
using Kind = SectionHeading::Kind;

// One ".XX:name" part of a heading; the first part has an empty marker.
struct Part {
  std::string marker;  // "WF", "WT", "ST", "ND" (upper case) or "" for the first part
  std::string name;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The marker starting at text[i] (".WF:" and so on), if there is one.
std::optional<std::string> marker_at(std::string_view text, std::size_t i) {
  if (text[i] != '.' || i + 3 >= text.size() || text[i + 3] != ':') return std::nullopt;
  for (const char* m : {"WF", "WT", "ST", "ND"})
    if (iequals(text.substr(i + 1, 2), m)) return std::string(m);
  return std::nullopt;
}

std::vector<Part> split_parts(std::string_view text) {
  std::vector<Part> parts(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (auto marker = marker_at(text, i)) {
      parts.push_back({*marker, ""});
      i += 3;
    } else {
      parts.back().name += text[i];
    }
  }
  return parts;
}

const char* const kExpected =
    " (expected [Global], [Service:name], [folder.WF:workflow], [folder.WF:workflow.WT:worklet], "
    "[folder.WF:workflow.ST:session], [folder.ST:session] or [session])";

Error malformed(std::string_view text, const std::string& why) {
  return Error{"malformed section heading [" + std::string(text) + "]: " + why + kExpected};
}

expr::Result<SectionHeading> parse_service(std::string_view text, std::string_view rest) {
  auto parts = split_parts(rest);
  SectionHeading heading;
  heading.kind = Kind::Service;
  heading.service = parts[0].name;
  if (parts.size() == 2 && parts[1].marker == "ND") {
    heading.node = parts[1].name;
  } else if (parts.size() != 1) {
    return malformed(text, "a Service heading may only be followed by .ND:node");
  }
  if (heading.service.empty() || (parts.size() == 2 && heading.node.empty()))
    return malformed(text, "empty name");
  return heading;
}

}  // namespace

expr::Result<SectionHeading> parse_section_heading(std::string_view raw) {
  std::string_view text = trim(raw);
  if (text.empty()) return malformed(raw, "empty heading");
  if (istarts_with(text, "Service:")) return parse_service(text, text.substr(8));

  auto parts = split_parts(text);
  for (const auto& part : parts) {
    if (part.name.empty()) return malformed(text, "empty name");
    if (part.name.find(':') != std::string::npos)
      return malformed(text, "unexpected ':' in '" + part.name + "'");
  }

  SectionHeading heading;
  if (parts.size() == 1) {
    heading.kind = iequals(text, "Global") ? Kind::Global : Kind::Session;
    if (heading.kind == Kind::Session) heading.session = std::string(text);
    return heading;
  }
  heading.folder = parts[0].name;
  if (parts[1].marker == "ST") {
    if (parts.size() != 2) return malformed(text, "nothing may follow .ST:session");
    heading.kind = Kind::FolderSession;
    heading.session = parts[1].name;
    return heading;
  }
  if (parts[1].marker != "WF")
    return malformed(text, "the folder must be followed by .WF: or .ST:");
  heading.kind = Kind::Workflow;
  heading.workflow = parts[1].name;
  for (std::size_t i = 2; i < parts.size(); ++i) {
    const Part& part = parts[i];
    if (part.marker == "WT" && heading.session.empty()) {
      heading.worklets.push_back(part.name);
    } else if (part.marker == "ST" && heading.session.empty()) {
      heading.session = part.name;
    } else {
      return malformed(text, "unexpected ." + part.marker + ":" + part.name);
    }
  }
  return heading;
}

}  // namespace taskweave::params
