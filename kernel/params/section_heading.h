// The `[...]` headings of a parameter file, parsed into the scope they address.
//
//   [Global]                                  everything
//   [Service:IS] / [Service:IS.ND:node]       one Integration Service (process)
//   [folder.WF:wf]                            a workflow
//   [folder.WF:wf.WT:wkl(.WT:inner)*]         a worklet instance path inside the workflow
//   [folder.WF:wf(.WT:wkl)*.ST:session]       a session at that path
//   [folder.ST:session]                       every session of that name in the folder
//   [session]                                 every session of that name
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/result.h"

namespace taskweave::params {

struct SectionHeading {
  enum class Kind { Global, Service, Workflow, FolderSession, Session };
  Kind kind = Kind::Global;
  std::string service;                // Service
  std::string node;                   // Service with .ND:
  std::string folder;                 // Workflow, FolderSession
  std::string workflow;               // Workflow
  std::vector<std::string> worklets;  // Workflow: instance path, outermost first
  std::string session;                // Workflow (optional), FolderSession, Session
};

// Parses the text between the brackets. An error explains what was expected; the caller adds
// the file and line.
expr::Result<SectionHeading> parse_section_heading(std::string_view text);

}  // namespace taskweave::params
