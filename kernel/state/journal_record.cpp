#include "state/journal_record.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>

namespace taskweave::state {
namespace {

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

// A payload larger than this is not something the store wrote: a garbage length field.
constexpr std::uint64_t kMaxPayload = std::uint64_t{1} << 31;

void store_le(char* out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t get_le(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i)
    value |= std::uint64_t{static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])}
             << (8 * i);
  return value;
}

// The checksum covers the sequence number too, so a record cannot be replayed under another.
std::uint32_t record_crc(std::string_view seq_bytes, std::string_view payload) {
  return crc32c(payload, crc32c(seq_bytes));
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t crc32c_sse42(std::string_view bytes,
                                                             std::uint32_t crc) {
  std::uint64_t c = ~crc;
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    c = __builtin_ia32_crc32di(c, word);
  }
  auto c32 = static_cast<std::uint32_t>(c);
  for (; n > 0; ++p, --n) c32 = __builtin_ia32_crc32qi(c32, static_cast<unsigned char>(*p));
  return ~c32;
}
#endif

}  // namespace

std::uint32_t crc32c_table(std::string_view bytes, std::uint32_t crc) {
  crc = ~crc;
  for (char ch : bytes) crc = kCrcTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc) {
#if defined(__x86_64__)
  static const bool hardware = __builtin_cpu_supports("sse4.2");
  if (hardware) return crc32c_sse42(bytes, crc);
#endif
  return crc32c_table(bytes, crc);
}

void write_journal_record(char* out, std::uint64_t seq, std::string_view payload) {
  char seq_bytes[8];
  store_le(seq_bytes, seq, 8);
  char length[4], crc[4];
  store_le(length, payload.size(), 4);
  store_le(crc, record_crc(std::string_view(seq_bytes, 8), payload), 4);
  std::memcpy(out + 8, seq_bytes, 8);
  if (!payload.empty()) std::memcpy(out + kJournalRecordHeader, payload.data(), payload.size());
  // Compiler barriers: a kill between any two of these stores finds the earlier ones done.
  std::atomic_signal_fence(std::memory_order_seq_cst);
  std::memcpy(out, length, 4);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  std::memcpy(out + 4, crc, 4);
}

void append_journal_record(std::string& out, std::uint64_t seq, std::string_view payload) {
  const std::size_t start = out.size();
  out.resize(start + journal_record_size(payload));
  write_journal_record(out.data() + start, seq, payload);
}

JournalScan scan_journal(std::string_view bytes) {
  JournalScan scan;
  auto stop = [&](JournalScan::End end, std::string problem) {
    scan.end = end;
    scan.problem = std::move(problem);
    return scan;
  };
  if (bytes.size() < kJournalMagic.size()) {
    if (kJournalMagic.starts_with(bytes)) {
      if (!bytes.empty()) return stop(JournalScan::End::Torn, "header cut short");
      return scan;
    }
    return stop(JournalScan::End::Corrupt, "not a taskweave journal");
  }
  if (!bytes.starts_with(kJournalMagic))
    return stop(JournalScan::End::Corrupt, "not a taskweave journal");
  std::size_t at = kJournalMagic.size();
  scan.valid_bytes = at;
  // Where the bytes that are not zero end: past it is the writer's unused, preallocated space.
  const auto last_nonzero = std::find_if(bytes.rbegin(), bytes.rend(), [](char c) { return c; });
  const std::size_t used = static_cast<std::size_t>(bytes.rend() - last_nonzero);
  while (at < used) {
    std::string where = " at byte " + std::to_string(at);
    std::size_t left = bytes.size() - at;
    if (left < kJournalRecordHeader)
      return stop(JournalScan::End::Torn, "record cut short" + where);
    std::uint64_t length = get_le(bytes, at, 4);
    auto stored_crc = static_cast<std::uint32_t>(get_le(bytes, at + 4, 4));
    if (length == 0 && stored_crc == 0)
      return stop(JournalScan::End::Torn, "record unfinished" + where);
    if (length > kMaxPayload || length > left - kJournalRecordHeader)
      return stop(JournalScan::End::Torn, "record cut short" + where);
    std::string_view payload = bytes.substr(at + kJournalRecordHeader, length);
    if (record_crc(bytes.substr(at + 8, 8), payload) != stored_crc) {
      bool last = at + kJournalRecordHeader + length >= used;
      return stop(last ? JournalScan::End::Torn : JournalScan::End::Corrupt,
                  "checksum mismatch" + where);
    }
    scan.records.push_back({get_le(bytes, at + 8, 8), payload});
    at += kJournalRecordHeader + length;
    scan.valid_bytes = at;
  }
  return scan;
}

}  // namespace taskweave::state
