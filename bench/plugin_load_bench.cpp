// Time to discover and load every built-in plugin (target: under 20 ms on 2 cores).
//
// Each iteration copies the built plugins into a fresh directory first (untimed): new inodes,
// so the dynamic linker really maps and relocates every library again instead of handing back
// the handle of a library this process already loaded. The page cache stays warm, as it is
// for a CLI started twice in a row. BM_ReloadMapped shows the loader's own overhead (listing,
// trust and ELF checks, descriptor checks) when the libraries are already mapped.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "plugin_host/plugin_registry.h"

namespace {

namespace fs = std::filesystem;
namespace ph = taskweave::plugin_host;

const fs::path kBuiltinDir = TW_BUILD_PLUGIN_DIR;

size_t copy_builtins(const fs::path& to) {
  fs::create_directories(to);
  fs::permissions(to, fs::perms(0755));
  size_t copied = 0;
  for (const auto& entry : fs::directory_iterator(kBuiltinDir))
    if (ph::is_plugin_file_name(entry.path().filename().string())) {
      fs::copy_file(entry.path(), to / entry.path().filename());
      ++copied;
    }
  return copied;
}

ph::PluginRegistry load(const fs::path& dir) {
  ph::RegistryOptions options;
  options.search_path = {{dir, "--plugins-dir", true}};
  return ph::PluginRegistry::load(options);
}

void BM_DiscoverAndLoadBuiltins(benchmark::State& state) {
  const fs::path scratch =
      fs::temp_directory_path() / ("tw-plugin-bench-" + std::to_string(::getpid()));
  size_t plugins = 0;
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = scratch / std::to_string(round++);
    plugins = copy_builtins(dir);
    state.ResumeTiming();
    ph::PluginRegistry registry = load(dir);
    benchmark::DoNotOptimize(registry.plugins().data());
    state.PauseTiming();
    if (registry.plugins().size() != plugins) {
      state.SkipWithError("a built-in plugin was refused: run `taskweave plugins` to see why");
      break;
    }
    state.ResumeTiming();
  }
  fs::remove_all(scratch);
  if (plugins == 0) state.SkipWithError(("no built-in plugins in " + kBuiltinDir.string()).c_str());
  state.counters["plugins"] = static_cast<double>(plugins);
}
// Every iteration maps a fresh copy of every plugin, which is never unloaded: a fixed, modest
// iteration count keeps the process small.
BENCHMARK(BM_DiscoverAndLoadBuiltins)->Iterations(30)->Unit(benchmark::kMillisecond);

void BM_ReloadMapped(benchmark::State& state) {
  for (auto _ : state) {
    ph::PluginRegistry registry = load(kBuiltinDir);
    benchmark::DoNotOptimize(registry.plugins().data());
  }
}
BENCHMARK(BM_ReloadMapped)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
