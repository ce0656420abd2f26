// The Email task: sends the mail its attributes describe over SMTP (plugins/common/mail).
// A mail being sent finishes even when the run is stopped; only an abort cuts it short.
#include <taskweave/sdk.hpp>

#include "mail.h"

namespace sdk = taskweave::sdk;
namespace mail = taskweave::plugins::mail;

namespace {

class EmailTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    switch (ctx.cancel_requested()) {
      case TW_CANCEL_STOP:
        return TW_RUN_STOPPED;
      case TW_CANCEL_ABORT:
        return TW_RUN_ABORTED;
      case TW_CANCEL_NONE:
        break;
    }
    mail::MailRequest request{attribute(ctx, "Email User Name"), attribute(ctx, "Email Subject"),
                              attribute(ctx, "Email Text")};
    mail::Delivery delivery = mail::deliver(ctx, request, mail::workflow_tokens(ctx));
    if (delivery.ok()) return TW_RUN_SUCCEEDED;
    if (delivery.aborted) {  // an aborted task ends ABORTED, not with a mail error as its ErrorMsg
      ctx.info("abort requested: the mail was not sent (" + delivery.error + ")");
      return TW_RUN_ABORTED;
    }
    ctx.fail(delivery.error_code, delivery.error);
    return TW_RUN_FAILED;
  }

 private:
  static std::string attribute(const sdk::Context& ctx, const char* name) {
    return std::string(ctx.attribute(name).value_or(""));
  }
};

}  // namespace

TASKWEAVE_PLUGIN("email", "1.0.0", "taskweave",
                 sdk::task_type<EmailTask>("Email", "Sends a mail over SMTP"))
