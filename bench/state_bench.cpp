// Cost of persisting task transitions in the state store, per task, as the scheduler drives it:
// each task is task_started + task_finished + one link evaluation, and a checkpoint (one journal
// write) every N tasks. N = 1 is a chain (every completion starts one successor, so every task
// pays a checkpoint); larger N are wide layers where one completion makes many tasks ready. The
// last iteration ends the run, which waits for the background folder, so folding into SQLite is
// inside the figures; CPU is the whole process's (the folder thread included). One benchmark
// iteration is one task, so Time and CPU are per task.
//
//   build/bin/state_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "state/state_store.h"

namespace {

using namespace taskweave;

class BenchDir {
 public:
  BenchDir()
      : path_(std::filesystem::temp_directory_path() /
              ("tw_state_bench_" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path_);
  }
  ~BenchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void BM_TaskTransitions(benchmark::State& state) {
  const int64_t tasks_per_checkpoint = state.range(0);
  BenchDir dir;
  auto opened = state::StateStore::open(dir.path());
  if (!opened) {
    state.SkipWithError(opened.error().c_str());
    return;
  }
  auto& store = *opened.value();
  run::RunInfo info;
  info.run_id = store.new_run_id();
  info.workflow = "wf_bench";
  store.run_started(info);
  store.checkpoint();

  run::TaskEvent event;
  event.run_id = info.run_id;
  event.type = "Command";
  event.start = expr::DateTime{1'790'000'000, 0};
  run::LinkEvent link;
  link.run_id = info.run_id;
  link.condition = "$prev.Status = SUCCEEDED";
  link.result = true;

  int64_t n = 0;
  std::string previous = "Start";
  for (auto _ : state) {
    event.path = "t" + std::to_string(n);
    event.status = expr::Status::Started;
    event.end = {};
    store.task_started(event);
    event.status = expr::Status::Succeeded;
    event.end = expr::DateTime{1'790'000'001, 0};
    store.task_finished(event);
    link.from = previous;
    link.to = event.path;
    store.link_evaluated(link);
    previous = event.path;
    if (++n % tasks_per_checkpoint == 0) store.checkpoint();
    if (n == static_cast<int64_t>(state.max_iterations)) {
      info.status = run::RunStatus::Succeeded;
      store.run_finished(info);  // folds whatever the folder has not folded yet
    }
  }
  if (!store.write_error().empty()) state.SkipWithError(store.write_error().c_str());
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_TaskTransitions)
    ->ArgName("tasks_per_checkpoint")
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Iterations(100000)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
