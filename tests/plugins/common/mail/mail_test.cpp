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

TEST(ParseRecipients, SplitsOnSemicolonsAndCommasTrimsAndDropsEmpties) {
  EXPECT_EQ(parse_recipients(" a@x.org; b@x.org ,,c@x.org ;  ; "),
            (std::vector<std::string>{"a@x.org", "b@x.org", "c@x.org"}));
  EXPECT_TRUE(parse_recipients("").empty());
  EXPECT_TRUE(parse_recipients(" ; , ").empty());
  EXPECT_EQ(parse_recipients("Ann <ann@x.org>\r\n"), (std::vector<std::string>{"Ann <ann@x.org>"}));
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

TEST(EncodeMailbox, EncodesTheDisplayNameButNotTheAddress) {
  EXPECT_EQ(encode_mailbox("ann@x.org"), "ann@x.org");
  EXPECT_EQ(encode_mailbox("Ann <ann@x.org>"), "Ann <ann@x.org>");
  std::string encoded = encode_mailbox("José <jose@x.org>");
  EXPECT_EQ(encoded.substr(encoded.size() - 13), " <jose@x.org>");
  EXPECT_EQ(decode_words(encoded), "José");
}

TEST(MailboxAddress, TakesTheAngleBracketPart) {
  EXPECT_EQ(mailbox_address("Ann <ann@x.org>"), "ann@x.org");
  EXPECT_EQ(mailbox_address("ann@x.org"), "ann@x.org");
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
  std::string a = make_message_id("Ops <ops@example.com>", 1'700'000'000);
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
