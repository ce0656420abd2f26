// The execution kernel's own cost, without process start-up or XML loading in the figure:
// runs a generated workflow of testkit.noop tasks (the in-process no-op test plugin, called
// through the real ABI) through the scheduler and executor, with or without the SQLite state
// store, and prints one JSON line:
//   {"shape":"chain","tasks":100000,"store":true,"seconds":..,"us_per_task":..,
//    "cpu_us_per_task":..,"latency_p50_us":..,"latency_p99_us":..,"peak_rss_mb":..}
// cpu = user + system time of the whole process (every thread: workers, the state store's
// folder) during the run: on a loaded machine it moves much less than the wall time.
// latency = from a task's end (its plugin run() returned) to its successor's start (the
// successor's run() called), over every link of the graph whose target waits only for it.
//
//   run_kernel_bench chain|layered|independent N [--width W] [--store DIR] [--max-parallel P]
//                    --plugins-dir DIR
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "model/model.h"
#include "plugin_host/plugin_registry.h"
#include "run/executor.h"
#include "run/host_api.h"
#include "run/inprocess_runner.h"
#include "run/run_config.h"
#include "run/scheduler.h"
#include "state/state_store.h"

namespace tw = taskweave;
using Clock = std::chrono::steady_clock;

namespace {

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Options {
  std::string shape = "chain";
  std::size_t tasks = 100'000;
  std::size_t width = 1000;
  std::string store;
  std::size_t max_parallel = 0;
  std::string plugins_dir;
};

// The same shapes as bench/run_make_workflow.py, as an in-memory export of testkit.noop tasks.
std::string make_export(const Options& o, std::vector<std::vector<std::size_t>>& predecessors) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\"?><POWERMART><REPOSITORY NAME=\"R\"><FOLDER NAME=\"BENCH\">"
         "<TASK NAME=\"work\" REUSABLE=\"YES\" TYPE=\"testkit.noop\"/><WORKFLOW NAME=\"wf\">"
         "<TASK NAME=\"Start\" TYPE=\"Start\"/>"
         "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n";
  predecessors.assign(o.tasks, {});
  for (std::size_t t = 0; t < o.tasks; ++t)
    xml << "<TASKINSTANCE NAME=\"T" << t
        << "\" REUSABLE=\"YES\" TASKNAME=\"work\" TASKTYPE=\"testkit.noop\"/>\n";
  auto link = [&](std::size_t from, std::size_t to, bool from_start) {
    xml << "<WORKFLOWLINK FROMTASK=\""
        << (from_start ? std::string("Start") : "T" + std::to_string(from)) << "\" TOTASK=\"T" << to
        << "\" CONDITION=\"\"/>\n";
    if (!from_start) predecessors[to].push_back(from);
  };
  const std::size_t width = o.shape == "chain" ? 1 : o.shape == "independent" ? o.tasks : o.width;
  for (std::size_t t = 0; t < o.tasks; ++t) {
    const std::size_t layer = t / width, i = t % width;
    if (layer == 0) {
      link(0, t, true);
      continue;
    }
    const std::size_t above = (layer - 1) * width;
    link(above + i, t, false);
  }
  xml << "</WORKFLOW></FOLDER></REPOSITORY></POWERMART>\n";
  return xml.str();
}

// Wraps the real in-process runner to time each task's run() call.
class TimedRunner : public tw::run::TaskRunner {
 public:
  TimedRunner(tw::run::TaskRunner& inner, std::size_t tasks)
      : inner_(inner), begin_(tasks + 1), end_(tasks + 1) {}

  std::unique_ptr<tw::run::TaskExecution> start(tw::run::TaskId task) override {
    return std::make_unique<Timed>(*this, task, inner_.start(task));
  }
  // Task index in the graph is the TASKINSTANCE order: Start is 0, T<i> is i + 1.
  Clock::time_point begin(std::size_t t) const { return begin_[t + 1]; }
  Clock::time_point end(std::size_t t) const { return end_[t + 1]; }

 private:
  class Timed : public tw::run::TaskExecution {
   public:
    Timed(TimedRunner& owner, tw::run::TaskId id, std::unique_ptr<tw::run::TaskExecution> inner)
        : owner_(owner), id_(id), inner_(std::move(inner)) {}
    tw::run::RunnerResult run() override {
      owner_.begin_[id_.task] = Clock::now();
      auto result = inner_->run();
      owner_.end_[id_.task] = Clock::now();
      return result;
    }
    void cancel(tw::run::CancelKind kind) override { inner_->cancel(kind); }

