// The Decision task: evaluates the condition held in the `Decision Name` attribute (the name is
// PowerCenter's, the content is the expression) and publishes the result as $<task>.Condition,
// 1 or 0. Links out of the Decision then test `$<task>.Condition = TRUE`. The Decision itself
// succeeds whether the condition is TRUE or FALSE; it fails only when the condition cannot be
// evaluated, and then leaves Condition NULL (semantics.md §4, §5).
//
// It is pure, so it evaluates for real under --dry-run too: the branches a dry run takes must be
// the ones a real run would take. It finishes within one call and never waits, so there is no
// stop/abort point inside it; the host does not start it once a stop is requested.
#include <taskweave/sdk.hpp>

#include <string>

#include "common/text.h"
#include "decision/condition_truth.h"

namespace taskweave::plugins::decision {
namespace sdk = taskweave::sdk;

// ErrorCode of a Decision whose condition cannot be evaluated.
constexpr int64_t kConditionError = 1;

class Decision {
 public:
  tw_run_result run(sdk::Context& ctx) {
    std::string condition(ctx.attribute("Decision Name").value_or(""));
    bool truth = true;  // an empty condition makes the Decision a plain join point: TRUE
    if (!is_blank(condition)) {
      auto value = ctx.eval(condition);
      if (!value) {
        ctx.fail(kConditionError, "Decision condition [" + one_line(condition) +
                                      "] cannot be evaluated: " + value.error() +
                                      ". Correct the expression in the Decision's condition.");
        return TW_RUN_FAILED;
      }
      truth = truth_of(*value);
    }
    if (!ctx.set_output("Condition", sdk::make_integer(truth ? 1 : 0))) {
      ctx.fail(kConditionError, "the host refused to set the Decision's Condition variable");
      return TW_RUN_FAILED;
    }
    std::string verdict = std::string("condition is ") + (truth ? "TRUE" : "FALSE");
    ctx.info("Decision " + verdict + ": [" + one_line(condition) + "]");
    ctx.describe(verdict);
    return TW_RUN_SUCCEEDED;
  }
};

}  // namespace taskweave::plugins::decision

TASKWEAVE_PLUGIN("decision", "1.0.0", "taskweave",
                 taskweave::sdk::task_type<taskweave::plugins::decision::Decision>(
                     "Decision", "Evaluates a condition and sets $<task>.Condition to 1 or 0"))
