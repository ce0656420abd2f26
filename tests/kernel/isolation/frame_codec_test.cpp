// The taskweave-worker wire format: every field and tw_value kind round-trips, and truncated,
// oversized or mistyped frames are rejected with a message saying what is wrong.
#include "isolation/frame_codec.h"

#include <gtest/gtest.h>

#include <limits>

namespace taskweave::isolation {
namespace {

// The payload of a written frame, as the assembler on the other side hands it over.
std::string payload_of(FrameWriter& writer) {
  FrameAssembler in;
  const std::string_view bytes = writer.bytes();
  in.append(bytes.data(), bytes.size());
  std::string payload, error;
  EXPECT_EQ(in.next(payload, error), FrameAssembler::Next::Frame) << error;
  return payload;
}

tw_value string_value(std::string_view text) {
  tw_value v{};
  v.type = TW_VALUE_STRING;
  v.string = text.data();
  v.string_size = text.size();
  return v;
}

TEST(FrameCodec, EveryFieldKindRoundTrips) {
  FrameWriter w(Op::SetVar);
  w.integer(std::numeric_limits<std::int64_t>::min())
      .integer(-1)
      .real(-2.5e300)
      .string(std::string("a\0b", 3))
      .string("")
      .optional_string(nullptr)
      .optional_string("x");
  const std::string payload = payload_of(w);
  FrameReader r(payload);
  ASSERT_EQ(r.op(), Op::SetVar);
  std::int64_t a = 0, b = 0;
  double d = 0;
  std::string_view s1, s2;
  std::optional<std::string_view> o1 = "set", o2;
  EXPECT_TRUE(r.integer(a) && r.integer(b) && r.real(d) && r.string(s1) && r.string(s2) &&
              r.optional_string(o1) && r.optional_string(o2) && r.at_end())
      << r.error();
  EXPECT_EQ(a, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(b, -1);
  EXPECT_EQ(d, -2.5e300);
  EXPECT_EQ(s1, std::string_view("a\0b", 3));
  EXPECT_EQ(s2, "");
  EXPECT_FALSE(o1.has_value());
  EXPECT_EQ(o2, "x");
}

TEST(FrameCodec, EveryValueKindRoundTrips) {
  tw_value null{}, integer{}, real{}, datetime{}, status{};
  null.type = TW_VALUE_NULL;
  integer.type = TW_VALUE_INTEGER;
  integer.integer = 1LL << 40;
  real.type = TW_VALUE_DOUBLE;
  real.real = 0.1;
  datetime.type = TW_VALUE_DATETIME;
  datetime.seconds = -86400;
  datetime.nanos = 999'999'999;
  status.type = TW_VALUE_STATUS;
  status.integer = TW_STATUS_ABORTED;
  const std::string text = "café";
  FrameWriter w(Op::Reply);
  for (const tw_value& v : {null, integer, real, string_value(text), datetime, status}) w.value(v);
  const std::string payload = payload_of(w);
  FrameReader r(payload);
  tw_value out[6];
  for (auto& v : out) ASSERT_TRUE(r.value(v)) << r.error();
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(out[0].type, TW_VALUE_NULL);
  EXPECT_EQ(out[1].type, TW_VALUE_INTEGER);
  EXPECT_EQ(out[1].integer, 1LL << 40);
  EXPECT_EQ(out[2].real, 0.1);
  EXPECT_EQ(out[3].type, TW_VALUE_STRING);
  EXPECT_EQ(std::string(out[3].string, out[3].string_size), text);
  EXPECT_EQ(out[4].seconds, -86400);
  EXPECT_EQ(out[4].nanos, 999'999'999);
  EXPECT_EQ(out[5].type, TW_VALUE_STATUS);
  EXPECT_EQ(out[5].integer, TW_STATUS_ABORTED);
}

TEST(FrameCodec, AnUnknownValueTypeIsSentAsNull) {
  tw_value odd{};
  odd.type = 77;
  FrameWriter w(Op::SetOutput);
  w.value(odd);
  const std::string payload = payload_of(w);
  FrameReader r(payload);
  tw_value out{};
  ASSERT_TRUE(r.value(out)) << r.error();
  EXPECT_EQ(out.type, TW_VALUE_NULL);
}

TEST(FrameCodec, EveryOpHasANameAndSurvivesTheTrip) {
  for (std::uint8_t op = 1; op <= kLastOp; ++op) {
    FrameWriter w(static_cast<Op>(op));
    const std::string payload = payload_of(w);
    FrameReader r(payload);
    EXPECT_EQ(r.op(), static_cast<Op>(op));
    EXPECT_NE(op_name(static_cast<Op>(op)), "invalid");
    EXPECT_TRUE(r.at_end());
  }
}

TEST(FrameCodec, AFieldOfTheWrongTypeIsAnError) {
  FrameWriter w(Op::Sleep);
  w.string("100");
  const std::string payload = payload_of(w);
  FrameReader r(payload);
  std::int64_t ms = 0;
  EXPECT_FALSE(r.integer(ms));
  EXPECT_EQ(r.error(), "expected an integer at byte 1 of sleep, found tag 115");
  EXPECT_FALSE(r.at_end()) << "a failed reader stays failed";
}

TEST(FrameCodec, TruncatedFieldsAreErrors) {
  FrameWriter w(Op::Attribute);
  w.string("Command");
  const std::string full = payload_of(w);
  for (std::size_t cut = 1; cut < full.size(); ++cut) {
    FrameReader r(std::string_view(full).substr(0, cut));
    std::string_view s;
    EXPECT_FALSE(r.string(s)) << "cut at " << cut;
    EXPECT_NE(r.error().find("truncated"), std::string::npos) << r.error();
  }
  // A string length pointing past the end of the frame.
  std::string lying = full;
  lying[2] = '\x7f';
  FrameReader r(lying);
  std::string_view s;
  EXPECT_FALSE(r.string(s));
  EXPECT_EQ(r.error(), "truncated string at byte 6 of attribute");
}

TEST(FrameCodec, LeftoverBytesAndUnknownOpsAreErrors) {
  FrameWriter w(Op::Now);
  w.integer(1);
  const std::string payload = payload_of(w);
  FrameReader extra(payload);
  EXPECT_FALSE(extra.at_end());
  EXPECT_EQ(extra.error(), "9 unexpected bytes at the end of now");

  FrameReader unknown(std::string(1, '\xee'));
  EXPECT_FALSE(unknown.op().has_value());
  EXPECT_EQ(unknown.error(), "unknown message type 238");
  FrameReader zero(std::string(1, '\0'));
  EXPECT_FALSE(zero.op().has_value());
  FrameReader empty("");
  EXPECT_EQ(empty.error(), "empty frame");

  FrameWriter bad_time(Op::Reply);
  tw_value t{};
  t.type = TW_VALUE_DATETIME;
  t.nanos = -5;
  bad_time.value(t);
  const std::string time_payload = payload_of(bad_time);
  FrameReader time_reader(time_payload);
  tw_value out{};
  EXPECT_FALSE(time_reader.value(out));
  EXPECT_EQ(time_reader.error(), "datetime nanoseconds out of range: -5");
}

TEST(FrameAssembler, CutsFramesOutOfAnyChunking) {
  FrameWriter a(Op::Log), b(Op::Describe);
  a.integer(1).string("first");
  b.optional_string("second");
  std::string stream(a.bytes());
  stream += b.bytes();
  FrameAssembler in;
  std::vector<std::string> frames;
  std::string payload, error;
  for (char byte : stream) {  // one byte at a time: the worst a socket can do
    in.append(&byte, 1);
    while (in.next(payload, error) == FrameAssembler::Next::Frame) frames.push_back(payload);
  }
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(FrameReader(frames[0]).op(), Op::Log);
  EXPECT_EQ(FrameReader(frames[1]).op(), Op::Describe);
  EXPECT_FALSE(in.truncated().has_value());
}

TEST(FrameAssembler, ReportsAStreamThatEndsInsideAFrame) {
  FrameWriter w(Op::Log);
  w.string("hello");
  const std::string_view bytes = w.bytes();
  FrameAssembler in;
  in.append(bytes.data(), bytes.size() - 2);
  std::string payload, error;
  EXPECT_EQ(in.next(payload, error), FrameAssembler::Next::NeedMore);
  EXPECT_EQ(in.truncated(), "truncated frame: 9 of 11 payload bytes");
  FrameAssembler short_length;
  short_length.append("\x05\x00", 2);
  EXPECT_EQ(short_length.truncated(), "truncated frame: 2 of 4 length bytes");
}

TEST(FrameAssembler, RejectsOversizedAndEmptyFrames) {
  FrameAssembler big;
  const char huge[4] = {'\x01', '\x00', '\x00', '\x01'};  // 16 MiB + 1
  big.append(huge, 4);
  std::string payload, error;
  EXPECT_EQ(big.next(payload, error), FrameAssembler::Next::Error);
  EXPECT_EQ(error, "frame of 16777217 bytes exceeds the limit of 16777216");
  FrameAssembler empty;
  empty.append("\0\0\0\0", 4);
  EXPECT_EQ(empty.next(payload, error), FrameAssembler::Next::Error);
  EXPECT_EQ(error, "empty frame");
}

TEST(FrameWriter, RefusesToEncodeAFrameOverTheLimit) {
  FrameWriter w(Op::TaskLogWrite);
  w.string(std::string(kMaxFrameBytes, 'x'));
  EXPECT_TRUE(w.bytes().empty());
  FrameWriter fits(Op::TaskLogWrite);
  fits.string(std::string(kMaxFrameBytes - 6, 'x'));  // op + tag + length = 6 bytes
  EXPECT_EQ(fits.bytes().size(), kMaxFrameBytes + 4);
}

}  // namespace
}  // namespace taskweave::isolation
