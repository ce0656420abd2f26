// A Graph built directly in memory (no XML), for the graph-analysis tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/graph.h"

namespace taskweave::model::testing {

// A Graph built directly (no XML): tasks "t0".."t<n-1>", t0 is Start.
struct TestGraph {
  std::vector<std::string> names;
  Graph graph;

  TestGraph(std::size_t n, const std::vector<std::pair<TaskIndex, TaskIndex>>& edges) {
    names.reserve(n);  // the Graph holds views of these strings
    for (std::size_t i = 0; i < n; ++i) {
      names.push_back("t" + std::to_string(i));
      TaskInstance t;
      t.name = names.back();
      t.type = i == 0 ? TaskType::Start : TaskType::Command;
      graph.tasks.push_back(t);
    }
    graph.start = 0;
    for (auto [from, to] : edges) {
      const auto index = static_cast<LinkIndex>(graph.links.size());
      Link link;
      link.from = from;
      link.to = to;
      graph.links.push_back(link);
      graph.tasks[from].out_links.push_back(index);
      graph.tasks[to].in_links.push_back(index);
    }
  }
};

}  // namespace taskweave::model::testing
