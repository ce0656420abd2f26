// The Email plugin, loaded from its built file into the fake host, sending to a real SMTP
// server (aiosmtpd) on 127.0.0.1 with STARTTLS, implicit TLS or neither.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "fake_host.h"
#include "smtp_test_server.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUser = "etl-mailer";
constexpr const char* kPassword = "s3cret-Pa55";
constexpr const char* kPasswordEnv = "TW_EMAIL_TEST_PASSWORD";

// The decoded body keeps the CR LF line endings it travelled with; compare lines, not endings.
std::string lf_lines(std::string text) {
  for (size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at))
    text.erase(at, 1);
  return text;
}

const tw_task_type& email_type() {
  static const tw_task_type* type = [] {
    std::string error;
    const tw_plugin_descriptor* plugin = FakeHost::open_plugin(TW_PLUGIN_FILE, error);
    EXPECT_NE(plugin, nullptr) << error;
    return FakeHost::find_type(plugin, "Email");
  }();
  EXPECT_NE(type, nullptr);
  return *type;
}

class EmailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "work");
    fs::create_directories(dir_.path() / "config");
    host_.dirs[TW_DIR_WORK] = dir_.path() / "work";
    host_.dirs[TW_DIR_CONFIG] = dir_.path() / "config";
    host_.task_type = "Email";
    host_.instance_name = "email_ops";
    host_.workflow_name = "wf_daily";
    host_.folder_name = "SALES";
    host_.vars["$PMRepositoryServiceName"] = FakeValue::of_string("REP_DEV");
    host_.vars["$PMIntegrationServiceName"] = FakeValue::of_string("IS_DEV");
    setenv(kPasswordEnv, kPassword, 1);
  }
  void TearDown() override { unsetenv(kPasswordEnv); }

  // Starts a server and points the email.* configuration at it.
  void serve(SmtpTestServer::Mode mode) {
    server_ = std::make_unique<SmtpTestServer>();
    std::string error = server_->start(mode, dir_.path() / "smtp", kUser, kPassword);
    ASSERT_EQ(error, "");
    std::string scheme = mode == SmtpTestServer::Mode::kSmtps ? "smtps" : "smtp";
    host_.config["email.smtp.url"] = scheme + "://127.0.0.1:" + std::to_string(server_->port());
    host_.config["email.from"] = "Taskweave ETL <etl@example.com>";
    host_.config["email.timeout_seconds"] = "20";
    if (mode == SmtpTestServer::Mode::kPlain) {
      host_.config["email.smtp.starttls"] = "off";
      return;
    }
    host_.config["email.smtp.starttls"] = "required";
    host_.config["email.smtp.user"] = kUser;
    host_.config["email.smtp.password_env"] = kPasswordEnv;
    host_.config["email.smtp.ca_file"] = server_->certificate().string();
  }

  void mail(const std::string& to, const std::string& subject, const std::string& text) {
    host_.attributes["Email User Name"] = to;
    host_.attributes["Email Subject"] = subject;
    host_.attributes["Email Text"] = text;
  }

  tw_run_result run() {
    std::optional<tw_run_result> result = host_.run(email_type());
    EXPECT_TRUE(result.has_value()) << host_.create_error;
    return result.value_or(TW_RUN_FAILED);
  }

  std::string error_message() const { return host_.error ? host_.error->second : ""; }

  // Every log line and the task log: where a leaked password would show.
  std::string everything_logged() const {
    std::string out = host_.task_log;
    for (const auto& line : host_.logs) out += line.message + "\n";
    for (const auto& line : host_.descriptions) out += line + "\n";
    return out + error_message();
  }

  TempDir dir_{"tw-email"};
  FakeHost host_;
  std::unique_ptr<SmtpTestServer> server_;  // destroyed (and stopped) before dir_
};

