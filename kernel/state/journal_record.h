// The byte format of a run's write-ahead journal (docs/state.md, "The journal"): a magic
// header, then one record per checkpointed batch:
//
//   u32 payload length | u32 CRC-32C of (seq, payload) | u64 seq | payload (the batch's JSON)
//
// little-endian. The writer preallocates the file and stores records into a shared mapping
// (journal_file.h): the bytes after the last record are zeros, and a record's body is stored
// before its length, and its length before its checksum, so kill -9 in the middle of a record
// leaves either a zero header ("unfinished") or a checksum mismatch followed only by zeros.
// Power loss can leave a tail of garbage or zeros. Scanning stops at the first record that is
// unfinished, incomplete or whose checksum does not match: everything before it is trusted,
// nothing after it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::state {

inline constexpr std::string_view kJournalMagic = "TWJRNL1\n";
inline constexpr std::size_t kJournalRecordHeader = 16;

// CRC-32C (Castagnoli, as iSCSI and ext4 use it) of `bytes`, continuing from `crc`: with the
// SSE4.2 crc32 instruction where the CPU has it (a tenth of the cost of a table: the checksum
// is in every checkpoint), else crc32c_table. Both give the same value.
std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0);
std::uint32_t crc32c_table(std::string_view bytes, std::uint32_t crc = 0);

// The size of the record of `payload`.
constexpr std::size_t journal_record_size(std::string_view payload) {
  return kJournalRecordHeader + payload.size();
}
// Stores the record at `out` (journal_record_size bytes, zeros before the call): the body
// first, then the length, then the checksum, in that order even for a signal or a kill that
// interrupts it. The store's batches are never empty; a record with an empty payload whose
// checksum happens to be 0 would read as unfinished.
void write_journal_record(char* out, std::uint64_t seq, std::string_view payload);
// Appends one record to `out`.
void append_journal_record(std::string& out, std::uint64_t seq, std::string_view payload);

struct JournalRecord {
  std::uint64_t seq = 0;
  std::string_view payload;  // points into the scanned bytes
};

struct JournalScan {
  enum class End {
    Clean,    // every byte belongs to a valid record, or is unused (zeros after the last one)
    Torn,     // the last record is unfinished, incomplete or fails its checksum with nothing but
              // zeros after it: a write cut short; ignored
    Corrupt,  // a complete record fails its checksum with more bytes after it: data was lost
  };
  std::vector<JournalRecord> records;  // the valid records, in file order
  End end = End::Clean;
  std::size_t valid_bytes = 0;  // where the valid records end
  std::string problem;          // for Torn and Corrupt: what and where
};

// Reads a whole journal file's bytes. Bytes without the magic header are Corrupt (not a
// journal), except an empty or shorter file (a journal cut short at creation): Torn.
JournalScan scan_journal(std::string_view bytes);

}  // namespace taskweave::state
