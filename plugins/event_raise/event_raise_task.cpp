// The Event-Raise task: raises the user-defined event (a WORKFLOWEVENT of its workflow or
// worklet) that an Event-Wait task may be waiting for.
#include <taskweave/sdk.hpp>

#include "attributes.h"
#include "common/text.h"

namespace sdk = taskweave::sdk;
namespace plugins = taskweave::plugins;

namespace {

class EventRaiseTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    std::string event(
        plugins::trim(plugins::find_attribute(ctx, "User Defined Event").value_or("")));
    const std::string empty =
        "the attribute User Defined Event is empty: name the WORKFLOWEVENT to raise";
    if (ctx.dry_run()) {  // a dry run finishes every task; the description says what would happen
      ctx.describe(event.empty() ? "would fail: " + empty
                                 : "would raise the user-defined event " + event);
      return TW_RUN_SUCCEEDED;
    }
    if (event.empty()) {
      ctx.fail(1, empty);
      return TW_RUN_FAILED;
    }
    switch (ctx.host()->raise_event(ctx.raw(), event.c_str())) {
      case TW_OK:
        break;
      case TW_ERR_NOT_FOUND:
        ctx.fail(1, "cannot raise the user-defined event " + event + ": workflow " +
                        ctx.task().workflow_name + " declares no WORKFLOWEVENT with that name");
        return TW_RUN_FAILED;
      case TW_ERR_CANCELLED:
        return ctx.cancel_requested() == TW_CANCEL_ABORT ? TW_RUN_ABORTED : TW_RUN_STOPPED;
      default:
        ctx.fail(1, "the host refused to raise the user-defined event " + event);
        return TW_RUN_FAILED;
    }
    ctx.info("raised the user-defined event " + event);
    ctx.describe("raised the user-defined event " + event);
    return TW_RUN_SUCCEEDED;
  }
};

}  // namespace

TASKWEAVE_PLUGIN("event_raise", "1.0.0", "taskweave",
                 sdk::task_type<EventRaiseTask>("Event-Raise", "Raises a user-defined event"))
