// Mail for task plugins: SMTP settings from the host configuration, PowerCenter `%` tokens,
// composition and sending over SMTP with libcurl. The Email task and the Session task's
// success/failure email components both send through deliver(), so they behave alike.
//
// Typical use from a task:
//
//   namespace mail = taskweave::plugins::mail;
//   mail::MailTokens tokens = mail::workflow_tokens(ctx);
//   tokens.session = "s_load";            // a session fills in what it knows
//   tokens.session_log = "/logs/s_load.log";
//   mail::Delivery d = mail::deliver(ctx, {recipients, subject, body}, tokens);
//   if (!d.ok()) { ctx.fail(d.error_code, d.error); return TW_RUN_FAILED; }
#pragma once

#include <taskweave/sdk.hpp>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mailbox.h"

namespace taskweave::plugins::mail {

// How an smtp:// connection upgrades to TLS (smtps:// is TLS from the first byte).
enum class StartTls {
  kRequired,  // STARTTLS or fail: credentials and mail never cross the wire in clear
  kOptional,  // STARTTLS when the server offers it
  kOff        // plain text (a local relay)
};

// Where and how to send, from the `email.*` configuration keys (docs/plugins/email.md).
struct SmtpSettings {
  std::string url;  // smtp://host[:port] or smtps://host[:port]
  StartTls starttls = StartTls::kRequired;
  std::string user;      // empty: no AUTH
  std::string password;  // never logged: load_smtp_settings() declares it a secret
  Mailbox from;          // envelope sender (its address) and From header (email.from)
  std::string ca_file;   // extra CA bundle for a server with a private or self-signed certificate
  int64_t timeout_seconds = 60;
};

// Reads the settings. Fails with a message naming the key to set when email.smtp.url is unset,
// or naming the bad key and value (email.from must be one mailbox). Declares the password to the
// host as a secret.
sdk::Expected<SmtpSettings> load_smtp_settings(const sdk::Context& ctx);

struct Attachment {
  std::string file_name;     // shown to the reader (the base name of the file)
  std::string content_type;  // e.g. "text/plain", "application/octet-stream"
  std::string bytes;
};

struct MailMessage {
  std::vector<Mailbox> to;  // the envelope takes the addresses, the To: header the names too
  std::string subject;      // UTF-8; RFC 2047-encoded on the wire when not plain ASCII
  std::string body;         // UTF-8 text; any line ending, sent as CRLF quoted-printable
  std::vector<Attachment> attachments;
};

// Values of the PowerCenter `%` tokens. An empty value expands to nothing.
struct MailTokens {
  std::string session;                // %s
  std::string workflow;               // %w
  std::string folder;                 // %n
  std::string status;                 // %e
  std::string start;                  // %b
  std::string completion;             // %c
  std::string elapsed;                // %i
  std::string rows_loaded;            // %l
  std::string rows_rejected;          // %r
  std::string table_details;          // %t
  std::string mapping;                // %m
  std::string repository;             // %d
  std::string integration_service;    // %v
  std::string user;                   // %u
  std::filesystem::path session_log;  // %g attaches this file; empty: there is none
  std::filesystem::path base_dir;     // relative %a<path> names resolve against it
};

// Files larger than this are not attached (an error line says so instead).
inline constexpr std::uintmax_t kMaxAttachmentBytes = 25u * 1024u * 1024u;

// Text with its `%` tokens replaced, plus the files `%g` and `%a<path>` asked to attach. A file
// that cannot be attached leaves an error line in the text in place of its token.
struct ExpandedText {
  std::string text;
  std::vector<Attachment> attachments;
  std::vector<std::string> errors;  // one per file that could not be attached
};
ExpandedText expand_tokens(std::string_view text, const MailTokens& tokens);

// The tokens a task knows outside a session: %w %n %d %v %u, and %b/%c/%i measured from the
// start of the task's parent workflow or worklet to now. base_dir is the run's work directory.
MailTokens workflow_tokens(const sdk::Context& ctx);

// "1:02:03" for an elapsed time in seconds, the form %i takes.
std::string format_elapsed(int64_t seconds);

// What send() can be told while it runs.
struct SendHooks {
  std::function<bool()> abort_requested;                  // polled; true ends the transfer
  std::function<void(std::string_view line)> transcript;  // the SMTP dialogue, credentials masked
};

struct SendResult {
  int64_t curl_code = 0;  // a CURLcode; 0 when the server accepted the mail
  std::string error;      // curl's reason, with the server and recipients involved
  bool ok() const { return curl_code == 0; }
};
SendResult send(const SmtpSettings& settings, const MailMessage& message,
                const SendHooks& hooks = {});

// The mail as written in a task definition: attribute text before any expansion.
struct MailRequest {
  std::string recipients;
  std::string subject;
  std::string body;
};

struct Delivery {
  int64_t error_code = 0;  // 0: sent (or, under dry run, described); else the ErrorCode to set
  std::string error;
  bool aborted = false;  // the transfer was cut short by an abort request
  bool ok() const { return error.empty(); }
};

// Expands `$$vars` (host) then `%` tokens, and sends the mail; under dry run it only describes
// the recipients and subject. Attachment problems are logged as warnings, not failures.
Delivery deliver(const sdk::Context& ctx, const MailRequest& request, const MailTokens& tokens);

}  // namespace taskweave::plugins::mail
