// A PowerCenter parameter file (semantics.md §9, docs/params.md): `[section]` headings and
// `name=value` lines, looked up by the scope of the variable or parameter being resolved.
//
//   auto file = params::ParamFile::load("daily.par");
//   if (!file) { std::cerr << file.error() << "\n"; return 2; }
//   params::ParamScope scope{"SALES", "wf_daily", {"WKL_LOAD"}, ""};
//   std::optional<std::string> v = file->lookup("$$RUN_DATE", scope);
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/result.h"
#include "params/case_insensitive.h"
#include "params/section_heading.h"

namespace taskweave::params {

// Where a name is being resolved: a workflow variable (worklets and session empty), a worklet
// variable (worklets = instance path inside the workflow, outermost first) or a session's
// parameter (session set; worklets = the path of the worklet that contains it).
struct ParamScope {
  std::string folder;
  std::string workflow;
  std::vector<std::string> worklets;
  std::string session;
  std::string service;  // the Integration Service name, for [Service:...] sections
};

// One name=value line, with where it came from.
struct ParamEntry {
  std::string name;
  std::string value;
  int line = 0;
};

class ParamFile {
 public:
  // Reads and parses a file. Errors name the file (and line, for a malformed line).
  static expr::Result<ParamFile> load(const std::filesystem::path& path);
  // Parses text; `source_name` is used in error messages.
  static expr::Result<ParamFile> parse(std::string_view text, const std::string& source_name);

  // The value of `name` for `scope`: the most specific applicable section that sets it wins
  // (docs/params.md lists the order); within one section a later line wins. Case-insensitive.
  std::optional<std::string> lookup(std::string_view name, const ParamScope& scope) const;
  // The entry lookup() would use, with its line number (for "value from file:line" messages).
  const ParamEntry* find(std::string_view name, const ParamScope& scope) const;
  // Every name visible in `scope` with the value lookup() would return.
  std::map<std::string, std::string, CaseInsensitiveLess> visible(const ParamScope& scope) const;
  // Every entry of the file, in file order (for secret masking).
  std::vector<ParamEntry> entries() const;

  const std::string& source_name() const { return source_name_; }

 private:
  struct Section {
    SectionHeading heading;
    std::vector<ParamEntry> entries;
  };
  std::string source_name_;
  std::vector<Section> sections_;
};

// How specific a section is for a scope (greater wins), or -1 when it does not apply.
int section_rank(const SectionHeading& heading, const ParamScope& scope);

}  // namespace taskweave::params
