#include "model_test_support.h"

#include <gtest/gtest.h>

namespace taskweave::model::testing {

std::string export_xml(std::string_view body, std::string_view encoding) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"" + std::string(encoding) + "\"?>\n";
  xml += "<POWERMART REPOSITORY_VERSION=\"186.95\">\n";
  xml += "<REPOSITORY NAME=\"REP\">\n";
  xml += "<FOLDER NAME=\"FLD\">\n";
  xml += body;
  if (!xml.empty() && xml.back() != '\n') xml += '\n';
  xml += "</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";
  return xml;
}

LoadResult load_text(const std::string& xml, const Selection& selection) {
  return load_export_bytes(xml, "test.xml", selection);
}

Diagnostic only(const LoadResult& result, std::string_view code) {
  const Diagnostic* found = nullptr;
  int count = 0;
  for (const auto& d : result.diagnostics.items()) {
    if (d.code != code) continue;
    found = &d;
    ++count;
  }
  EXPECT_EQ(count, 1) << "diagnostics with code " << code;
  if (!found) {
    for (const auto& d : result.diagnostics.items()) ADD_FAILURE() << format_diagnostic(d);
    return {};
  }
  return *found;
}

std::uint32_t column_of(std::string_view line, std::string_view needle) {
  const auto at = line.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return static_cast<std::uint32_t>(at + 1);
}

}  // namespace taskweave::model::testing
