// kill -9 the host at random moments during a run of a 200-task workflow whose Command tasks
// append their name to a file, then `taskweave recover RUN_ID` (sometimes killed too) until the
// run completes; 50 times. Every run must complete SUCCEEDED and no task whose success was
// recorded may have run twice (semantics.md §7: a Command that was running when the host died
// is marked FAILED, "Fail task and continue workflow", and never re-run).
//
// TW_CRASH_ITERATIONS and TW_CRASH_SEED override the number of runs and the random seed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "state/state_store.h"

namespace taskweave {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kLayers = 20;
constexpr int kWidth = 10;  // 20 x 10 = 200 Command tasks

std::string task_name(int layer, int i) {
  return "cmd_" + std::to_string(layer) + "_" + std::to_string(i);
}

// Start -> layer 0; every task of layer k > 0 is an AND-join of two tasks of layer k - 1, so
// the run has parallel branches and joins. Links have no condition: a task that a recovery
// marks FAILED still lets its successors run, so the run always completes.
std::string workflow_xml(const fs::path& out_file) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<POWERMART REPOSITORY_VERSION=\"186.95\">\n"
       "<REPOSITORY NAME=\"REP\">\n<FOLDER NAME=\"CRASH\">\n<WORKFLOW NAME=\"wf_crash\">\n"
       "<TASK NAME=\"Start\" TYPE=\"Start\"/>\n";
  for (int layer = 0; layer < kLayers; ++layer)
    for (int i = 0; i < kWidth; ++i)
      x << "<TASK NAME=\"" << task_name(layer, i) << "\" TYPE=\"Command\">\n"
        << "<ATTRIBUTE NAME=\"Fail task if any command fails\" VALUE=\"YES\"/>\n"
        << "<ATTRIBUTE NAME=\"Recovery Strategy\" VALUE=\"Fail task and continue workflow\"/>\n"
        << "<VALUEPAIR EXECORDER=\"1\" NAME=\"append\" REVERSEASSIGNMENT=\"NO\" VALUE=\"echo "
        << task_name(layer, i) << " &gt;&gt; " << out_file.string() << "\"/>\n</TASK>\n";
  x << "<TASKINSTANCE NAME=\"Start\" TASKNAME=\"Start\" TASKTYPE=\"Start\"/>\n";
  for (int layer = 0; layer < kLayers; ++layer)
    for (int i = 0; i < kWidth; ++i)
      x << "<TASKINSTANCE FAIL_PARENT_IF_INSTANCE_DID_NOT_RUN=\"NO\" "
           "FAIL_PARENT_IF_INSTANCE_FAILS=\"NO\" NAME=\""
        << task_name(layer, i) << "\" TASKNAME=\"" << task_name(layer, i)
        << "\" TASKTYPE=\"Command\" TREAT_INPUTLINK_AS_AND=\"YES\"/>\n";
  for (int i = 0; i < kWidth; ++i)
    x << "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"Start\" TOTASK=\"" << task_name(0, i) << "\"/>\n";
  for (int layer = 1; layer < kLayers; ++layer)
    for (int i = 0; i < kWidth; ++i)
      for (int from : {i, (i + 1) % kWidth})
        x << "<WORKFLOWLINK CONDITION=\"\" FROMTASK=\"" << task_name(layer - 1, from)
          << "\" TOTASK=\"" << task_name(layer, i) << "\"/>\n";
  x << "</WORKFLOW>\n</FOLDER>\n</REPOSITORY>\n</POWERMART>\n";
  return x.str();
}

// The taskweave host as a child process whose output goes to a log file.
class Host {
 public:
  Host(const std::vector<std::string>& args, const fs::path& log) {
    pid_ = fork();
    if (pid_ == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(fd, 1);
      dup2(fd, 2);
      std::vector<char*> argv;
      std::string cli = TW_CLI;
      argv.push_back(cli.data());
      std::vector<std::string> copies = args;
      for (auto& a : copies) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(cli.c_str(), argv.data());
      _exit(127);
    }
  }
  // Kills it with SIGKILL; true when it was still running (the kill hit a live run).
  bool kill9() {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = status;
      return false;
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    exit_status_ = status;
    return true;
  }
  // Waits for the exit (up to `timeout`, then kills it); the exit code, or -1.
  int wait(std::chrono::seconds timeout) {
    auto deadline = Clock::now() + timeout;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        kill9();
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int exit_status_ = 0;
};

std::map<std::string, int> appended_names(const fs::path& file) {
  std::map<std::string, int> counts;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) ++counts[line];
  return counts;
}

