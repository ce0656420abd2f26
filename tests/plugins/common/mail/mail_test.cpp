// The mail library's pure parts: recipients, `%` tokens, header encoding. Sending is tested
// against a real SMTP server in tests/plugins/email.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "mail.h"
#include "mime_headers.h"

namespace taskweave::plugins::mail {
namespace {

namespace fs = std::filesystem;

std::vector<Mailbox> mailboxes(std::string_view text) {
  auto list = parse_mailbox_list(text);
  EXPECT_TRUE(list) << list.error();
  return list ? *list : std::vector<Mailbox>{};
}

std::string list_error(std::string_view text) {
  auto list = parse_mailbox_list(text);
  EXPECT_FALSE(list) << "parsed: " << (list ? display_list(*list) : "");
  return list ? "" : list.error();
}

TEST(ParseMailboxList, SplitsOnSemicolonsAndCommasAndTrims) {
  EXPECT_EQ(mailboxes(" a@x.org; b@x.org ,c@x.org ;"),
            (std::vector<Mailbox>{{"", "a@x.org"}, {"", "b@x.org"}, {"", "c@x.org"}}));
  EXPECT_TRUE(mailboxes("").empty());
  EXPECT_TRUE(mailboxes(" \r\n ").empty());
  EXPECT_EQ(mailboxes("Ann <ann@x.org>\r\n"), (std::vector<Mailbox>{{"Ann", "ann@x.org"}}));
}

TEST(ParseMailboxList, QuotedDisplayNamesMayHoldSeparatorsAndBrackets) {
  EXPECT_EQ(mailboxes("\"Doe, Jane\" <jane@example.com>; ops@example.com"),
            (std::vector<Mailbox>{{"Doe, Jane", "jane@example.com"}, {"", "ops@example.com"}}));
  EXPECT_EQ(mailboxes("\"a;b <c> \\\"q\\\"\" <x@y.org>"),
            (std::vector<Mailbox>{{"a;b <c> \"q\"", "x@y.org"}}));
}

TEST(ParseMailboxList, NamesMixWordsAndQuotedStringsAndMayBeUtf8) {
  EXPECT_EQ(mailboxes("Jane  \"J.\"\r\n Doe <jane@x.org>, Ana Núñez <ana@x.org>"),
            (std::vector<Mailbox>{{"Jane J. Doe", "jane@x.org"}, {"Ana Núñez", "ana@x.org"}}));
  EXPECT_EQ(mailboxes("<bare@x.org>"), (std::vector<Mailbox>{{"", "bare@x.org"}}));
}

TEST(ParseMailboxList, CommentsAreIgnoredEvenWithSeparatorsInside) {
  EXPECT_EQ(mailboxes("jane@x.org (Jane; night shift), Bob <bob@x.org> (ops)"),
            (std::vector<Mailbox>{{"", "jane@x.org"}, {"Bob", "bob@x.org"}}));
}

TEST(ParseMailboxList, QuotedLocalPartsAndDomainLiteralsAreAddresses) {
  EXPECT_EQ(mailboxes("\"john doe\"@x.org; root@[127.0.0.1]"),
            (std::vector<Mailbox>{{"", "\"john doe\"@x.org"}, {"", "root@[127.0.0.1]"}}));
}

TEST(ParseMailboxList, AnEmptyEntryIsAnErrorSayingWhich) {
  EXPECT_EQ(list_error("a@x.org;;b@x.org"),
            "entry 2 of 'a@x.org;;b@x.org' is empty (two separators in a row, or one at the "
            "start)");
  EXPECT_NE(list_error("; a@x.org").find("entry 1 of"), std::string::npos);
  EXPECT_NE(list_error(" , ").find("entry 1 of"), std::string::npos);
}

TEST(ParseMailboxList, AnUnquotedCommaInANameIsCaughtWithAHint) {
  EXPECT_EQ(list_error("Doe, Jane <jane@example.com>"),
            "'Doe' is not a mail address: there is no @ in it (a display name with a comma or "
            "semicolon must be quoted: \"Doe, Jane\" <jane@example.com>)");
}

TEST(ParseMailboxList, EveryUnparseableEntryIsNamed) {
  EXPECT_NE(list_error("ok@x.org, Jane Doe jane@x.org")
                .find("'Jane Doe jane@x.org' is not a mail "
                      "address: a display name needs the "
                      "address in angle brackets"),
            std::string::npos);
  EXPECT_NE(list_error("Jane <jane@x.org").find("'Jane <jane@x.org' opens an angle bracket"),
            std::string::npos);
  EXPECT_NE(list_error("\"Jane <jane@x.org>").find("opens a quote"), std::string::npos);
  EXPECT_NE(list_error("a@x.org (note").find("opens a comment"), std::string::npos);
  EXPECT_NE(list_error("Jane <jane@x.org> extra").find("text after the closing angle bracket"),
            std::string::npos);
  EXPECT_NE(list_error("Jane <>").find("it has no address"), std::string::npos);
  EXPECT_NE(list_error("a..b@x.org").find("'a..b' is not a valid local part"), std::string::npos);
  EXPECT_NE(list_error("a@x_y.org").find("'x_y.org' is not a valid domain"), std::string::npos);
  EXPECT_NE(list_error("a@").find("'' is not a valid domain"), std::string::npos);
  EXPECT_NE(list_error("josé@x.org").find("not ASCII"), std::string::npos);
  EXPECT_NE(list_error("a@x.org\x01").find("control character"), std::string::npos);
  EXPECT_EQ(list_error("$$DESTINO"),
            "'$$DESTINO' is a variable with no value: set it in the parameter file or the "
            "workflow");
}

TEST(ParseMailbox, TakesExactlyOne) {
  auto from = parse_mailbox("\"ETL, nightly\" <etl@x.org>");
  ASSERT_TRUE(from) << from.error();
  EXPECT_EQ(*from, (Mailbox{"ETL, nightly", "etl@x.org"}));
  EXPECT_EQ(parse_mailbox("a@x.org, b@x.org").error(),
            "'a@x.org, b@x.org' must be exactly one mailbox, not 2");
  EXPECT_FALSE(parse_mailbox(""));
}

TEST(MailboxDisplay, QuotesANameOnlyWhenItNeedsIt) {
  EXPECT_EQ((Mailbox{"", "a@x.org"}).display(), "a@x.org");
  EXPECT_EQ((Mailbox{"Ana Núñez", "a@x.org"}).display(), "Ana Núñez <a@x.org>");
  EXPECT_EQ((Mailbox{"Doe, \"JD\" Jane", "a@x.org"}).display(),
            "\"Doe, \\\"JD\\\" Jane\" <a@x.org>");
}

MailTokens sample_tokens() {
  MailTokens t;
  t.session = "s_load";
  t.workflow = "wf_daily";
  t.folder = "SALES";
  t.status = "FAILED";
  t.start = "2024-03-15 10:00:00";
  t.completion = "2024-03-15 10:01:05";
  t.elapsed = "0:01:05";
  t.rows_loaded = "120";
  t.rows_rejected = "3";
  t.table_details = "T_SALES: 120 rows";
  t.mapping = "m_load";
  t.repository = "REP";
  t.integration_service = "IS";
  t.user = "etl";
  return t;
}

TEST(ExpandTokens, ReplacesEveryValueToken) {
  ExpandedText out = expand_tokens("%s %w %n %e %b %c %i %l %r %t %m %d %v %u", sample_tokens());
  EXPECT_EQ(out.text,
            "s_load wf_daily SALES FAILED 2024-03-15 10:00:00 2024-03-15 10:01:05 0:01:05 120 3 "
            "T_SALES: 120 rows m_load REP IS etl");
  EXPECT_TRUE(out.attachments.empty());
  EXPECT_TRUE(out.errors.empty());
}

TEST(ExpandTokens, KeepsUnknownTokensLiteralBackslashNAndTrailingPercent) {
  // PowerCenter sends the corpus's literal "\n" as it is; so do we.
  ExpandedText out = expand_tokens("100%x done \\n %% %a no brackets %", sample_tokens());
  EXPECT_EQ(out.text, "100%x done \\n %% %a no brackets %");
}

class AttachmentTokens : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tw-mail-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
  }
  fs::path dir_;
};

