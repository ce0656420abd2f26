#include "state/journal_record.h"

#include <gtest/gtest.h>

namespace taskweave::state {
namespace {

std::string journal_of(const std::vector<std::string>& payloads) {
  std::string bytes(kJournalMagic);
  std::uint64_t seq = 1;
  for (const auto& payload : payloads) append_journal_record(bytes, seq++, payload);
  return bytes;
}

TEST(JournalRecord, TheChecksumIsCrc32c) {
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);  // the standard check value
  EXPECT_EQ(crc32c("6789", crc32c("12345")), 0xE3069283u);
  EXPECT_EQ(crc32c_table("123456789"), 0xE3069283u);
  std::string long_text;
  for (int i = 0; i < 1000; ++i) long_text += static_cast<char>(i * 7);
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 999u, 1000u})
    EXPECT_EQ(crc32c(std::string_view(long_text).substr(0, n)),
              crc32c_table(std::string_view(long_text).substr(0, n)))
        << n;
}

TEST(JournalRecord, RecordsReadBackInOrder) {
  std::string bytes = journal_of({"[1]", "", "[{\"kind\":\"task\"}]"});
  JournalScan scan = scan_journal(bytes);
  EXPECT_EQ(scan.end, JournalScan::End::Clean);
  EXPECT_EQ(scan.valid_bytes, bytes.size());
  ASSERT_EQ(scan.records.size(), 3u);
  EXPECT_EQ(scan.records[0].seq, 1u);
  EXPECT_EQ(scan.records[0].payload, "[1]");
  EXPECT_EQ(scan.records[1].payload, "");
  EXPECT_EQ(scan.records[2].seq, 3u);
  EXPECT_EQ(scan.records[2].payload, "[{\"kind\":\"task\"}]");
}

TEST(JournalRecord, ATornTailIsIgnoredWhereverTheWriteStopped) {
  std::string whole = journal_of({"[\"first\"]", "[\"second\"]", "[\"third one\"]"});
  std::size_t third = journal_of({"[\"first\"]", "[\"second\"]"}).size();
  for (std::size_t cut = third + 1; cut < whole.size(); ++cut) {
    JournalScan scan = scan_journal(std::string_view(whole).substr(0, cut));
    EXPECT_EQ(scan.end, JournalScan::End::Torn) << "cut at " << cut;
    EXPECT_EQ(scan.records.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(scan.valid_bytes, third);
  }
}

TEST(JournalRecord, AHeaderCutShortIsAnEmptyJournal) {
  EXPECT_EQ(scan_journal("").end, JournalScan::End::Clean);
  JournalScan scan = scan_journal(kJournalMagic.substr(0, 3));
  EXPECT_EQ(scan.end, JournalScan::End::Torn);
  EXPECT_TRUE(scan.records.empty());
}

TEST(JournalRecord, AChecksumMismatchInTheMiddleIsCorruption) {
  std::string bytes = journal_of({"[\"first\"]", "[\"second\"]", "[\"third\"]"});
  std::size_t second = journal_of({"[\"first\"]"}).size();
  bytes[second + kJournalRecordHeader + 3] ^= 0x20;  // a bit flipped in the second payload
  JournalScan scan = scan_journal(bytes);
  EXPECT_EQ(scan.end, JournalScan::End::Corrupt);
  ASSERT_EQ(scan.records.size(), 1u);
  EXPECT_EQ(scan.records[0].payload, "[\"first\"]");
  EXPECT_NE(scan.problem.find("checksum mismatch at byte " + std::to_string(second)),
            std::string::npos)
      << scan.problem;
}

TEST(JournalRecord, AChecksumMismatchInTheLastRecordIsATornWrite) {
  std::string bytes = journal_of({"[\"first\"]", "[\"second\"]"});
  bytes.back() = 'x';  // garbage where the write did not reach (power loss)
  JournalScan scan = scan_journal(bytes);
  EXPECT_EQ(scan.end, JournalScan::End::Torn);
  EXPECT_EQ(scan.records.size(), 1u);
}

TEST(JournalRecord, ZerosAfterTheLastRecordAreUnusedSpace) {
  std::string bytes = journal_of({"[1]", "[2]"});
  const std::size_t records = bytes.size();
  bytes.append(4096, '\0');  // the writer's preallocation
  JournalScan scan = scan_journal(bytes);
  EXPECT_EQ(scan.end, JournalScan::End::Clean);
  EXPECT_EQ(scan.records.size(), 2u);
  EXPECT_EQ(scan.valid_bytes, records);
}

// A record is stored body first, then its length, then its checksum (write_journal_record):
// whatever store a kill interrupts, the preallocated tail reads as a torn write, never damage.
TEST(JournalRecord, ARecordInterruptedAtAnyStoreIsATornWrite) {
  const std::string before = journal_of({"[\"first\"]"});
  std::string record;
  append_journal_record(record, 2, "[\"second, longer\"]");
  const std::string zeros(256, '\0');
  // From the first byte of the body (the sequence number); with none stored, the tail is all
  // zeros: unused space.
  for (std::size_t body = 9; body <= record.size(); ++body) {
    std::string unfinished = record.substr(0, body);
    unfinished.replace(0, 8, 8, '\0');  // neither length nor checksum stored yet
    std::string length_only = record.substr(0, body);
    length_only.replace(4, 4, 4, '\0');  // the length stored, the checksum not yet
    for (const std::string& tail : {unfinished, length_only}) {
      const std::string bytes = before + tail + zeros;
      JournalScan scan = scan_journal(bytes);
      EXPECT_EQ(scan.end, JournalScan::End::Torn) << body;
      ASSERT_EQ(scan.records.size(), 1u) << body;
      EXPECT_EQ(scan.records[0].payload, "[\"first\"]");
    }
  }
  const std::string bytes = before + record + zeros;
  JournalScan whole = scan_journal(bytes);
  EXPECT_EQ(whole.end, JournalScan::End::Clean);
  EXPECT_EQ(whole.records.size(), 2u);
}

TEST(JournalRecord, TheSequenceNumberIsCovered) {
  std::string bytes = journal_of({"[1]"});
  bytes[kJournalMagic.size() + 8] = 7;  // seq 1 -> 7
  JournalScan scan = scan_journal(bytes);
  EXPECT_TRUE(scan.records.empty());
  EXPECT_NE(scan.end, JournalScan::End::Clean);
}

TEST(JournalRecord, OtherFilesAreNotJournals) {
  JournalScan scan = scan_journal("SQLite format 3");
  EXPECT_EQ(scan.end, JournalScan::End::Corrupt);
  EXPECT_EQ(scan.problem, "not a taskweave journal");
}

TEST(JournalRecord, AGarbageLengthIsNotTrusted) {
  std::string bytes(kJournalMagic);
  bytes.append(kJournalRecordHeader, '\xff');
  JournalScan scan = scan_journal(bytes);
  EXPECT_TRUE(scan.records.empty());
  EXPECT_EQ(scan.end, JournalScan::End::Torn);
}

}  // namespace
}  // namespace taskweave::state
