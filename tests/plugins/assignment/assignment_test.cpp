// The Assignment plugin, loaded from its built file into the fake host, evaluating real
// expressions with kernel/expr and coercing to declared datatypes as the host does.
#include <gtest/gtest.h>

#include "expr/value.h"
#include "fake_host.h"
#include "real_expressions.h"

namespace taskweave::testing {
namespace {

constexpr int64_t kNow = 1'700'000'000;  // 2023-11-14 22:13:20

class AssignmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    ASSERT_NE(plugin, nullptr) << error;
    type_ = FakeHost::find_type(plugin, "Assignment");
    ASSERT_NE(type_, nullptr);
    host_.task_type = "Assignment";
    host_.now_seconds = kNow;
    use_real_expressions(host_, {{"$$ROWS", expr::Type::Integer},
                                 {"$$RATIO", expr::Type::Double},
                                 {"$$LABEL", expr::Type::String},
                                 {"$$WAKE_AT", expr::Type::DateTime}});
    FakeValue rows = FakeValue::of_integer(120);
    host_.vars["$s_load.TgtSuccessRows"] = rows;
  }
  const FakeValue& var(const std::string& name) const { return host_.vars.at(name); }
  std::string error_message() const { return host_.error ? host_.error->second : ""; }

  FakeHost host_;
  const tw_task_type* type_ = nullptr;
};

TEST_F(AssignmentTest, AssignsInOrderAndLaterPairsSeeEarlierOnes) {
  host_.value_pairs = {{"$$ROWS", "$s_load.TgtSuccessRows"},
                       {"$$RATIO", "$$ROWS / 480"},
                       {"$$LABEL", "'loaded ' || TO_CHAR($$ROWS) || ' rows'"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_FALSE(host_.error.has_value()) << error_message();
  EXPECT_EQ(var("$$ROWS").type, TW_VALUE_INTEGER);
  EXPECT_EQ(var("$$ROWS").integer, 120);
  EXPECT_EQ(var("$$RATIO").type, TW_VALUE_DOUBLE);
  EXPECT_DOUBLE_EQ(var("$$RATIO").real, 0.25);
  EXPECT_EQ(var("$$LABEL").string, "loaded 120 rows");
  ASSERT_EQ(host_.descriptions.size(), 3u);
  EXPECT_EQ(host_.descriptions[0], "assigned $$ROWS = 120");
  EXPECT_EQ(host_.descriptions[2], "assigned $$LABEL = loaded 120 rows");
}

TEST_F(AssignmentTest, ValuesAreCoercedToTheDeclaredType) {
  host_.value_pairs = {{"$$ROWS", "'42'"}, {"$$LABEL", "7 * 6"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED) << error_message();
  EXPECT_EQ(var("$$ROWS").type, TW_VALUE_INTEGER);
  EXPECT_EQ(var("$$ROWS").integer, 42);
  EXPECT_EQ(var("$$LABEL").type, TW_VALUE_STRING);
  EXPECT_EQ(var("$$LABEL").string, "42");
  EXPECT_TRUE(host_.logged("assigned $$LABEL = 42 from [7 * 6]"));
}

TEST_F(AssignmentTest, DateArithmeticFromSysdate) {
  // The example workflow's way of arming a Timer two seconds ahead.
  host_.value_pairs = {{"$$WAKE_AT", "ADD_TO_DATE(SYSDATE, 'SS', 2)"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED) << error_message();
  EXPECT_EQ(var("$$WAKE_AT").type, TW_VALUE_DATETIME);
  EXPECT_EQ(var("$$WAKE_AT").seconds, kNow + 2);
  EXPECT_EQ(host_.descriptions.at(0), "assigned $$WAKE_AT = 2023-11-14 22:13:22");
}

TEST_F(AssignmentTest, FailedCoercionFailsNamingVariableAndValue) {
  host_.value_pairs = {{"$$LABEL", "'first'"}, {"$$ROWS", "'many'"}, {"$$RATIO", "1"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  ASSERT_TRUE(host_.error.has_value());
  EXPECT_EQ(host_.error->first, 2);
  EXPECT_NE(error_message().find("$$ROWS"), std::string::npos) << error_message();
  EXPECT_NE(error_message().find("many"), std::string::npos) << error_message();
  // The pair before the failure keeps its value; the pair after it never ran.
  EXPECT_EQ(var("$$LABEL").string, "first");
  EXPECT_EQ(host_.vars.count("$$RATIO"), 0u);
}

TEST_F(AssignmentTest, AssigningABuiltInOrPredefinedVariableIsDenied) {
  for (const char* target : {"$PMWorkflowName", "$s_load.TgtSuccessRows", "SYSDATE"}) {
    FakeHost host;
    use_real_expressions(host);
    host.value_pairs = {{target, "1"}};
    EXPECT_EQ(host.run(*type_), TW_RUN_FAILED) << target;
    ASSERT_TRUE(host.error.has_value()) << target;
    EXPECT_EQ(host.error->first, 2);
    EXPECT_NE(host.error->second.find(std::string("cannot assign ") + target), std::string::npos)
        << host.error->second;
  }
}

TEST_F(AssignmentTest, ExpressionErrorFailsNamingTheFunctionAndTarget) {
  host_.value_pairs = {{"$$WAKE_AT", "TO_DATE('31/02/2026', 'DD/MM/YYYY')"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  ASSERT_TRUE(host_.error.has_value());
  EXPECT_EQ(host_.error->first, 1);
  EXPECT_NE(error_message().find("$$WAKE_AT"), std::string::npos) << error_message();
  EXPECT_NE(error_message().find("TO_DATE"), std::string::npos) << error_message();
  EXPECT_EQ(host_.vars.count("$$WAKE_AT"), 0u);
}

TEST_F(AssignmentTest, MultiLineExpressionAsExported) {
  host_.value_pairs = {{"$$LABEL", "IIF($s_load.TgtSuccessRows > 0,\r\n'full',\r\n'empty')"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED) << error_message();
  EXPECT_EQ(var("$$LABEL").string, "full");
}

TEST_F(AssignmentTest, MissingTargetNameFails) {
  host_.value_pairs = {{"  ", "1"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("no target variable"), std::string::npos) << error_message();
}

TEST_F(AssignmentTest, NoPairsSucceeds) {
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host_.descriptions.empty());
}

TEST_F(AssignmentTest, DryRunAssignsForReal) {
  host_.dry_run = true;
  host_.value_pairs = {{"$$ROWS", "$s_load.TgtSuccessRows * 2"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_EQ(var("$$ROWS").integer, 240);
}

TEST_F(AssignmentTest, NonEmptyAssignmentConditionIsReportedAsIgnored) {
  host_.attributes["Assignment Condition"] = "$$ROWS > 0";
  host_.value_pairs = {{"$$ROWS", "1"}};
  EXPECT_EQ(host_.run(*type_), TW_RUN_SUCCEEDED);
  EXPECT_TRUE(host_.logged("Assignment Condition [$$ROWS > 0] is ignored"));
}

}  // namespace
}  // namespace taskweave::testing