TEST_F(AttachmentTokens, AttachesRelativeAndAbsoluteFilesAndTheSessionLog) {
  const std::string binary("a\0b\r\n\xff", 6);
  write(dir_ / "report.csv", binary);
  write(dir_ / "s_load.log", "log line\n");
  MailTokens t = sample_tokens();
  t.base_dir = dir_;
  t.session_log = dir_ / "s_load.log";
  ExpandedText out =
      expand_tokens("see %a<report.csv> and %a<" + (dir_ / "report.csv").string() + ">%g.", t);
  EXPECT_EQ(out.text, "see  and .");
  ASSERT_EQ(out.attachments.size(), 3u);
  EXPECT_EQ(out.attachments[0].file_name, "report.csv");
  EXPECT_EQ(out.attachments[0].bytes, binary);
  EXPECT_EQ(out.attachments[0].content_type, "text/csv");
  EXPECT_EQ(out.attachments[2].file_name, "s_load.log");
  EXPECT_EQ(out.attachments[2].bytes, "log line\n");
  EXPECT_EQ(out.attachments[2].content_type, "text/plain");
  EXPECT_TRUE(out.errors.empty());
}

TEST_F(AttachmentTokens, MissingFilesLeaveAnErrorLineInsteadOfFailing) {
  MailTokens t = sample_tokens();
  t.base_dir = dir_;
  ExpandedText out = expand_tokens("A: %a<missing.bin>\nG: %g\nD: %a<.>", t);
  EXPECT_TRUE(out.attachments.empty());
  ASSERT_EQ(out.errors.size(), 3u);
  EXPECT_NE(out.text.find("A: [taskweave: could not attach file " +
                          (dir_ / "missing.bin").string() + ": No such file or directory]"),
            std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("G: [taskweave: could not attach the session log"), std::string::npos);
  EXPECT_NE(out.text.find("not a regular file"), std::string::npos);
}

