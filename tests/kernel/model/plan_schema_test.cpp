// Every plan (a fixture and each corpus export) validates against tests/schemas/plan.schema.json,
// checked by tests/schemas/check_json_schema.py (python3, standard library only).
#include <gtest/gtest.h>

#include <sstream>

#include "model/model.h"
#include "model/plan.h"
#include "model_test_support.h"
#include "temp_dir.h"

namespace taskweave::model {
namespace {

const std::string kSchema = std::string(TW_SOURCE_DIR) + "/tests/schemas/plan.schema.json";
const std::string kChecker = std::string(TW_SOURCE_DIR) + "/tests/schemas/check_json_schema.py";
const std::string kFixture = testing::fixture("plan_small.xml");

TEST(PlanJson, FixtureMatchesTheSchema) {
  ::taskweave::testing::TempDir dir("tw-model");
  const auto file =
      testing::write_in(dir.path(), "plan.json", testing::plan_of(kFixture, kFixture));
  EXPECT_EQ(testing::exit_status_of({"python3", kChecker, kSchema, file.string()}), 0);
}

TEST(PlanJson, SchemaCheckerRejectsAMissingField) {
  ::taskweave::testing::TempDir dir("tw-model");
  std::string plan = testing::plan_of(kFixture, kFixture);
  const auto at = plan.find("\"critical_path\"");
  plan.replace(at, 15, "\"critical_paths\"");
  const auto file = testing::write_in(dir.path(), "plan.json", plan);
  EXPECT_EQ(testing::exit_status_of({"python3", kChecker, kSchema, file.string()}), 1);
}

TEST(PlanJson, EveryCorpusPlanMatchesTheSchema) {
  const auto files = testing::corpus_files();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TW_CORPUS_DIR;
  ::taskweave::testing::TempDir dir("tw-model");
  std::vector<std::string> argv{"python3", kChecker, kSchema};
  for (std::size_t i = 0; i < files.size(); ++i) {
    LoadResult r = load_export(files[i].string());
    ASSERT_FALSE(r.diagnostics.has_errors()) << files[i];
    if (r.workflows.empty()) continue;  // mapping-only exports
    std::ostringstream out;
    write_plan_json(out, files[i].string(), r.workflows);
    argv.push_back(
        testing::write_in(dir.path(), "plan" + std::to_string(i) + ".json", out.str()).string());
  }
  EXPECT_EQ(testing::exit_status_of(argv), 0);
}

}  // namespace
}  // namespace taskweave::model