TEST_F(EmailTest, SendsOverStartTlsWithAuthExpandedTokensAndAttachments) {
  serve(SmtpTestServer::Mode::kStartTls);
  const std::string report(
      "id;amount\r\n1;\xe2\x82\xac"
      "10\r\n\0\xff",
      23);
  std::ofstream(dir_.path() / "work" / "report.csv", std::ios::binary) << report;
  host_.vars["$$DESTINO"] = FakeValue::of_string("ops@example.com");
  // As in the corpus: a literal backslash-n beside real CR LF line breaks.
  mail("$$DESTINO; Ana Núñez <ana@example.org>; ", "ERROR %n/%w – ejecución fallida",
       "Ejecución Fallida, detalle: \\n\r\nRepositorio: %d \\n\r\nIntegration Service: %v\r\n"
       "Folder: %n\r\nWorkflow: %w\r\nStart: %b\r\nUser: %u\r\n"
       "Report: %a<report.csv>\r\nMissing: %a</nonexistent/taskweave/x.bin>\r\nLog: %g\r\n"
       "Ñandú €\r\n.\r\nend");

  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message() << "\n" << host_.task_log;

  std::vector<fs::path> messages = server_->messages();
  ASSERT_EQ(messages.size(), 1u) << server_->log();
  const fs::path& m = messages[0];
  EXPECT_EQ(read_file(m / "mail_from"), "etl@example.com");
  EXPECT_EQ(read_file(m / "rcpt"), "ops@example.com\nana@example.org\n");
  EXPECT_EQ(read_file(m / "to"), "|ops@example.com\nAna Núñez|ana@example.org\n");
  EXPECT_EQ(read_file(m / "subject"), "ERROR SALES/wf_daily – ejecución fallida");

  std::string body = lf_lines(read_file(m / "body"));
  EXPECT_NE(body.find("Ejecución Fallida, detalle: \\n\n"), std::string::npos) << body;
  EXPECT_NE(body.find("Repositorio: REP_DEV \\n\n"), std::string::npos) << body;
  EXPECT_NE(body.find("Integration Service: IS_DEV\n"), std::string::npos);
  EXPECT_NE(body.find("Folder: SALES\nWorkflow: wf_daily\nStart: 2023-11-14 22:13:20\n"),
            std::string::npos)
      << body;
  EXPECT_EQ(body.find("User: \n"), std::string::npos);  // %u names the user running taskweave
  EXPECT_NE(body.find("Report: \n"), std::string::npos);
  EXPECT_NE(body.find("Missing: [taskweave: could not attach file /nonexistent/taskweave/x.bin: "
                      "No such file or directory]\n"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("Log: [taskweave: could not attach the session log"), std::string::npos);
  EXPECT_NE(body.find("Ñandú €\n.\nend"), std::string::npos) << body;  // dot line survives
  EXPECT_EQ(read_file(m / "attachments" / "report.csv"), report);

  EXPECT_EQ(read_file(m / "body_content_type"), "text/plain; charset=\"UTF-8\"");
  EXPECT_EQ(read_file(m / "body_encoding"), "quoted-printable");
  std::string headers = read_file(m / "headers");
  EXPECT_NE(headers.find("\nDate: "), std::string::npos) << headers;
  EXPECT_NE(headers.find("\nMessage-ID: <"), std::string::npos) << headers;
  EXPECT_NE(headers.find("@example.com>"), std::string::npos) << headers;
  for (char c : read_file(m / "raw.eml"))  // everything non-ASCII went out encoded
    ASSERT_TRUE(c >= 0) << "raw message has 8-bit bytes";

  EXPECT_NE(host_.task_log.find("> STARTTLS"), std::string::npos) << host_.task_log;
  EXPECT_NE(host_.task_log.find("> AUTH "), std::string::npos) << host_.task_log;
  EXPECT_TRUE(host_.logged("could not attach file /nonexistent/taskweave/x.bin"));
  EXPECT_EQ(std::count(host_.secrets.begin(), host_.secrets.end(), kPassword), 1);
  EXPECT_EQ(everything_logged().find(kPassword), std::string::npos);
}

TEST_F(EmailTest, SendsOverImplicitTlsWithThePasswordFromAFile) {
  serve(SmtpTestServer::Mode::kSmtps);
  host_.config.erase("email.smtp.password_env");
  host_.config["email.smtp.password_file"] = "smtp.password";  // relative to the config dir
  std::ofstream(dir_.path() / "config" / "smtp.password") << kPassword << "\n";
  fs::permissions(dir_.path() / "config" / "smtp.password", fs::perms::owner_read);
  mail("ops@example.com", "daily %w", "ok");
  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message();
  ASSERT_EQ(server_->messages().size(), 1u);
  EXPECT_EQ(read_file(server_->messages()[0] / "subject"), "daily wf_daily");
  EXPECT_EQ(lf_lines(read_file(server_->messages()[0] / "body")), "ok");
  EXPECT_EQ(everything_logged().find(kPassword), std::string::npos);
}

TEST_F(EmailTest, PlainRelayWithStartTlsOff) {
  serve(SmtpTestServer::Mode::kPlain);
  mail("a@example.com, b@example.com", "plain", "body");
  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message();
  ASSERT_EQ(server_->messages().size(), 1u);
  EXPECT_EQ(read_file(server_->messages()[0] / "rcpt"), "a@example.com\nb@example.com\n");
}

TEST_F(EmailTest, QuotedDisplayNamesKeepTheirCommasAndTheEnvelopeTakesBareAddresses) {
  serve(SmtpTestServer::Mode::kStartTls);
  host_.vars["$$ONCALL"] = FakeValue::of_string("\"Núñez; Ana (DBA)\" <ana@example.org>");
  mail(
      "\"Doe, Jane\" <jane@example.com>; ops@example.com,\r\n$$ONCALL, "
      "bob@example.com (Bob, night shift)",
      "s", "t");
  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message() << "\n" << host_.task_log;
  ASSERT_EQ(server_->messages().size(), 1u) << server_->log();
  const fs::path m = server_->messages()[0];
  EXPECT_EQ(read_file(m / "rcpt"),
            "jane@example.com\nops@example.com\nana@example.org\nbob@example.com\n");
  EXPECT_EQ(read_file(m / "to"),
            "Doe, Jane|jane@example.com\n|ops@example.com\nNúñez; Ana (DBA)|ana@example.org\n"
            "|bob@example.com\n");
  std::string headers = read_file(m / "headers");
  EXPECT_NE(headers.find("To: \"Doe, Jane\" <jane@example.com>,"), std::string::npos) << headers;
  EXPECT_NE(headers.find("=?UTF-8?B?"), std::string::npos) << headers;  // the non-ASCII name
  EXPECT_TRUE(
      host_.logged("sending mail to \"Doe, Jane\" <jane@example.com>, ops@example.com, "
                   "\"Núñez; Ana (DBA)\" <ana@example.org>, bob@example.com"));
}

TEST_F(EmailTest, AnEmptyOrUnparseableRecipientFailsTheTaskNamingItAndSendsNothing) {
  serve(SmtpTestServer::Mode::kStartTls);
  mail("ops@example.com;; dba@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_EQ(error_message(),
            "bad recipient: entry 2 of 'ops@example.com;; dba@example.com' is empty (two "
            "separators in a row, or one at the start)");
  mail("ops@example.com, Doe, Jane <jane@example.com>", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("bad recipient: 'Doe' is not a mail address"), std::string::npos)
      << error_message();
  mail("\"Doe, Jane <jane@example.com>", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("opens a quote (\") that is never closed"), std::string::npos)
      << error_message();
  EXPECT_TRUE(server_->messages().empty());
}

TEST_F(EmailTest, OptionalStartTlsUpgradesWhenOfferedAndSendsPlainWhenNot) {
  serve(SmtpTestServer::Mode::kStartTls);
  host_.config["email.smtp.starttls"] = "optional";
  mail("ops@example.com", "s", "t");
  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message() << "\n" << host_.task_log;
  EXPECT_NE(host_.task_log.find("> STARTTLS"), std::string::npos) << host_.task_log;
  ASSERT_EQ(server_->messages().size(), 1u);

  TempDir plain_dir{"tw-email-plain"};
  SmtpTestServer plain;
  ASSERT_EQ(plain.start(SmtpTestServer::Mode::kPlain, plain_dir.path(), "", ""), "");
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:" + std::to_string(plain.port());
  host_.config.erase("email.smtp.user");
  host_.config.erase("email.smtp.password_env");
  host_.task_log.clear();
  ASSERT_EQ(run(), TW_RUN_SUCCEEDED) << error_message() << "\n" << host_.task_log;
  EXPECT_EQ(host_.task_log.find("> STARTTLS"), std::string::npos) << host_.task_log;
  EXPECT_EQ(plain.messages().size(), 1u) << plain.log();
}

TEST_F(EmailTest, WrongPasswordFailsWithCurlsReason) {
  serve(SmtpTestServer::Mode::kStartTls);
  setenv(kPasswordEnv, "wrong-password", 1);
  mail("ops@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("Login denied"), std::string::npos) << error_message();
  EXPECT_EQ(host_.error->first, 67);  // CURLE_LOGIN_DENIED
  EXPECT_TRUE(server_->messages().empty());
  EXPECT_EQ(everything_logged().find("wrong-password"), std::string::npos);
}

TEST_F(EmailTest, RejectedRecipientFailsWithCurlsReason) {
  serve(SmtpTestServer::Mode::kStartTls);
  mail("ops@example.com; reject-me@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("RCPT failed: 550"), std::string::npos) << error_message();
  EXPECT_TRUE(server_->messages().empty());
}

TEST_F(EmailTest, RequiredStartTlsAgainstAServerWithoutItFails) {
  serve(SmtpTestServer::Mode::kPlain);
  host_.config["email.smtp.starttls"] = "required";
  mail("ops@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("STARTTLS"), std::string::npos) << error_message();
  EXPECT_TRUE(server_->messages().empty());
}

TEST_F(EmailTest, RefusedConnectionFailsWithCurlsReason) {
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:" + std::to_string(unused_port());
  host_.config["email.smtp.starttls"] = "off";
  mail("ops@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("Couldn't connect to server"), std::string::npos)
      << error_message();
  EXPECT_EQ(host_.error->first, 7);  // CURLE_COULDNT_CONNECT
}

TEST_F(EmailTest, WithoutAServerConfiguredFailsNamingTheKey) {
  mail("ops@example.com", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("set email.smtp.url"), std::string::npos) << error_message();
}

TEST_F(EmailTest, BadConfigurationIsNamed) {
  mail("ops@example.com", "s", "t");
  host_.config["email.smtp.url"] = "http://127.0.0.1:1";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("smtp:// or smtps://"), std::string::npos) << error_message();
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:1";
  host_.config["email.smtp.starttls"] = "sometimes";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("email.smtp.starttls"), std::string::npos) << error_message();
  host_.config["email.smtp.starttls"] = "off";
  host_.config["email.smtp.password_env"] = "TW_EMAIL_TEST_UNSET_VARIABLE";
  host_.config["email.smtp.user"] = "u";
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("TW_EMAIL_TEST_UNSET_VARIABLE, which is not set"),
            std::string::npos)
      << error_message();
}

TEST_F(EmailTest, UnresolvedRecipientVariableFailsNamingIt) {
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:1";
  mail("$PMFailureEmailUser", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("'$PMFailureEmailUser' is a variable with no value"),
            std::string::npos)
      << error_message();
  mail(" \r\n ", "s", "t");
  EXPECT_EQ(run(), TW_RUN_FAILED);
  EXPECT_NE(error_message().find("no recipients"), std::string::npos) << error_message();
}

TEST_F(EmailTest, DryRunDescribesRecipientsAndSubjectAndSendsNothing) {
  host_.dry_run = true;
  host_.vars["$$DESTINO"] = FakeValue::of_string("ops@example.com;dba@example.com");
  mail("$$DESTINO", "ERROR %n/%w", "t");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  ASSERT_EQ(host_.descriptions.size(), 1u);
  EXPECT_EQ(host_.descriptions[0],
            "would send mail to ops@example.com, dba@example.com with subject \"ERROR "
            "SALES/wf_daily\" (no email.smtp.url is configured)");
}

TEST_F(EmailTest, DryRunOfAMailThatWouldFailSucceedsDescribingTheFailure) {
  host_.dry_run = true;
  mail("$$NOBODY", "s", "t");
  EXPECT_EQ(run(), TW_RUN_SUCCEEDED);
  EXPECT_EQ(host_.descriptions,
            std::vector<std::string>{"would fail: bad recipient: '$$NOBODY' is a variable with no "
                                     "value: set it in the parameter file or the workflow"});
}

TEST_F(EmailTest, AbortCutsAStalledTransferShortPromptly) {
  // A server that accepts the connection (the kernel's backlog does) but never greets.
  int silent = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(silent, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(silent, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(listen(silent, 1), 0);
  ASSERT_EQ(getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length), 0);
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  host_.config["email.smtp.starttls"] = "off";
  host_.config["email.timeout_seconds"] = "60";
  mail("ops@example.com", "s", "t");

  tw_run_result result = TW_RUN_FAILED;
  auto start = std::chrono::steady_clock::now();
  std::thread sender([&] { result = run(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  host_.cancel = TW_CANCEL_ABORT;
  sender.join();
  close(silent);
  EXPECT_EQ(result, TW_RUN_ABORTED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_FALSE(host_.error.has_value()) << error_message();
  EXPECT_TRUE(host_.logged("abort requested: the mail was not sent"));
}

TEST_F(EmailTest, StopBeforeStartingSendsNothing) {
  host_.config["email.smtp.url"] = "smtp://127.0.0.1:1";
  mail("ops@example.com", "s", "t");
  host_.cancel = TW_CANCEL_STOP;
  EXPECT_EQ(run(), TW_RUN_STOPPED);
  host_.cancel = TW_CANCEL_ABORT;
  EXPECT_EQ(run(), TW_RUN_ABORTED);
}

}  // namespace
}  // namespace taskweave::testing
