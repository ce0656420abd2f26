// `graph --format dot` output renders with Graphviz (dot -Tsvg): a fixture and the largest real
// export.
#include <gtest/gtest.h>

#include "model/model.h"
#include "model_test_support.h"
#include "temp_dir.h"

namespace taskweave::model {
namespace {

const std::string kFixture = testing::fixture("graph_small.xml");

TEST(GraphExport, DotRendersWithGraphviz) {
  LoadResult r = load_export(kFixture);
  ASSERT_EQ(r.workflows.size(), 1u);
  std::vector<const Workflow*> drawn{r.workflows[0].get()};
  // The largest real export too, when the corpus is there.
  std::vector<LoadResult> corpus;
  for (const auto& file : testing::corpus_files()) {
    if (file.filename().string().find("WKF_LDC_1105") == std::string::npos) continue;
    corpus.push_back(load_export(file.string()));
    ASSERT_EQ(corpus.back().workflows.size(), 1u);
    drawn.push_back(corpus.back().workflows[0].get());
  }
  ::taskweave::testing::TempDir dir("tw-model");
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const auto dot = testing::write_in(dir.path(), "g" + std::to_string(i) + ".dot",
                                       testing::draw(*drawn[i], GraphFormat::Dot));
    const auto svg = dir.path() / ("g" + std::to_string(i) + ".svg");
    ASSERT_EQ(testing::exit_status_of({"dot", "-Tsvg", dot.string(), "-o", svg.string()}), 0)
        << "dot rejected " << dot;
    EXPECT_NE(::taskweave::testing::read_file(svg).find("<svg"), std::string::npos);
  }
}

}  // namespace
}  // namespace taskweave::model
