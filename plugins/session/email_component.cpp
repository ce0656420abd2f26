#include "session/email_component.h"

#include "common/commands/task_node.h"
#include "common/mail/mail.h"
#include "common/value_text.h"
#include "session/components.h"

namespace taskweave::plugins::session {
namespace {

mail::MailTokens session_tokens(const sdk::Context& ctx, const SessionReport& report) {
  mail::MailTokens tokens = mail::workflow_tokens(ctx);
  tokens.session = report.session_name;
  tokens.mapping = report.mapping_name;
  tokens.status = report.status;
  // A session's mail times the session itself, not its workflow.
  tw_value start = ctx.start_time(0);
  tw_value now = ctx.now();
  tokens.start = format_datetime(start.seconds, 0);
  tokens.completion = format_datetime(now.seconds, 0);
  tokens.elapsed = mail::format_elapsed(now.seconds - start.seconds);
  tokens.rows_loaded = std::to_string(report.counts.tgt_success_rows);
  tokens.rows_rejected = std::to_string(report.counts.tgt_failed_rows);
  tokens.table_details = report.counts.summary();
  tokens.session_log = ctx.task_log_path();
  return tokens;
}

}  // namespace

void send_email_component(const sdk::Context& ctx, std::string_view type,
                          const SessionReport& report) {
  sdk::Node component = find_component(ctx, type);
  if (!component) return;
  sdk::Node task = component_task(ctx, component);
  if (!task) {
    ctx.warning(std::string(type) + " not sent: the component names the Email task " +
                std::string(component.attribute("REFOBJECTNAME").value_or("")) +
                ", which is not in the export");
    return;
  }
  mail::MailRequest request{commands::child_attribute(task, "Email User Name").value_or(""),
                            commands::child_attribute(task, "Email Subject").value_or(""),
                            commands::child_attribute(task, "Email Text").value_or("")};
  mail::Delivery delivery = mail::deliver(ctx, request, session_tokens(ctx, report));
  if (!delivery.ok())
    ctx.warning(std::string(type) +
                " not sent (the session's status is unchanged): " + delivery.error);
}

}  // namespace taskweave::plugins::session
