// Helpers for the model tests: small exports written inline, diagnostics looked up by code.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace taskweave::model::testing