// The run recorded in `state_dir`, if the host got as far as recording it.
std::optional<run::RunInfo> recorded_run(const fs::path& state_dir) {
  auto store = state::StateStore::open(state_dir);
  if (!store) return std::nullopt;
  auto runs = store.value()->list_runs(std::nullopt, 0);
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

unsigned env_or(const char* name, unsigned fallback) {
  const char* value = std::getenv(name);
  return value && *value ? static_cast<unsigned>(std::strtoul(value, nullptr, 10)) : fallback;
}

class CrashRecover : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("tw-crash-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }

  std::vector<std::string> run_args(const fs::path& dir) const {
    return {"run",
            (dir / "wf.xml").string(),
            "--state-dir",
            (dir / "state").string(),
            "--max-parallel",
            "2",
            "--quiet"};
  }
  std::vector<std::string> recover_args(const fs::path& dir, const std::string& id) const {
    return {"recover",        id,  "--state-dir", (dir / "state").string(),
            "--max-parallel", "2", "--quiet"};
  }
  fs::path prepare(const std::string& name) const {
    fs::path dir = root_ / name;
    fs::create_directories(dir);
    std::ofstream(dir / "wf.xml") << workflow_xml(dir / "out.txt");
    return dir;
  }

  fs::path root_;
};

TEST_F(CrashRecover, KilledRunsRecoverAndNoSucceededTaskRunsTwice) {
  {
    Host help({"recover", "--help"}, root_ / "recover-help.log");
    ASSERT_EQ(help.wait(std::chrono::seconds(60)), 0) << "'taskweave recover --help' failed";
  }
  const unsigned iterations = env_or("TW_CRASH_ITERATIONS", 50);
  const unsigned seed = env_or("TW_CRASH_SEED", std::random_device{}());
  std::mt19937 random(seed);
  std::cout << "seed " << seed << " (TW_CRASH_SEED), " << iterations << " iterations\n";

  // A clean run first: it must work, and its duration bounds the random kill moments.
  fs::path clean = prepare("clean");
  auto started = Clock::now();
  Host first(run_args(clean), clean / "host.log");
  ASSERT_EQ(first.wait(std::chrono::seconds(300)), 0)
      << "a clean run failed; see " << (clean / "host.log");
  auto clean_duration =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  ASSERT_EQ(appended_names(clean / "out.txt").size(), static_cast<size_t>(kLayers * kWidth));
  std::cout << "clean run: " << clean_duration.count() / 1000 << " ms\n";

  unsigned kills_during_run = 0, recoveries = 0, iterations_recovered = 0;
  for (unsigned n = 0; n < iterations; ++n) {
    SCOPED_TRACE("iteration " + std::to_string(n) + ", seed " + std::to_string(seed));
    fs::path dir = prepare("run" + std::to_string(n));
    std::uniform_int_distribution<long> moment(0, clean_duration.count());
    // Kill the run, then kill some of the recoveries too (at most 3 kills per iteration); the
    // last attempt runs to completion.
    int exit_code = -1;
    bool recovered = false;
    for (int attempt = 0;; ++attempt) {
      auto recorded = recorded_run(dir / "state");
      if (recorded && recorded->status != run::RunStatus::Running) {
        // The kill came after the run had recorded its end.
        exit_code = recorded->status == run::RunStatus::Succeeded ? 0 : 1;
        break;
      }
      auto args = recorded ? recover_args(dir, recorded->run_id) : run_args(dir);
      if (recorded) {
        ++recoveries;
        recovered = true;
      }
      Host host(args, dir / "host.log");
      bool kill_it = attempt == 0 || (attempt < 3 && random() % 3 == 0);
      if (!kill_it) {
        exit_code = host.wait(std::chrono::seconds(300));
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
      if (host.kill9()) ++kills_during_run;
    }
    ASSERT_EQ(exit_code, 0) << "the run did not complete; see " << (dir / "host.log");
    if (recovered) ++iterations_recovered;

    auto recorded = recorded_run(dir / "state");
    ASSERT_TRUE(recorded);
    auto store = state::StateStore::open(dir / "state");
    ASSERT_TRUE(store.ok()) << store.error();
    auto record = store.value()->load_run(recorded->run_id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->info.status, run::RunStatus::Succeeded);
    auto counts = appended_names(dir / "out.txt");
    std::map<std::string, expr::Status> status;
    for (const auto& t : record->tasks) status[t.path] = t.status;
    for (int layer = 0; layer < kLayers; ++layer) {
      for (int i = 0; i < kWidth; ++i) {
        std::string name = task_name(layer, i);
        ASSERT_TRUE(status.count(name)) << name << " has no record";
        int ran = counts.count(name) ? counts[name] : 0;
        EXPECT_LE(ran, 1) << name << " ran " << ran << " times";
        if (status[name] == expr::Status::Succeeded) {
          EXPECT_EQ(ran, 1) << name << " is SUCCEEDED but ran " << ran << " times";
        } else {
          // Only a task interrupted by the kill may end otherwise, and only FAILED.
          EXPECT_EQ(status[name], expr::Status::Failed) << name;
        }
      }
    }
    if (HasFailure()) break;
  }
  std::cout << kills_during_run << " kills hit a live host; " << iterations_recovered << " of "
            << iterations << " runs needed recovery (" << recoveries << " recover commands)\n";
  // The test means something only if most runs were killed in the middle.
  EXPECT_GE(iterations_recovered, iterations / 2);
}

}  // namespace
}  // namespace taskweave
