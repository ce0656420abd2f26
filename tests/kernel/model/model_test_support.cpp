#include "model_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "model/plan.h"
#include "run_process.h"
#include "temp_dir.h"

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

std::string fixture(const std::string& name) {
  return std::string(TW_SOURCE_DIR) + "/tests/kernel/model/fixtures/" + name;
}

std::string draw(const Workflow& wf, GraphFormat format) {
  std::ostringstream out;
  write_graph(out, wf, format);
  return out.str();
}

std::string plan_of(const std::string& file, const std::string& label) {
  LoadResult r = load_export(file);
  EXPECT_FALSE(r.diagnostics.has_errors());
  std::ostringstream out;
  write_plan_json(out, label, r.workflows);
  return out.str();
}

std::vector<std::filesystem::path> corpus_files() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(TW_CORPUS_DIR, ec)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".xml" || ext == ".XML") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int exit_status_of(const std::vector<std::string>& argv) {
  const auto result = taskweave::testing::run_process(argv);
  EXPECT_EQ(result.spawn_error, "") << argv.front();
  return result.exit_code;
}

std::filesystem::path write_in(const std::filesystem::path& dir, const std::string& name,
                               const std::string& contents) {
  const auto file = dir / name;
  taskweave::testing::write_file(file, contents);
  return file;
}

}  // namespace taskweave::model::testing
