// The Event-Wait task: waits for an indicator file (a predefined event) or for a user-defined
// event raised by an Event-Raise task. It never holds a thread while waiting: each run() checks
// once and yields until the next poll or the event, and the host runs it again at once on stop
// or abort.
#include <taskweave/sdk.hpp>

#include <optional>
#include <system_error>

#include "wait_target.h"

namespace sdk = taskweave::sdk;
using taskweave::plugins::event_wait::WaitTarget;

namespace {

class EventWaitTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    if (tw_cancel cancel = ctx.cancel_requested(); cancel != TW_CANCEL_NONE) {
      bool abort = cancel == TW_CANCEL_ABORT;
      ctx.info(std::string(abort ? "aborted" : "stopped") + " while waiting" +
               (target_ ? " for " + target_->describe() : ""));
      return abort ? TW_RUN_ABORTED : TW_RUN_STOPPED;
    }
    if (!target_) {
      sdk::Expected<WaitTarget> target = taskweave::plugins::event_wait::read_wait_target(ctx);
      if (ctx.dry_run()) {  // a dry run finishes every task; the description says the rest
        ctx.describe(target ? "would wait for " + target->describe()
                            : "would fail: " + target.error());
        return TW_RUN_SUCCEEDED;
      }
      if (!target) {
        ctx.fail(1, target.error());
        return TW_RUN_FAILED;
      }
      target_ = *target;
      ctx.info("waiting for " + target_->describe());
      warn_about_past_event(ctx);
    }
    if (happened(ctx)) return finish(ctx);
    yield(ctx);
    return TW_RUN_YIELD;
  }

 private:
  // PowerCenter's "Enable Past Events = NO" ignores a raise from before the wait started. ABI v1
  // only tells whether the event was raised at all, so a past raise always counts (our choice:
  // waiting for a second raise that may never come would hang the run); say so when it matters.
  void warn_about_past_event(const sdk::Context& ctx) const {
    if (target_->event.empty() || target_->enable_past_events) return;
    if (ctx.event_raised(target_->event.c_str()))
      ctx.warning("the user-defined event " + target_->event +
                  " was raised before this Event-Wait started; Enable Past Events is NO, but "
                  "taskweave counts past events");
  }

  bool happened(const sdk::Context& ctx) const {
    if (!target_->event.empty()) return ctx.event_raised(target_->event.c_str());
    std::error_code ec;  // an unreadable parent directory counts as "not there yet"
    return std::filesystem::exists(target_->indicator_file, ec);
  }

  tw_run_result finish(const sdk::Context& ctx) const {
    if (target_->event.empty() && target_->delete_file) {
      std::error_code ec;
      std::filesystem::remove(target_->indicator_file, ec);
      if (ec) {
        ctx.fail(1, "the indicator file " + target_->indicator_file.string() +
                        " appeared but cannot be deleted: " + ec.message());
        return TW_RUN_FAILED;
      }
    }
    std::string what = target_->event.empty()
                           ? "found the indicator file " + target_->indicator_file.string() +
                                 (target_->delete_file ? " and deleted it" : "")
                           : "received the user-defined event " + target_->event;
    ctx.info(what);
    ctx.describe(what);
    return TW_RUN_SUCCEEDED;
  }

  void yield(const sdk::Context& ctx) const {
    tw_value now = ctx.now();
    int64_t nanos = now.nanos + target_->poll_ms % 1000 * 1'000'000;
    int64_t seconds = now.seconds + target_->poll_ms / 1000 + nanos / 1'000'000'000;
    ctx.yield_until(seconds, static_cast<int32_t>(nanos % 1'000'000'000),
                    target_->event.empty() ? nullptr : target_->event.c_str());
  }

  std::optional<WaitTarget> target_;
};

}  // namespace

TASKWEAVE_PLUGIN("event_wait", "1.0.0", "taskweave",
                 sdk::task_type<EventWaitTask>("Event-Wait",
                                               "Waits for an indicator file or a user event"))
