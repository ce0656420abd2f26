// The Assignment task: sets user-defined `$$` variables. Each VALUEPAIR, in EXECORDER, names
// the target variable (NAME) and gives an expression (VALUE); the host evaluates the expression
// in the task's scope and stores the result coerced to the variable's declared datatype. Later
// pairs see the values earlier pairs assigned. The first pair that fails (an expression that
// does not evaluate, a value that does not fit the datatype, a built-in or predefined target)
// fails the task; the pairs before it keep their new values (our choice: the manuals do not say,
// and undoing them would hide what the task did).
//
// It is pure, so it assigns for real under --dry-run: the branches a dry run takes depend on
// these values. It finishes within one call and never waits, so there is no stop/abort point
// inside it; the host does not start it once a stop is requested.
#include <taskweave/sdk.hpp>

#include <string>

#include "common/text.h"
#include "common/value_text.h"

namespace taskweave::plugins::assignment {
namespace sdk = taskweave::sdk;

// ErrorCode when a pair's expression cannot be evaluated.
constexpr int64_t kEvaluationError = 1;
// ErrorCode when the host refuses the value or the target variable.
constexpr int64_t kAssignmentRefused = 2;

class Assignment {
 public:
  tw_run_result run(sdk::Context& ctx) {
    if (auto condition = ctx.attribute("Assignment Condition"); condition && !is_blank(*condition))
      ctx.warning("the Assignment Condition [" + one_line(*condition) +
                  "] is ignored: PowerCenter exports always leave it empty and give it no meaning");
    auto pairs = ctx.value_pairs();
    if (pairs.empty()) ctx.info("Assignment has no variable assignments");
    for (const tw_value_pair& pair : pairs) {
      std::string target(trim(pair.name ? pair.name : ""));
      std::string expression = pair.value ? pair.value : "";
      if (target.empty()) {
        ctx.fail(kAssignmentRefused, "assignment " + std::to_string(pair.exec_order) +
                                         " has no target variable: give it a $$ variable name");
        return TW_RUN_FAILED;
      }
      auto value = ctx.eval(expression);
      if (!value) {
        ctx.fail(kEvaluationError, "cannot assign " + target + ": the expression [" +
                                       one_line(expression) + "] fails: " + value.error());
        return TW_RUN_FAILED;
      }
      if (std::string refused = ctx.set_var(target.c_str(), *value); !refused.empty()) {
        // The host's message names the variable and the value.
        ctx.fail(kAssignmentRefused,
                 "[" + target + " = " + one_line(expression) + "] is refused: " + refused);
        return TW_RUN_FAILED;
      }
      // The stored value, after coercion to the declared type, is what later tasks will see.
      std::string shown = format_value(ctx.var(target.c_str()).value_or(*value));
      ctx.info("assigned " + target + " = " + shown + " from [" + one_line(expression) + "]");
      ctx.describe("assigned " + target + " = " + shown);
    }
    return TW_RUN_SUCCEEDED;
  }
};

}  // namespace taskweave::plugins::assignment

TASKWEAVE_PLUGIN("assignment", "1.0.0", "taskweave",
                 taskweave::sdk::task_type<taskweave::plugins::assignment::Assignment>(
                     "Assignment", "Evaluates expressions and assigns them to $$ variables"))
