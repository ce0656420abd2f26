// Sending one message with libcurl's SMTP support: the envelope from the message, the MIME
// structure built with curl_mime (a quoted-printable UTF-8 text part, one base64 part per
// attachment), headers encoded by mime_headers.h.
#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "mail.h"
#include "mime_headers.h"

namespace taskweave::plugins::mail {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
template <class T>
using CurlPtr = std::unique_ptr<T, CurlDeleter>;

// curl_global_init is not thread-safe in every libcurl build; run it once per process.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool append(CurlPtr<curl_slist>& list, const std::string& item) {
  curl_slist* grown = curl_slist_append(list.get(), item.c_str());
  if (!grown) return false;
  (void)list.release();
  list.reset(grown);
  return true;
}

std::string to_header(const std::vector<Mailbox>& to) {
  std::string out;
  for (const auto& mailbox : to) out += (out.empty() ? "" : ",\r\n ") + encode_mailbox(mailbox);
  return out;
}

// SMTP commands that carry no secret; anything else the client sends during AUTH is a
// credential and is masked.
bool is_plain_command(std::string_view line) {
  for (std::string_view verb :
       {"EHLO", "HELO", "STARTTLS", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP"})
    if (line.substr(0, verb.size()) == verb) return true;
  return false;
}

std::string masked(std::string_view line) {
  if (line.substr(0, 5) == "AUTH ") {
    std::string_view rest = line.substr(5);
    return "AUTH " + std::string(rest.substr(0, rest.find(' '))) + " ********";
  }
  return is_plain_command(line) ? std::string(line) : "********";
}

int debug_callback(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  const char* prefix = type == CURLINFO_TEXT         ? "* "
                       : type == CURLINFO_HEADER_IN  ? "< "
                       : type == CURLINFO_HEADER_OUT ? "> "
                                                     : nullptr;
  if (!prefix) return 0;  // message bytes and TLS records stay out of the transcript
  const auto& hooks = *static_cast<const SendHooks*>(user);
  std::string_view text(data, size);
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // TLS handshake chatter says nothing about the mail; the negotiated version line stays.
    bool handshake = type == CURLINFO_TEXT && line.substr(0, 4) == "TLSv";
    if (!line.empty() && !handshake)
      hooks.transcript(prefix + (type == CURLINFO_HEADER_OUT ? masked(line) : std::string(line)));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return 0;
}

int progress_callback(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto& hooks = *static_cast<const SendHooks*>(user);
  return hooks.abort_requested() ? 1 : 0;
}

// Builds the multipart/mixed body; returns nullptr when curl runs out of memory.
CurlPtr<curl_mime> build_mime(CURL* curl, const MailMessage& message) {
  CurlPtr<curl_mime> mime(curl_mime_init(curl));
  if (!mime) return nullptr;
  std::string body = to_crlf(message.body);
  curl_mimepart* text = curl_mime_addpart(mime.get());
  if (!text || curl_mime_data(text, body.data(), body.size()) != CURLE_OK ||
      curl_mime_type(text, "text/plain; charset=UTF-8") != CURLE_OK ||
      curl_mime_encoder(text, "quoted-printable") != CURLE_OK)
    return nullptr;
  for (const Attachment& a : message.attachments) {
    curl_mimepart* part = curl_mime_addpart(mime.get());
    if (!part || curl_mime_data(part, a.bytes.data(), a.bytes.size()) != CURLE_OK ||
        curl_mime_filename(part, a.file_name.c_str()) != CURLE_OK ||
        curl_mime_type(part, a.content_type.c_str()) != CURLE_OK ||
        curl_mime_encoder(part, "base64") != CURLE_OK)
      return nullptr;
  }
  return mime;
}

SendResult failure(CURLcode code, const char* detail, const SmtpSettings& settings,
                   const MailMessage& message) {
  std::string reason = detail && *detail ? detail : curl_easy_strerror(code);
  return {code, "sending mail to " + display_list(message.to) + " through " + settings.url +
                    " failed: " + reason + " (curl error " + std::to_string(code) + ")"};
}

}  // namespace

SendResult send(const SmtpSettings& settings, const MailMessage& message, const SendHooks& hooks) {
  init_curl_once();
  CurlPtr<CURL> curl(curl_easy_init());
  if (!curl) return failure(CURLE_FAILED_INIT, nullptr, settings, message);
  CURL* c = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};

  CurlPtr<curl_slist> recipients, headers;
  for (const auto& to : message.to)
    if (!append(recipients, "<" + to.address + ">"))
      return failure(CURLE_OUT_OF_MEMORY, nullptr, settings, message);
  std::time_t now = std::time(nullptr);
  for (const std::string& header :
       {"From: " + encode_mailbox(settings.from), "To: " + to_header(message.to),
        "Subject: " + encode_header_text(message.subject), "Date: " + rfc5322_date(now),
        "Message-ID: " + make_message_id(settings.from.address, now)})
    if (!append(headers, header)) return failure(CURLE_OUT_OF_MEMORY, nullptr, settings, message);
  CurlPtr<curl_mime> mime = build_mime(c, message);
  if (!mime) return failure(CURLE_OUT_OF_MEMORY, nullptr, settings, message);

  std::string mail_from = "<" + settings.from.address + ">";
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
  // Only mail protocols: a URL from the configuration must never make curl read a file.
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   settings.starttls == StartTls::kRequired   ? CURLUSESSL_ALL
                   : settings.starttls == StartTls::kOptional ? CURLUSESSL_TRY
                                                              : CURLUSESSL_NONE);
  if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM-based timeouts
  if (hooks.abort_requested) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &progress_callback);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &hooks);
  }
  if (hooks.transcript) {
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &debug_callback);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &hooks);
  }

  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return failure(code, error_buffer, settings, message);
  return {};
}

}  // namespace taskweave::plugins::mail
