// Every expression in the real PowerCenter exports parses: each WORKFLOWLINK CONDITION, each
// Decision task's "Decision Name" attribute and each Assignment task's VALUEPAIR VALUE.
// Skipped when the corpus directory (TW_CORPUS_DIR) is absent.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "expr/expr.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

namespace fs = std::filesystem;

// The encoding named in the XML declaration. pugixml reads ISO-8859-1 natively; Windows-1252
// differs from it only in 0x80-0x9F, which no expression in the corpus uses, so it is read as
// Latin-1 here.
pugi::xml_encoding declared_encoding(const std::string& bytes) {
  const std::string head = text::to_lower(bytes.substr(0, bytes.find("?>")));
  if (head.find("iso-8859-1") != std::string::npos ||
      head.find("windows-1252") != std::string::npos)
    return pugi::encoding_latin1;
  return pugi::encoding_utf8;
}

struct Expression {
  std::string file;
  std::string kind;
  std::string text;
};

std::vector<Expression> expressions_in(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  pugi::xml_document doc;
  auto loaded =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, declared_encoding(bytes));
  EXPECT_TRUE(loaded) << path << ": " << loaded.description();
  std::vector<Expression> out;
  const std::string file = path.filename().string();
  for (auto link : doc.select_nodes("//WORKFLOWLINK"))
    out.push_back({file, "link condition", link.node().attribute("CONDITION").value()});
  for (auto attr : doc.select_nodes("//TASK[@TYPE='Decision']/ATTRIBUTE[@NAME='Decision Name']"))
    out.push_back({file, "Decision", attr.node().attribute("VALUE").value()});
  for (auto pair : doc.select_nodes("//TASK[@TYPE='Assignment']/VALUEPAIR"))
    out.push_back({file, "Assignment", pair.node().attribute("VALUE").value()});
  return out;
}

TEST(Corpus, EveryExpressionParses) {
  const fs::path dir = TW_CORPUS_DIR;
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not found at " << dir;
  size_t files = 0, total = 0, non_empty = 0;
  std::map<std::string, size_t> per_kind;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = text::to_lower(entry.path().extension().string());
    if (!entry.is_regular_file() || ext != ".xml") continue;
    ++files;
    for (const Expression& e : expressions_in(entry.path())) {
      ++total;
      ++per_kind[e.kind];
      ParseResult r = parse(e.text);
      ASSERT_FALSE(r.error) << e.file << " " << e.kind << " [" << e.text << "]: " << r.error->line
                            << ":" << r.error->column << " " << r.error->message;
      if (!r.expr->empty()) ++non_empty;
      EXPECT_TRUE(r.expr->type_errors().empty())
          << e.file << " [" << e.text << "]: " << r.expr->type_errors().front().message;
    }
  }
  EXPECT_GT(files, 0u);
  EXPECT_GT(per_kind["link condition"], 0u);
  EXPECT_GT(per_kind["Decision"], 0u);
  EXPECT_GT(per_kind["Assignment"], 0u);
  std::cout << "parsed " << total << " expressions (" << non_empty << " non-empty) from " << files
            << " files: " << per_kind["link condition"] << " link conditions, "
            << per_kind["Decision"] << " Decision conditions, " << per_kind["Assignment"]
            << " Assignment values\n";
}

}  // namespace
}  // namespace taskweave::expr
