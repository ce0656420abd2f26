// Every real export in the corpus loads without errors, and its instance and link totals
// (workflow plus worklets) match SOURCES.tsv.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "model/model.h"
#include "model_test_support.h"

namespace taskweave::model {
namespace {

struct Expected {
  std::string kind;
  std::size_t instances = 0;
  std::size_t links = 0;
};

// filename -> expected totals, from the corpus's SOURCES.tsv (columns looked up by header).
std::map<std::string, Expected> read_sources() {
  std::map<std::string, Expected> out;
  std::ifstream in(std::string(TW_CORPUS_DIR) + "/SOURCES.tsv");
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::stringstream ss(s);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    return cells;
  };
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  while (std::getline(in, line)) {
    auto cells = split(line);
    if (header.empty()) {
      header = cells;
      continue;
    }
    if (cells.size() < header.size()) continue;
    out[cells[column("filename")]] = {cells[column("kind")],
                                      std::stoul(cells[column("n_taskinstance")]),
                                      std::stoul(cells[column("n_workflowlink")])};
  }
  return out;
}

TEST(Corpus, EveryFileLoadsAndTotalsMatchSources) {
  const auto files = testing::corpus_files();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TW_CORPUS_DIR;
  const auto sources = read_sources();
  ASSERT_EQ(sources.size(), files.size());
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    const LoadResult r = load_export(file.string());
    for (const auto& d : r.diagnostics.items())
      EXPECT_NE(d.severity, Severity::Error) << format_diagnostic(d);
    const auto it = sources.find(file.filename().string());
    ASSERT_NE(it, sources.end());
    std::size_t instances = 0, links = 0;
    for (const auto& w : r.workflows) {
      instances += w->root.tasks.size();
      links += w->root.links.size();
      for (const auto& g : w->worklet_graphs) {
        instances += g->tasks.size();
        links += g->links.size();
      }
    }
    EXPECT_EQ(instances, it->second.instances);
    EXPECT_EQ(links, it->second.links);
    EXPECT_EQ(r.workflows.size(), it->second.kind == "workflow" ? 1u : 0u);
  }
}

TEST(Corpus, StartNamedInicioComesOutAsUtf8) {
  const auto files = testing::corpus_files();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TW_CORPUS_DIR;
  int found = 0;
  for (const auto& file : files) {
    const LoadResult r = load_export(file.string());
    for (const auto& w : r.workflows) {
      std::vector<const Graph*> graphs{&w->root};
      for (const auto& g : w->worklet_graphs) graphs.push_back(g.get());
      for (const Graph* g : graphs)
        if (g->start != kNoTask && g->tasks[g->start].name ==
                                       "In\xC3\xAD"
                                       "cio")
          ++found;
    }
  }
  EXPECT_GT(found, 0);
}

TEST(Corpus, LoadWorkflowPicksTheOnlyWorkflow) {
  const auto files = testing::corpus_files();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TW_CORPUS_DIR;
  for (const auto& file : files) {
    if (file.filename().string().find("WKF_LDC_1000") == std::string::npos) continue;
    const SingleLoadResult r = load_workflow(file.string());
    ASSERT_NE(r.workflow, nullptr);
    EXPECT_EQ(r.workflow->name, "WKF_LDC_1000_PARAMETROS");
    EXPECT_EQ(r.workflow->parameter_filename,
              "/opt/infashared/ExtProc/pji_ldc/WKF_LDC_1000_PARAMETROS.INI");
    const Graph& root = r.workflow->root;
    const auto cmd = root.find_task("cmdSetup");
    ASSERT_TRUE(cmd.has_value());
    EXPECT_FALSE(root.tasks[*cmd].enabled);
  }
}

}  // namespace
}  // namespace taskweave::model
