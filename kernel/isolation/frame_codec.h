// Encoding and decoding of protocol frames (the format is in protocol.h).
//
//   FrameWriter w(Op::GetVar);
//   w.string("$$COUNT");
//   send(w.bytes());                       // length prefix + payload
//
//   FrameAssembler in;  in.append(data, n);
//   std::string payload, error;
//   while (in.next(payload, error) == FrameAssembler::Next::Frame) {
//     FrameReader r(payload);               // r.op(), r.integer(...), ... ; r.error() says why
//   }
#pragma once

#include <taskweave/abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "isolation/protocol.h"

namespace taskweave::isolation {

class FrameWriter {
 public:
  explicit FrameWriter(Op op);
  FrameWriter& integer(std::int64_t value);
  FrameWriter& real(double value);
  FrameWriter& string(std::string_view text);
  // NULL is sent as the null field, so the other side gets NULL back.
  FrameWriter& optional_string(const char* text);
  FrameWriter& value(const tw_value& value);
  // The whole frame, length prefix included. Empty when the payload outgrew kMaxFrameBytes.
  std::string_view bytes();
  std::size_t payload_size() const { return buffer_.size() - 4; }
  Op op() const { return static_cast<Op>(buffer_[4]); }

 private:
  void tag(char t);
  void put_u32(std::uint32_t v);
  void put_u64(std::uint64_t v);

  std::string buffer_;
};

// Reads the fields of one payload in order. Every read checks the tag and the bytes left; the
// first failure is kept in error() and every later read fails too, so a caller may read all
// fields and check once.
class FrameReader {
 public:
  explicit FrameReader(std::string_view payload);
  // Op::Reply.. when the payload's first byte is a known op; nullopt otherwise (see error()).
  std::optional<Op> op() const { return op_; }

  bool integer(std::int64_t& out);
  bool real(double& out);
  bool string(std::string_view& out);
  // A string or the null field (nullopt).
  bool optional_string(std::optional<std::string_view>& out);
  // A string field points into the payload; only valid while it lives.
  bool value(tw_value& out);
  // Fails when fields are left over (a frame from a different protocol version, or garbage).
  bool at_end();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool expect(char tag, const char* what);
  bool take(std::size_t n, const char* what);
  std::uint32_t get_u32();
  std::uint64_t get_u64();
  bool fail(std::string message);

  std::string_view data_;
  std::size_t at_ = 0;
  std::optional<Op> op_;
  std::string error_;
};

// Cuts a byte stream into frame payloads, whatever the sizes of the reads that delivered it.
class FrameAssembler {
 public:
  enum class Next { Frame, NeedMore, Error };
  void append(const char* data, std::size_t size) { buffer_.append(data, size); }
  // Frame: `payload` holds the next frame's payload. Error: `error` says why (an empty or
  // oversized length); the stream cannot be trusted any further.
  Next next(std::string& payload, std::string& error);
  // At end of stream: why the bytes left are not a whole frame, or nullopt when none are left.
  std::optional<std::string> truncated() const;

 private:
  std::string buffer_;
  std::size_t start_ = 0;
};

}  // namespace taskweave::isolation
