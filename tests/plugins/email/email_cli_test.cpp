// The Email task end to end through the real `taskweave run`: a folder-level reusable Email
// task on a failure branch, as in real exports, with and without a mail server configured.
#include <gtest/gtest.h>

#include "smtp_test_server.h"
#include "workflow_export.h"
#include "workflow_run.h"

namespace taskweave::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "cli-Secret-42";

// cmd_load exits with `exit_code`; on failure the reusable Email task eml_load_failed tells the
// recipients in $$OpsMailTo (`recipients_xml`, escaped for an XML attribute).
std::string failure_branch_workflow(
    int exit_code, const fs::path& attachment,
    const std::string& recipients_xml = "ops@example.com; dba@example.com") {
  std::string email_task =
      "<TASK DESCRIPTION =\"\" NAME =\"eml_load_failed\" REUSABLE =\"YES\" TYPE =\"Email\" "
      "VERSIONNUMBER =\"1\">\n"
      "<ATTRIBUTE NAME =\"Email User Name\" VALUE =\"$$OpsMailTo\"/>\n"
      "<ATTRIBUTE NAME =\"Email Subject\" VALUE =\"FAILED: %w in folder %n\"/>\n"
      "<ATTRIBUTE NAME =\"Email Text\" VALUE =\"Load failed: $$LoadStatus &#x5c;n&#xD;&#xA;"
      "Workflow: %w&#xD;&#xA;Rows: %a<" +
      attachment.string() + ">done\"/>\n</TASK>\n";
  std::string body =
      "<TASK DESCRIPTION =\"\" NAME =\"cmd_load\" REUSABLE =\"NO\" TYPE =\"Command\" "
      "VERSIONNUMBER =\"1\">\n"
      "<ATTRIBUTE NAME =\"Fail task if any command fails\" VALUE =\"YES\"/>\n"
      "<VALUEPAIR EXECORDER =\"1\" NAME =\"load\" REVERSEASSIGNMENT =\"NO\" VALUE =\"exit " +
      std::to_string(exit_code) + "\"/>\n</TASK>\n" + task_instance("cmd_load", "Command") +
      task_instance("eml_load_failed", "Email", false, /*reusable=*/true) +
      workflow_link("Start", "cmd_load") +
      workflow_link("cmd_load", "eml_load_failed", "$cmd_load.Status = FAILED") +
      "<WORKFLOWVARIABLE DATATYPE =\"nstring\" DEFAULTVALUE =\"" + recipients_xml +
      "\" DESCRIPTION =\"\" ISNULL =\"NO\" ISPERSISTENT =\"NO\" "
      "NAME =\"$$OpsMailTo\" USERDEFINED =\"YES\"/>\n"
      "<WORKFLOWVARIABLE DATATYPE =\"nstring\" DEFAULTVALUE =\"NOT LOADED\" DESCRIPTION =\"\" "
      "ISNULL =\"NO\" ISPERSISTENT =\"NO\" NAME =\"$$LoadStatus\" USERDEFINED =\"YES\"/>\n";
  return workflow_export("wf_nightly", "", body, email_task);
}

TEST(EmailCli, TheFailureBranchSendsTheMailThroughTheConfiguredServer) {
  TempDir dir("tw-email-cli");
  SmtpTestServer server;
  ASSERT_EQ(
      server.start(SmtpTestServer::Mode::kStartTls, dir.path() / "smtp", "cli-user", kPassword),
      "");
  write_file(dir.path() / "rows.csv", "id\n1\n");
  std::string config = "[email]\nsmtp.url = smtp://127.0.0.1:" + std::to_string(server.port()) +
                       "\nsmtp.starttls = required\nsmtp.user = cli-user\n"
                       "smtp.password_env = TW_EMAIL_CLI_PASSWORD\nsmtp.ca_file = " +
                       server.certificate().string() + "\nfrom = etl@example.com\n";
  ProcessOptions options;
  options.env["TW_EMAIL_CLI_PASSWORD"] = kPassword;
  WorkflowRun run = run_workflow(dir.path(), failure_branch_workflow(3, dir.path() / "rows.csv"),
                                 config, {}, options);

  EXPECT_EQ(run.events.status("cmd_load"), "FAILED") << run.process.out << run.process.err;
  ASSERT_EQ(run.events.status("eml_load_failed"), "SUCCEEDED")
      << run.events.field("eml_load_failed", "error_msg");
  EXPECT_EQ(run.events.run_status, "SUCCEEDED");  // neither task fails its parent
  ASSERT_EQ(server.messages().size(), 1u) << server.log();
  const fs::path mail = server.messages()[0];
  EXPECT_EQ(read_file(mail / "rcpt"), "ops@example.com\ndba@example.com\n");
  EXPECT_EQ(read_file(mail / "subject"), "FAILED: wf_nightly in folder PLUGIN_TESTS");
  std::string text = read_file(mail / "body");
  EXPECT_NE(text.find("Load failed: NOT LOADED \\n\r\nWorkflow: wf_nightly\r\nRows: done"),
            std::string::npos)
      << text;
  EXPECT_EQ(read_file(mail / "attachments" / "rows.csv"), "id\n1\n");

  // The password reached the server but no output, event or log file (workflow or task log).
  EXPECT_EQ(run.process.out.find(kPassword), std::string::npos);
  EXPECT_EQ(run.process.err.find(kPassword), std::string::npos);
  EXPECT_EQ(run.events.text().find(kPassword), std::string::npos);
  ASSERT_TRUE(fs::exists(dir.path() / "logs"));
  for (const auto& entry : fs::recursive_directory_iterator(dir.path() / "logs")) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(read_file(entry.path()).find(kPassword), std::string::npos) << entry.path();
    }
  }
  // The state store keeps the run's declared secrets so that recover and `show` can mask them
  // (docs/state.md), so it may hold the password: only its owner may read it.
  for (const auto& entry : fs::recursive_directory_iterator(dir.path() / "state")) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(entry.status().permissions() & (fs::perms::group_all | fs::perms::others_all),
                fs::perms::none)
          << entry.path();
    }
  }
}

