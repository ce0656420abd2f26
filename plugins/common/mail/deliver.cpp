#include <pwd.h>
#include <unistd.h>

#include <cstdio>

#include "common/value_text.h"
#include "mail.h"
#include "mime_headers.h"

namespace taskweave::plugins::mail {
namespace {

std::string var_string(const sdk::Context& ctx, const char* name) {
  std::optional<tw_value> value = ctx.var(name);
  return value ? std::string(sdk::string_of(*value)) : std::string();
}

std::string login_name() {
  struct passwd entry {};
  struct passwd* found = nullptr;
  char buffer[4096];
  if (getpwuid_r(geteuid(), &entry, buffer, sizeof(buffer), &found) == 0 && found)
    return found->pw_name;
  return std::to_string(geteuid());
}

Delivery failed(int64_t code, std::string message) {
  Delivery d;
  d.error_code = code;
  d.error = std::move(message);
  return d;
}

// The mail's recipients and subject, and its text with `$$vars` expanded but `%` tokens not
// yet (those may read attachment files, which a dry run must not need).
struct Addressed {
  std::vector<Mailbox> to;
  ExpandedText subject;
  std::string body;
};

sdk::Expected<Addressed> address(const sdk::Context& ctx, const MailRequest& request,
                                 const MailTokens& tokens) {
  using Result = sdk::Expected<Addressed>;
  sdk::Expected<std::string> to_text = ctx.expand(request.recipients);
  if (!to_text) return Result::failure("cannot expand the recipients: " + to_text.error());
  sdk::Expected<std::string> subject_text = ctx.expand(request.subject);
  if (!subject_text) return Result::failure("cannot expand the subject: " + subject_text.error());
  sdk::Expected<std::string> body_text = ctx.expand(request.body);
  if (!body_text) return Result::failure("cannot expand the mail text: " + body_text.error());

  Addressed out;
  sdk::Expected<std::vector<Mailbox>> to = parse_mailbox_list(*to_text);
  if (!to) return Result::failure("bad recipient: " + to.error());
  if (to->empty())
    return Result::failure("the mail has no recipients ('" + request.recipients +
                           "' names none after expansion)");
  out.to = *to;
  out.subject = expand_tokens(*subject_text, tokens);
  out.body = *body_text;
  return out;
}

}  // namespace

std::string format_elapsed(int64_t seconds) {
  if (seconds < 0) seconds = 0;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%lld:%02lld:%02lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return buffer;
}

MailTokens workflow_tokens(const sdk::Context& ctx) {
  MailTokens t;
  const tw_task_info& task = ctx.task();
  t.workflow = task.workflow_name ? task.workflow_name : "";
  t.folder = task.folder_name ? task.folder_name : "";
  t.repository = var_string(ctx, "$PMRepositoryServiceName");
  t.integration_service = var_string(ctx, "$PMIntegrationServiceName");
  t.user = login_name();
  tw_value start = ctx.start_time(1);
  tw_value now = ctx.now();
  t.start = format_datetime(start.seconds, 0);
  t.completion = format_datetime(now.seconds, 0);
  t.elapsed = format_elapsed(now.seconds - start.seconds);
  t.base_dir = ctx.dir(TW_DIR_WORK);
  return t;
}

Delivery deliver(const sdk::Context& ctx, const MailRequest& request, const MailTokens& tokens) {
  sdk::Expected<Addressed> addressed = address(ctx, request, tokens);
  if (ctx.dry_run()) {
    // A dry run finishes every task; what would go wrong is part of the description.
    std::string note = ctx.config("email.smtp.url") ? "" : " (no email.smtp.url is configured)";
    ctx.describe(!addressed ? "would fail: " + addressed.error()
                            : "would send mail to " + display_list(addressed->to) +
                                  " with subject \"" + addressed->subject.text + "\"" + note);
    return {};
  }
  if (!addressed) return failed(1, addressed.error());
  sdk::Expected<SmtpSettings> settings = load_smtp_settings(ctx);
  if (!settings) return failed(1, settings.error());

  MailMessage message;
  message.to = addressed->to;
  message.subject = addressed->subject.text;
  ExpandedText body = expand_tokens(addressed->body, tokens);
  message.body = std::move(body.text);
  message.attachments = std::move(body.attachments);
  auto warn_about = [&ctx](const ExpandedText& part) {
    for (const auto& error : part.errors) ctx.warning(error + " (the mail says so instead)");
  };
  warn_about(addressed->subject);
  warn_about(body);
  for (const auto& attachment : addressed->subject.attachments)
    message.attachments.push_back(attachment);

  SendHooks hooks;
  hooks.abort_requested = [&ctx] { return ctx.cancel_requested() == TW_CANCEL_ABORT; };
  hooks.transcript = [&ctx](std::string_view line) {
    ctx.write_task_log(std::string(line) + "\n");
  };
  ctx.info("sending mail to " + display_list(message.to) + " through " + settings->url);
  SendResult sent = send(*settings, message, hooks);
  if (!sent.ok()) {
    Delivery d = failed(sent.curl_code, sent.error);
    d.aborted = ctx.cancel_requested() == TW_CANCEL_ABORT;
    return d;
  }
  ctx.info("mail \"" + message.subject + "\" sent to " + display_list(message.to) + " with " +
           std::to_string(message.attachments.size()) + " attachment(s)");
  ctx.describe("sent mail to " + display_list(message.to) + " with subject \"" + message.subject +
               "\"");
  return {};
}

}  // namespace taskweave::plugins::mail