   private:
    TimedRunner& owner_;
    tw::run::TaskId id_;
    std::unique_ptr<tw::run::TaskExecution> inner_;
  };
  tw::run::TaskRunner& inner_;
  std::vector<Clock::time_point> begin_, end_;
};

bool parse(int argc, char** argv, Options& o) {
  if (argc < 3) return false;
  o.shape = argv[1];
  o.tasks = std::stoul(argv[2]);
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--width")
      o.width = std::stoul(value);
    else if (flag == "--store")
      o.store = value;
    else if (flag == "--max-parallel")
      o.max_parallel = std::stoul(value);
    else if (flag == "--plugins-dir")
      o.plugins_dir = value;
    else
      return false;
  }
  return !o.plugins_dir.empty() &&
         (o.shape == "chain" || o.shape == "layered" || o.shape == "independent");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::cerr << "usage: run_kernel_bench chain|layered|independent N [--width W] [--store DIR] "
                 "[--max-parallel P] --plugins-dir DIR\n";
    return 2;
  }
  std::vector<std::vector<std::size_t>> predecessors;
  auto loaded = tw::model::load_export_bytes(make_export(o, predecessors), "bench.xml");
  if (loaded.diagnostics.has_errors()) {
    tw::model::print_diagnostics(std::cerr, loaded.diagnostics);
    return 2;
  }
  const tw::model::Workflow& workflow = *loaded.workflows.front();

  tw::plugin_host::RegistryOptions registry_options;
  registry_options.search_path = {{o.plugins_dir, "--plugins-dir", true}};
  registry_options.host = tw::run::host_api();
  auto registry = tw::plugin_host::PluginRegistry::load(registry_options);

  std::unique_ptr<tw::state::StateStore> store;
  tw::run::ObserverList observers;
  if (!o.store.empty()) {
    auto opened = tw::state::StateStore::open(o.store);
    if (!opened) {
      std::cerr << opened.error() << "\n";
      return 2;
    }
    store = std::move(opened).value();
    observers.add(store.get());
  }

  tw::run::SchedulerOptions options;
  options.info.run_id = store ? store->new_run_id() : "bench";
  options.info.workflow = "wf";
  options.info.folder = "BENCH";
  options.limits.max_parallel =
      o.max_parallel ? o.max_parallel : std::max(1u, std::thread::hardware_concurrency());
  tw::run::SystemClock clock;
  tw::run::Scheduler scheduler(workflow, options, clock, observers);
  tw::run::StateLock state_lock;
  tw::run::RunConfig config;
  tw::run::SecretMasker secrets;
  tw::run::RunServices services{&scheduler, &state_lock, &config, &secrets, nullptr, {}, {}};
  tw::run::InProcessRunner inner(services, [&](std::string_view type, std::string& error) {
    auto found = registry.find(type);
    error = found.error;
    return found.type;
  });
  TimedRunner runner(inner, o.tasks);
  tw::run::Executor executor(scheduler, observers, runner, state_lock,
                             {options.limits.max_parallel, std::chrono::seconds(60)});
  services.post_log = [&](tw::run::LogEvent e) { executor.post_log(std::move(e)); };

  const double cpu_before = process_cpu_seconds();
  const auto started = Clock::now();
  const auto status = executor.run();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu_seconds = process_cpu_seconds() - cpu_before;
  if (status != tw::run::RunStatus::Succeeded) {
    std::cerr << "the benchmark run did not succeed\n";
    return 1;
  }
  std::vector<double> latency;
  for (std::size_t t = 0; t < o.tasks; ++t)
    if (predecessors[t].size() == 1)
      latency.push_back(std::chrono::duration<double, std::micro>(runner.begin(t) -
                                                                  runner.end(predecessors[t][0]))
                            .count());
  std::sort(latency.begin(), latency.end());
  auto pct = [&](double p) {
    return latency.empty() ? 0.0
                           : latency[std::min(latency.size() - 1,
                                              static_cast<std::size_t>(p * latency.size()))];
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"shape\":\"%s\",\"tasks\":%zu,\"store\":%s,\"max_parallel\":%zu,\"seconds\":%.3f,"
      "\"us_per_task\":%.2f,\"cpu_us_per_task\":%.2f,\"latency_p50_us\":%.1f,"
      "\"latency_p99_us\":%.1f,\"peak_rss_mb\":%.1f}\n",
      o.shape.c_str(), o.tasks, store ? "true" : "false", options.limits.max_parallel, seconds,
      seconds * 1e6 / static_cast<double>(o.tasks),
      cpu_seconds * 1e6 / static_cast<double>(o.tasks), pct(0.5), pct(0.99),
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