TEST(EmailCli, WithoutAServerTheMailFailsNamingTheKeyAndASuccessNeedsNone) {
  TempDir dir("tw-email-cli");
  WorkflowRun failed = run_workflow(dir.path(), failure_branch_workflow(3, "rows.csv"), "");
  EXPECT_EQ(failed.events.status("eml_load_failed"), "FAILED") << failed.process.out;
  EXPECT_NE(failed.events.field("eml_load_failed", "error_msg").find("set email.smtp.url"),
            std::string::npos)
      << failed.events.field("eml_load_failed", "error_msg");

  WorkflowRun succeeded = run_workflow(dir.path(), failure_branch_workflow(0, "rows.csv"), "");
  EXPECT_EQ(succeeded.process.exit_code, 0) << succeeded.process.out << succeeded.process.err;
  EXPECT_EQ(succeeded.events.did_not_run.count("eml_load_failed"), 1u);
}

TEST(EmailCli, QuotedDisplayNamesReachTheHeaderAndBareAddressesTheEnvelope) {
  TempDir dir("tw-email-cli");
  SmtpTestServer server;
  ASSERT_EQ(server.start(SmtpTestServer::Mode::kPlain, dir.path() / "smtp", "", ""), "");
  std::string config = "[email]\nsmtp.url = smtp://127.0.0.1:" + std::to_string(server.port()) +
                       "\nsmtp.starttls = off\nfrom = \"ETL, nightly\" <etl@example.com>\n";
  WorkflowRun run = run_workflow(
      dir.path(),
      failure_branch_workflow(3, "rows.csv",
                              "&quot;Doe, Jane&quot; &lt;jane@example.com&gt;; ops@example.com, "
                              "Ana Núñez &lt;ana@example.org&gt;"),
      config);
  ASSERT_EQ(run.events.status("eml_load_failed"), "SUCCEEDED")
      << run.events.field("eml_load_failed", "error_msg") << run.process.err;
  ASSERT_EQ(server.messages().size(), 1u) << server.log();
  const fs::path mail = server.messages()[0];
  EXPECT_EQ(read_file(mail / "mail_from"), "etl@example.com");
  EXPECT_EQ(read_file(mail / "rcpt"), "jane@example.com\nops@example.com\nana@example.org\n");
  EXPECT_EQ(read_file(mail / "to"),
            "Doe, Jane|jane@example.com\n|ops@example.com\nAna Núñez|ana@example.org\n");
  EXPECT_NE(read_file(mail / "headers").find("From: \"ETL, nightly\" <etl@example.com>"),
            std::string::npos)
      << read_file(mail / "headers");

  // An unquoted comma in a display name is caught before any connection, naming the entry.
  WorkflowRun bad = run_workflow(
      dir.path(), failure_branch_workflow(3, "rows.csv", "Doe, Jane &lt;jane@example.com&gt;"),
      config);
  EXPECT_EQ(bad.events.status("eml_load_failed"), "FAILED");
  EXPECT_NE(bad.events.field("eml_load_failed", "error_msg")
                .find("bad recipient: 'Doe' is not a mail address: there is no @ in it"),
            std::string::npos)
      << bad.events.field("eml_load_failed", "error_msg");
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST(EmailCli, DryRunDescribesRecipientsAndSubject) {
  TempDir dir("tw-email-cli");
  WorkflowRun run = run_workflow(dir.path(), failure_branch_workflow(0, "rows.csv"), "",
                                 {"--dry-run", "--simulate", "cmd_load=FAILED"});
  EXPECT_EQ(run.events.status("eml_load_failed"), "SUCCEEDED")
      << run.process.out << run.process.err;
  EXPECT_EQ(run.events.field("eml_load_failed", "description"),
            "would send mail to ops@example.com, dba@example.com with subject \"FAILED: "
            "wf_nightly in folder PLUGIN_TESTS\" (no email.smtp.url is configured)");
}

}  // namespace
}  // namespace taskweave::testing
