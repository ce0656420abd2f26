#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "file_bytes.h"
#include "mail.h"

namespace taskweave::plugins::mail {
namespace {

using Settings = sdk::Expected<SmtpSettings>;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string config_or(const sdk::Context& ctx, const char* key, std::string fallback) {
  std::optional<std::string> value = ctx.config(key);
  return value && !value->empty() ? *value : fallback;
}

// A relative path in the configuration is relative to the configuration file's directory.
std::filesystem::path config_path(const sdk::Context& ctx, const std::string& value) {
  std::filesystem::path path(value);
  return path.is_relative() ? std::filesystem::path(ctx.dir(TW_DIR_CONFIG)) / path : path;
}

// taskweave@<hostname>, or taskweave@localhost when the host name is not a valid mail domain
// (an underscore, say): an unset email.from must never be why a mail fails.
std::string default_from() {
  char host[256] = {0};
  std::string from = std::string("taskweave@") +
                     (gethostname(host, sizeof(host) - 1) == 0 && host[0] ? host : "localhost");
  return parse_mailbox(from) ? from : "taskweave@localhost";
}

// The password named by email.smtp.password_env or email.smtp.password_file ("" when neither).
sdk::Expected<std::string> load_password(const sdk::Context& ctx) {
  std::string env = config_or(ctx, "email.smtp.password_env", "");
  std::string file = config_or(ctx, "email.smtp.password_file", "");
  using Password = sdk::Expected<std::string>;
  if (!env.empty() && !file.empty())
    return Password::failure(
        "both email.smtp.password_env and email.smtp.password_file are set: keep only one");
  if (!env.empty()) {
    const char* value = std::getenv(env.c_str());
    if (!value)
      return Password::failure("email.smtp.password_env names the environment variable " + env +
                               ", which is not set");
    return std::string(value);
  }
  if (file.empty()) return std::string();
  std::filesystem::path path = config_path(ctx, file);
  std::string password;
  if (std::string error = read_file_bytes(path, password); !error.empty())
    return Password::failure("cannot read the SMTP password file " + path.string() +
                             " (email.smtp.password_file): " + error);
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
    password.pop_back();
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    ctx.warning("the SMTP password file " + path.string() +
                " is readable by other users; chmod 600 it");
  return password;
}

}  // namespace

sdk::Expected<SmtpSettings> load_smtp_settings(const sdk::Context& ctx) {
  SmtpSettings s;
  s.url = config_or(ctx, "email.smtp.url", "");
  if (s.url.empty())
    return Settings::failure(
        "no SMTP server configured: set email.smtp.url (for example smtp://mail.example.com:587 "
        "or smtps://mail.example.com:465) in the taskweave configuration");
  std::string scheme = lower(s.url.substr(0, s.url.find("://")));
  if (s.url.find("://") == std::string::npos || (scheme != "smtp" && scheme != "smtps"))
    return Settings::failure("email.smtp.url must start with smtp:// or smtps://, not '" + s.url +
                             "'");

  std::string starttls = lower(config_or(ctx, "email.smtp.starttls", "required"));
  if (starttls == "required") {
    s.starttls = StartTls::kRequired;
  } else if (starttls == "optional") {
    s.starttls = StartTls::kOptional;
  } else if (starttls == "off") {
    s.starttls = StartTls::kOff;
  } else {
    return Settings::failure("email.smtp.starttls must be required, optional or off, not '" +
                             starttls + "'");
  }

  s.user = config_or(ctx, "email.smtp.user", "");
  sdk::Expected<std::string> password = load_password(ctx);
  if (!password) return Settings::failure(password.error());
  s.password = *password;
  if (!s.password.empty()) ctx.add_secret(s.password);
  if (!s.password.empty() && s.user.empty())
    return Settings::failure("an SMTP password is configured but email.smtp.user is not");

  sdk::Expected<Mailbox> from = parse_mailbox(config_or(ctx, "email.from", default_from()));
  if (!from) return Settings::failure("email.from: " + from.error());
  s.from = *from;
  std::string ca_file = config_or(ctx, "email.smtp.ca_file", "");
  if (!ca_file.empty()) s.ca_file = config_path(ctx, ca_file).string();

  std::string timeout = config_or(ctx, "email.timeout_seconds", "60");
  auto [end, ec] =
      std::from_chars(timeout.data(), timeout.data() + timeout.size(), s.timeout_seconds);
  if (ec != std::errc() || end != timeout.data() + timeout.size() || s.timeout_seconds < 1 ||
      s.timeout_seconds > 3600)
    return Settings::failure(
        "email.timeout_seconds must be a whole number of seconds from 1 "
        "to 3600, not '" +
        timeout + "'");
  return s;
}

}  // namespace taskweave::plugins::mail
