// `taskweave run --dry-run --json-events` over the real exports (TW_CORPUS_DIR): every file
// completes, every task reached ends exactly once, and the typical production pattern holds:
// the success chain runs and the *_ERRO_PROCESSO handlers do not -- unless a session is
// simulated as failing, and then its handler runs.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_runner.h"

namespace taskweave::testing {
namespace {

const std::filesystem::path kCorpus = TW_CORPUS_DIR;
constexpr const char* kSidec =
    "Bianklin__Valida-XML-Workflow-PowerCenter-CEF-SILDC__XML_PRODUCAO__WKF_LDC_1004_CARGA_SIDEC."
    "xml";
constexpr const char* kWorklet = "WKL_LDC_1004_0001_STG_LDCTLD01_TO_D08_ICOCGRC";

bool is_export(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".xml";
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class CorpusDryRun : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(kCorpus)) GTEST_SKIP() << "no corpus at " << kCorpus;
    // The sessions' SQL jobs are not part of the corpus: describe them as a command job.
    write_file(dir_ / "dry.ini", "[session]\nrunner = command\ncommand = true\n");
  }

  ProcessResult dry_run(const std::filesystem::path& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",
                                     file.string(),
                                     "--dry-run",
                                     "--quiet",
                                     "--config",
                                     (dir_ / "dry.ini").string(),
                                     "--state-dir",
                                     (dir_ / "state").string(),
                                     "--json-events=" + (dir_ / "events.jsonl").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::filesystem::remove(dir_ / "events.jsonl");
    return run_cli(args);
  }

  TempDir dir_;
};

TEST_F(CorpusDryRun, EveryExportCompletesAndEveryTaskEndsOnce) {
  int runs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    if (!is_export(entry.path())) continue;
    const ProcessResult result = dry_run(entry.path());
    SCOPED_TRACE(entry.path().filename().string());
    if (result.exit_code == 2) {
      // Mapping-only exports have no workflow: that is invalid input for `run`, said clearly.
      EXPECT_NE(result.err.find("no workflow"), std::string::npos) << result.err;
      continue;
    }
    ++runs;
    EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.err;
    const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
    EXPECT_FALSE(events.run_status.empty()) << "no run_finished";
    EXPECT_FALSE(events.final_status.empty());
    for (const auto& [task, count] : events.endings) EXPECT_EQ(count, 1) << task;
  }
  EXPECT_GT(runs, 40);
}

TEST_F(CorpusDryRun, SuccessChainRunsAndErrorHandlersDoNot) {
  const ProcessResult result = dry_run(kCorpus / kSidec);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.run_status, "SUCCEEDED");
  int handlers = 0, ends = 0;
  for (const auto& [task, status] : events.final_status) {
    if (ends_with(task, "_ERRO_PROCESSO")) {
      ++handlers;
      EXPECT_EQ(status, "DID_NOT_RUN") << task;
    } else {
      EXPECT_EQ(status, "SUCCEEDED") << task;
    }
    ends += ends_with(task, "FIM_PROCESSO") || ends_with(task, "FIM_WORKFLOW");
  }
  EXPECT_EQ(handlers, 5);
  EXPECT_EQ(ends, 6);
}

TEST_F(CorpusDryRun, SimulatedFailingSessionRunsItsErrorHandler) {
  const std::string session =
      std::string(kWorklet) + ".SSN_LDC_1004_0001_STG_LDCTLD01_TO_D08_ICOCGRC";
  const ProcessResult result = dry_run(kCorpus / kSidec, {"--simulate", session + "=FAILED"});
  const RunEvents events = RunEvents::read(dir_ / "events.jsonl");
  EXPECT_EQ(events.final_status.at(session), "FAILED");
  EXPECT_EQ(events.final_status.at(std::string(kWorklet) + ".SSN_LDC_0000_0000_ERRO_PROCESSO"),
            "SUCCEEDED");
  // SSN_SETA_RESULTS runs after the session whatever its status; its links then test it.
  EXPECT_EQ(events.final_status.at(std::string(kWorklet) + ".SSN_SETA_RESULTS"), "SUCCEEDED");
  EXPECT_EQ(events.final_status.at(std::string(kWorklet) + ".SSN_LDC_0000_0000_FIM_PROCESSO"),
            "DID_NOT_RUN");
  // The other worklets are not affected. The failed session fails its worklet, and the
  // worklet instance fails the workflow (both carry FAIL_PARENT_IF_INSTANCE_FAILS).
  EXPECT_EQ(events.final_status.at(
                "WKL_LDC_1004_0002_STG_LDCTLD09_PARM_DEC.SSN_LDC_0000_0000_ERRO_PROCESSO"),
            "DID_NOT_RUN");
  EXPECT_EQ(events.final_status.at(kWorklet), "FAILED");
  EXPECT_EQ(events.run_status, "FAILED");
  EXPECT_EQ(result.exit_code, 1) << result.err;
}

TEST_F(CorpusDryRun, SimulateNeedsAKnownPathAndDryRun) {
  const ProcessResult unknown = dry_run(kCorpus / kSidec, {"--simulate", "NO_SUCH_TASK=FAILED"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("NO_SUCH_TASK"), std::string::npos);
  const ProcessResult real = run_cli({"run", (kCorpus / kSidec).string(), "--simulate", "X=FAILED",
                                      "--state-dir", (dir_ / "state").string()});
  EXPECT_EQ(real.exit_code, 2);
  EXPECT_NE(real.err.find("--dry-run"), std::string::npos);
}

}  // namespace
}  // namespace taskweave::testing
