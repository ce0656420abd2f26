// The Decision plugin, loaded from its built file into the fake host, evaluating real
// expressions with kernel/expr: TRUE and FALSE both succeed and set Condition; an empty
// condition is TRUE; a run-time error fails the task and leaves Condition unset (NULL).
#include <gtest/gtest.h>

#include "expr/expr.h"
#include "fake_host.h"
#include "real_expressions.h"

namespace taskweave::testing {
namespace {

FakeValue status(tw_status s) {
  FakeValue v;
  v.type = TW_VALUE_STATUS;
  v.integer = s;
  return v;
}

class DecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    ASSERT_NE(plugin, nullptr) << error;
    type_ = FakeHost::find_type(plugin, "Decision");
    ASSERT_NE(type_, nullptr);
    host_.task_type = "Decision";
    use_real_expressions(host_);
    host_.vars["$s_load.Status"] = status(TW_STATUS_SUCCEEDED);
    host_.vars["$s_load.TgtSuccessRows"] = FakeValue::of_integer(120);
    host_.vars["$s_dim.Status"] = status(TW_STATUS_FAILED);
  }

  // Runs a Decision with `condition` and returns the Condition it set (nullopt when unset).
  std::optional<int64_t> decide(const std::string& condition, tw_run_result expected) {
    host_.attributes["Decision Name"] = condition;
    host_.outputs.clear();
    host_.error.reset();
    EXPECT_EQ(host_.run(*type_), expected) << condition;
    auto it = host_.outputs.find("Condition");
    if (it == host_.outputs.end()) return std::nullopt;
    EXPECT_EQ(it->second.type, TW_VALUE_INTEGER);
    return it->second.integer;
  }

  FakeHost host_;
  const tw_task_type* type_ = nullptr;
};

TEST_F(DecisionTest, TrueConditionSucceedsWithConditionOne) {
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > 0 AND $s_load.Status = SUCCEEDED", TW_RUN_SUCCEEDED),
            1);
  EXPECT_FALSE(host_.error.has_value());
  EXPECT_TRUE(host_.logged("condition is TRUE"));
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_EQ(host_.descriptions[0], "condition is TRUE");
}

TEST_F(DecisionTest, FalseConditionAlsoSucceedsWithConditionZero) {
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > 1000", TW_RUN_SUCCEEDED), 0);
  EXPECT_FALSE(host_.error.has_value());
  EXPECT_TRUE(host_.logged("condition is FALSE"));
}

TEST_F(DecisionTest, MultiLineConditionAsExportedWithCrLf) {
  // The PAQO shape: statuses compared across lines joined by lower-case `or`.
  EXPECT_EQ(decide("$s_load.Status = FAILED or\r\n$s_dim.Status = FAILED or\r\n"
                   "$s_load.Status = ABORTED",
                   TW_RUN_SUCCEEDED),
            1);
  EXPECT_TRUE(host_.logged("[$s_load.Status = FAILED or $s_dim.Status = FAILED or"));
}

TEST_F(DecisionTest, EmptyConditionIsTrue) {
  host_.eval_hook = nullptr;  // an empty condition must not even be evaluated
  EXPECT_EQ(decide("", TW_RUN_SUCCEEDED), 1);
  EXPECT_EQ(decide(" \r\n\t", TW_RUN_SUCCEEDED), 1);
  host_.attributes.erase("Decision Name");
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host_.outputs.at("Condition").integer, 1);
}

TEST_F(DecisionTest, StatusUsedAsABooleanIsTrueOnlyWhenSucceeded) {
  EXPECT_EQ(decide("$s_load.Status", TW_RUN_SUCCEEDED), 1);
  EXPECT_EQ(decide("$s_dim.Status", TW_RUN_SUCCEEDED), 0);
  EXPECT_EQ(decide("$s_load.Status and $s_dim.Status", TW_RUN_SUCCEEDED), 0);
}

TEST_F(DecisionTest, NullConditionIsFalse) {
  host_.vars["$$LIMIT"] = FakeValue{};
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > $$LIMIT", TW_RUN_SUCCEEDED), 0);
}

TEST_F(DecisionTest, AgreesWithTheExpressionLanguageOnEveryValueType) {
  // A Decision and a link condition given the same expression must agree.
  const char* expressions[] = {"1",
                               "0",
                               "-3",
                               "0.0",
                               "2.5",
                               "'1'",
                               "'0'",
                               "' 7 apples'",
                               "'abc'",
                               "''",
                               "NULL",
                               "SYSDATE",
                               "$s_load.Status",
                               "$s_dim.Status",
                               "TRUE",
                               "FALSE",
                               "$$UNSET_FLAG",
                               "'1e3x'"};
  host_.vars["$$UNSET_FLAG"] = FakeValue{};
  for (const char* text : expressions) {
    std::string error;
    auto value = host_.eval_hook(text, error);
    ASSERT_TRUE(value.has_value()) << text << ": " << error;
    int64_t expected = expr::is_true(to_expr(*value)) ? 1 : 0;
    EXPECT_EQ(decide(text, TW_RUN_SUCCEEDED), expected) << text;
  }
}

TEST_F(DecisionTest, RunTimeErrorFailsNamingTheFunctionAndLeavesConditionNull) {
  EXPECT_EQ(decide("TO_DATE('2026-02-30', 'YYYY-MM-DD') > SYSDATE", TW_RUN_FAILED), std::nullopt);
  ASSERT_TRUE(host_.error.has_value());
  EXPECT_NE(host_.error->first, 0);
  EXPECT_NE(host_.error->second.find("TO_DATE"), std::string::npos) << host_.error->second;
  EXPECT_NE(host_.error->second.find("2026-02-30"), std::string::npos) << host_.error->second;
}

TEST_F(DecisionTest, UnknownVariableFails) {
  EXPECT_EQ(decide("$s_missing.Status = SUCCEEDED", TW_RUN_FAILED), std::nullopt);
  EXPECT_NE(host_.error->second.find("s_missing"), std::string::npos) << host_.error->second;
}

TEST_F(DecisionTest, ParseErrorFailsWithItsPosition) {
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > ", TW_RUN_FAILED), std::nullopt);
  ASSERT_TRUE(host_.error.has_value());
  EXPECT_NE(host_.error->second.find("column"), std::string::npos) << host_.error->second;
}

TEST_F(DecisionTest, DryRunEvaluatesForReal) {
  host_.dry_run = true;
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > 1000", TW_RUN_SUCCEEDED), 0);
  EXPECT_EQ(decide("$s_load.TgtSuccessRows > 100", TW_RUN_SUCCEEDED), 1);
  EXPECT_EQ(decide("TO_DATE('', 'YYYY') > SYSDATE", TW_RUN_FAILED), std::nullopt);
}

}  // namespace
}  // namespace taskweave::testing
