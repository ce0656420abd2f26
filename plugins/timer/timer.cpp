// The Timer task: waits until a deadline (an absolute time, a date/time variable, or an offset
// from the start of this task, its parent workflow or the top-level workflow) and then
// succeeds. Waiting never holds a thread or a concurrency slot: run() asks the host to call it
// again at the deadline (yield_until) and returns TW_RUN_YIELD; a stop or abort wakes it at once
// and it ends STOPPED or ABORTED. A deadline already past completes at once.
//
// The deadline is computed on the first run() and kept for the resumes, so a variable assigned
// while the Timer waits does not move it (PowerCenter reads the variable when the Timer starts).
#include <taskweave/sdk.hpp>

#include <optional>
#include <string>

#include "common/value_text.h"
#include "timer/deadline.h"

namespace taskweave::plugins::timer {
namespace sdk = taskweave::sdk;

// ErrorCode of a Timer whose deadline cannot be determined.
constexpr int64_t kBadTimer = 1;

class Timer {
 public:
  tw_run_result run(sdk::Context& ctx) {
    if (tw_cancel cancel = ctx.cancel_requested(); cancel != TW_CANCEL_NONE) {
      bool abort = cancel == TW_CANCEL_ABORT;
      ctx.info(std::string("Timer ") + (abort ? "aborted" : "stopped") + " before " +
               (deadline_ ? "its deadline " + text_of(*deadline_) : "it was set"));
      return abort ? TW_RUN_ABORTED : TW_RUN_STOPPED;
    }
    if (!deadline_) {
      auto deadline = timer_deadline(ctx);
      if (!deadline) return refuse(ctx, deadline.error());
      deadline_ = *deadline;
      if (ctx.dry_run()) {
        ctx.describe("would wait until " + text_of(*deadline_) + " (" + deadline_->basis + ")");
        return TW_RUN_SUCCEEDED;
      }
      ctx.describe("waits until " + text_of(*deadline_) + " (" + deadline_->basis + ")");
      ctx.info("Timer waits until " + text_of(*deadline_) + " (" + deadline_->basis + ")");
    }
    tw_value now = ctx.now();
    if (reached(now)) {
      ctx.info("Timer reached its deadline " + text_of(*deadline_) + " at " +
               format_datetime(now.seconds, now.nanos));
      return TW_RUN_SUCCEEDED;
    }
    ctx.yield_until(deadline_->seconds, deadline_->nanos);
    return TW_RUN_YIELD;
  }

 private:
  static std::string text_of(const Deadline& d) { return format_datetime(d.seconds, d.nanos); }

  bool reached(const tw_value& now) const {
    return now.seconds > deadline_->seconds ||
           (now.seconds == deadline_->seconds && now.nanos >= deadline_->nanos);
  }

  // A Timer that cannot know its deadline fails; under --dry-run it only says it would, since
  // a dry run finishes every task but Decision and Assignment as SUCCEEDED (cli-contract.md).
  static tw_run_result refuse(sdk::Context& ctx, const std::string& why) {
    if (ctx.dry_run()) {
      ctx.warning("Timer would fail: " + why);
      ctx.describe("would fail: " + why);
      return TW_RUN_SUCCEEDED;
    }
    ctx.fail(kBadTimer, why);
    return TW_RUN_FAILED;
  }

  std::optional<Deadline> deadline_;
};

}  // namespace taskweave::plugins::timer

TASKWEAVE_PLUGIN("timer", "1.0.0", "taskweave",
                 taskweave::sdk::task_type<taskweave::plugins::timer::Timer>(
                     "Timer", "Waits, without holding a thread, until a time or an offset"))
