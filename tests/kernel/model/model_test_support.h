// Helpers for the model tests: small exports written inline, diagnostics looked up by code.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/graph_export.h"
#include "model/model.h"

namespace taskweave::model::testing {

// An export whose line 5 is the first line of `body` (lines 1-4: XML declaration, POWERMART,
// REPOSITORY, FOLDER), so tests can state line numbers by counting from 5.
std::string export_xml(std::string_view body, std::string_view encoding = "UTF-8");

LoadResult load_text(const std::string& xml, const Selection& selection = {});

// The only diagnostic with this code; fails the test (and returns a blank one) otherwise.
Diagnostic only(const LoadResult& result, std::string_view code);

// The 1-based column of the first occurrence of `needle` in `line`.
std::uint32_t column_of(std::string_view line, std::string_view needle);

// The path of tests/kernel/model/fixtures/`name`.
std::string fixture(const std::string& name);

// `wf` as write_graph draws it in `format`.
std::string draw(const Workflow& wf, GraphFormat format);

// The `plan --json` of the export `file` (which must load without errors), naming it `label`.
std::string plan_of(const std::string& file, const std::string& label);

// Every *.xml / *.XML file of the corpus (TW_CORPUS_DIR), sorted; empty when it is absent.
std::vector<std::filesystem::path> corpus_files();

// Runs a program (no shell) and returns its exit status.
int exit_status_of(const std::vector<std::string>& argv);

// `dir`/`name` holding `contents`.
std::filesystem::path write_in(const std::filesystem::path& dir, const std::string& name,
                               const std::string& contents);

}  // namespace taskweave::model::testing
