// Loading and validating real PowerCenter exports (model::load_export: read, transcode, parse,
// build the model, validate): throughput over the whole corpus, next to pugixml parsing the same
// files alone, and the peak heap each file needs relative to its size.
//
//   build/bin/model_load_bench            (corpus: $TW_CORPUS_DIR, else the build's default)
//
// Targets (issue 4): at least 100 MB/s; peak memory under 3x the file size. Heap is measured by
// counting every allocation (operator new and pugixml's allocator) with malloc_usable_size, so
// the figures include allocator rounding; maxrss is the whole process.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace {

std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void* counted_malloc(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (!p) return nullptr;
  const std::size_t live = g_live += malloc_usable_size(p);
  std::size_t peak = g_peak.load();
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
  }
  return p;
}

void counted_free(void* p) {
  if (!p) return;
  g_live -= malloc_usable_size(p);
  std::free(p);
}

std::vector<std::filesystem::path> corpus() {
  const char* env = std::getenv("TW_CORPUS_DIR");
  const std::filesystem::path dir = env ? env : TW_DEFAULT_CORPUS_DIR;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const auto ext = e.path().extension().string();
    if (ext == ".xml" || ext == ".XML") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::size_t total_size(const std::vector<std::filesystem::path>& files) {
  std::size_t bytes = 0;
  for (const auto& f : files) bytes += std::filesystem::file_size(f);
  return bytes;
}

void BM_LoadAndValidateCorpus(benchmark::State& state) {
  const auto files = corpus();
  if (files.empty()) {
    state.SkipWithError("corpus not found; set TW_CORPUS_DIR");
    return;
  }
  std::size_t errors = 0;
  for (auto _ : state) {
    for (const auto& f : files) {
      const taskweave::model::LoadResult r = taskweave::model::load_export(f.string());
      errors += r.diagnostics.error_count();
      benchmark::DoNotOptimize(r.workflows.data());
    }
  }
  const double bytes = static_cast<double>(total_size(files));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.counters["MB/s"] = benchmark::Counter(bytes / 1e6 * static_cast<double>(state.iterations()),
                                              benchmark::Counter::kIsRate);
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["errors"] = static_cast<double>(errors);
}
BENCHMARK(BM_LoadAndValidateCorpus)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The peer: pugixml alone (its own file reading and Latin-1 conversion, default flags).
void BM_PugixmlParseOnly(benchmark::State& state) {
  const auto files = corpus();
  if (files.empty()) {
    state.SkipWithError("corpus not found; set TW_CORPUS_DIR");
    return;
  }
  for (auto _ : state) {
    for (const auto& f : files) {
      pugi::xml_document doc;
      benchmark::DoNotOptimize(doc.load_file(f.c_str()).status);
    }
  }
  const double bytes = static_cast<double>(total_size(files));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.counters["MB/s"] = benchmark::Counter(bytes / 1e6 * static_cast<double>(state.iterations()),
                                              benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PugixmlParseOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Peak heap while loading each file, and what stays allocated while its result is held, as
// multiples of the file's size. "worst" is the worst single file (small files pay pugixml's
// fixed 32 KiB pages); "total" is the sum over files of the peaks divided by the corpus size;
// "large" is the worst file of 1 MB or more.
void BM_PeakMemory(benchmark::State& state) {
  const auto files = corpus();
  if (files.empty()) {
    state.SkipWithError("corpus not found; set TW_CORPUS_DIR");
    return;
  }
  double worst = 0, worst_large = 0, peak_sum = 0, retained_sum = 0, size_sum = 0;
  for (auto _ : state) {
    for (const auto& f : files) {
      const double size = static_cast<double>(std::filesystem::file_size(f));
      const std::size_t base = g_live.load();
      g_peak = base;
      double retained = 0;
      {
        const taskweave::model::LoadResult r = taskweave::model::load_export(f.string());
        retained = static_cast<double>(g_live.load() - base);
      }
      const double peak = static_cast<double>(g_peak.load() - base);
      worst = std::max(worst, peak / size);
      if (size >= 1e6) worst_large = std::max(worst_large, peak / size);
      peak_sum += peak;
      retained_sum += retained;
      size_sum += size;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_x_worst"] = worst;
  state.counters["peak_x_large"] = worst_large;
  state.counters["peak_x_total"] = peak_sum / size_sum;
  state.counters["retained_x_total"] = retained_sum / size_sum;
  state.counters["maxrss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_PeakMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

// Count every C++ allocation of the process (the model's) ...
void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

int main(int argc, char** argv) {
  // ... and pugixml's (the DOM).
  pugi::set_memory_management_functions(counted_malloc, counted_free);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