TEST(EncodeHeaderText, LeavesPlainAsciiAlone) {
  EXPECT_EQ(encode_header_text("ERROR SALES/wf_daily"), "ERROR SALES/wf_daily");
}

TEST(EncodeHeaderText, FlattensLineBreaksSoNoHeaderCanBeInjected) {
  EXPECT_EQ(encode_header_text("hi\r\nBcc: evil@x.org"), "hi  Bcc: evil@x.org");
}

// Decodes "=?UTF-8?B?...?=" words separated by folding whitespace.
std::string decode_words(const std::string& encoded) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::regex word(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  for (std::sregex_iterator it(encoded.begin(), encoded.end(), word), end; it != end; ++it) {
    EXPECT_LE(it->length(), 75);
    std::string b64 = (*it)[1];
    uint32_t bits = 0;
    int count = 0;
    for (char c : b64) {
      if (c == '=') break;
      bits = (bits << 6) | static_cast<uint32_t>(kAlphabet.find(c));
      if (++count % 4 == 0) {
        out += static_cast<char>(bits >> 16);
        out += static_cast<char>(bits >> 8);
        out += static_cast<char>(bits);
        bits = 0;
      }
    }
    if (count % 4 == 2) out += static_cast<char>(bits >> 4);
    if (count % 4 == 3) {
      out += static_cast<char>(bits >> 10);
      out += static_cast<char>(bits >> 2);
    }
  }
  return out;
}

TEST(EncodeHeaderText, EncodesUtf8AsBase64WordsWithoutSplittingCharacters) {
  std::string subject = "Ejecución fallida — ñandú ";
  for (int i = 0; i < 5; ++i) subject += "€uro ñ ";
  std::string encoded = encode_header_text(subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  for (char c : encoded) EXPECT_TRUE(c >= 0 && c < 0x7f) << encoded;
  EXPECT_NE(encoded.find("\r\n "), std::string::npos);  // long: folded into several words
  EXPECT_EQ(decode_words(encoded), subject);
  // Each word decodes to whole UTF-8 characters on its own.
  std::regex word(R"(=\?UTF-8\?B\?[^?]*\?=)");
  for (std::sregex_iterator it(encoded.begin(), encoded.end(), word), end; it != end; ++it) {
    std::string piece = decode_words(it->str());
    ASSERT_FALSE(piece.empty());
    EXPECT_NE(static_cast<unsigned char>(piece.front()) & 0xC0, 0x80);
  }
}

TEST(EncodeHeaderText, EncodesAsciiThatLooksLikeAnEncodedWord) {
  EXPECT_EQ(decode_words(encode_header_text("=?x?=")), "=?x?=");
}

TEST(EncodeMailbox, QuotesOrEncodesTheDisplayNameButNotTheAddress) {
  EXPECT_EQ(encode_mailbox({"", "ann@x.org"}), "ann@x.org");
  EXPECT_EQ(encode_mailbox({"Ann", "ann@x.org"}), "Ann <ann@x.org>");
  EXPECT_EQ(encode_mailbox({"Doe, Jane", "jane@x.org"}), "\"Doe, Jane\" <jane@x.org>");
  std::string encoded = encode_mailbox({"Núñez, José", "jose@x.org"});
  EXPECT_EQ(encoded.substr(encoded.size() - 13), " <jose@x.org>");
  EXPECT_EQ(encoded.find(','), std::string::npos);  // inside the base64, not a list separator
  EXPECT_EQ(decode_words(encoded), "Núñez, José");
}

TEST(Rfc5322Date, HasTheStandardShape) {
  std::string date = rfc5322_date(1'700'000'000);
  EXPECT_TRUE(std::regex_match(
      date,
      std::regex(
          R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4})")))
      << date;
}

TEST(MessageId, IsUniqueAndUsesTheSendersDomain) {
  std::string a = make_message_id("ops@example.com", 1'700'000'000);
  std::string b = make_message_id("ops@example.com", 1'700'000'000);
  EXPECT_NE(a, b);
  EXPECT_TRUE(std::regex_match(a, std::regex(R"(<[0-9a-f]{16}\.1700000000@example\.com>)"))) << a;
  EXPECT_NE(make_message_id("nobody", 0).find("@taskweave.invalid>"), std::string::npos);
}

TEST(ToCrlf, NormalisesEveryLineEnding) {
  EXPECT_EQ(to_crlf("a\nb\r\nc\rd\r\n\r\n"), "a\r\nb\r\nc\r\nd\r\n\r\n");
}

TEST(FormatElapsed, IsHoursMinutesSeconds) {
  EXPECT_EQ(format_elapsed(0), "0:00:00");
  EXPECT_EQ(format_elapsed(3723), "1:02:03");
  EXPECT_EQ(format_elapsed(-5), "0:00:00");
}

}  // namespace
}  // namespace taskweave::plugins::mail
