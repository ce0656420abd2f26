#include "isolation/frame_codec.h"

#include <cstring>

namespace taskweave::isolation {
namespace {

constexpr char kInteger = 'i', kReal = 'r', kString = 's', kNull = 'n', kValue = 'v';

std::uint32_t read_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

}  // namespace

FrameWriter::FrameWriter(Op op) {
  buffer_.assign(4, '\0');  // the length, filled in by bytes()
  buffer_.push_back(static_cast<char>(op));
}

void FrameWriter::tag(char t) { buffer_.push_back(t); }

void FrameWriter::put_u32(std::uint32_t v) {
  for (int i = 0; i < 4; ++i) buffer_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void FrameWriter::put_u64(std::uint64_t v) {
  for (int i = 0; i < 8; ++i) buffer_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

FrameWriter& FrameWriter::integer(std::int64_t value) {
  tag(kInteger);
  put_u64(static_cast<std::uint64_t>(value));
  return *this;
}

FrameWriter& FrameWriter::real(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  tag(kReal);
  put_u64(bits);
  return *this;
}

FrameWriter& FrameWriter::string(std::string_view text) {
  tag(kString);
  // A string too long for the frame is caught by bytes(); its length must still fit the field.
  put_u32(static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), UINT32_MAX)));
  buffer_.append(text.substr(0, UINT32_MAX));
  return *this;
}

FrameWriter& FrameWriter::optional_string(const char* text) {
  if (!text) {
    tag(kNull);
    return *this;
  }
  return string(text);
}

FrameWriter& FrameWriter::value(const tw_value& value) {
  tag(kValue);
  buffer_.push_back(static_cast<char>(value.type));
  switch (value.type) {
    case TW_VALUE_INTEGER:
    case TW_VALUE_STATUS:
      put_u64(static_cast<std::uint64_t>(value.integer));
      break;
    case TW_VALUE_DOUBLE: {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &value.real, sizeof bits);
      put_u64(bits);
      break;
    }
    case TW_VALUE_STRING: {
      const std::string_view text =
          value.string ? std::string_view(value.string, value.string_size) : std::string_view();
      put_u32(static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), UINT32_MAX)));
      buffer_.append(text.substr(0, UINT32_MAX));
      break;
    }
    case TW_VALUE_DATETIME:
      put_u64(static_cast<std::uint64_t>(value.seconds));
      put_u32(static_cast<std::uint32_t>(value.nanos));
      break;
    default:  // NULL, and unknown types (which the host reads as NULL too: abi_values.h)
      buffer_.back() = static_cast<char>(TW_VALUE_NULL);
      break;
  }
  return *this;
}

std::string_view FrameWriter::bytes() {
  const std::size_t payload = payload_size();
  if (payload > kMaxFrameBytes) return {};
  for (int i = 0; i < 4; ++i) buffer_[i] = static_cast<char>((payload >> (8 * i)) & 0xff);
  return buffer_;
}

FrameReader::FrameReader(std::string_view payload) : data_(payload) {
  if (data_.empty()) {
    fail("empty frame");
    return;
  }
  const auto op = static_cast<std::uint8_t>(data_[0]);
  if (op == 0 || op > kLastOp) {
    fail("unknown message type " + std::to_string(op));
    return;
  }
  op_ = static_cast<Op>(op);
  at_ = 1;
}

bool FrameReader::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  return false;
}

bool FrameReader::take(std::size_t n, const char* what) {
  if (!ok()) return false;
  if (data_.size() - at_ < n)
    return fail(std::string("truncated ") + what + " at byte " + std::to_string(at_) + " of " +
                (op_ ? std::string(op_name(*op_)) : std::string("frame")));
  return true;
}

bool FrameReader::expect(char tag, const char* what) {
  if (!take(1, what)) return false;
  if (data_[at_] != tag)
    return fail(std::string("expected ") + what + " at byte " + std::to_string(at_) + " of " +
                std::string(op_name(*op_)) + ", found tag " +
                std::to_string(static_cast<unsigned char>(data_[at_])));
  ++at_;
  return true;
}

std::uint32_t FrameReader::get_u32() {
  const std::uint32_t v = read_u32(data_.data() + at_);
  at_ += 4;
  return v;
}

std::uint64_t FrameReader::get_u64() {
  const std::uint64_t v =
      read_u32(data_.data() + at_) | (std::uint64_t{read_u32(data_.data() + at_ + 4)} << 32);
  at_ += 8;
  return v;
}

bool FrameReader::integer(std::int64_t& out) {
  if (!expect(kInteger, "an integer") || !take(8, "integer")) return false;
  out = static_cast<std::int64_t>(get_u64());
  return true;
}

bool FrameReader::real(double& out) {
  if (!expect(kReal, "a real") || !take(8, "real")) return false;
  const std::uint64_t bits = get_u64();
  std::memcpy(&out, &bits, sizeof out);
  return true;
}

bool FrameReader::string(std::string_view& out) {
  if (!expect(kString, "a string") || !take(4, "string length")) return false;
  const std::uint32_t size = get_u32();
  if (!take(size, "string")) return false;
  out = data_.substr(at_, size);
  at_ += size;
  return true;
}

bool FrameReader::optional_string(std::optional<std::string_view>& out) {
  if (take(1, "a string") && data_[at_] == kNull) {
    ++at_;
    out.reset();
    return true;
  }
  std::string_view text;
  if (!string(text)) return false;
  out = text;
  return true;
}

bool FrameReader::value(tw_value& out) {
  if (!expect(kValue, "a value") || !take(1, "value type")) return false;
  out = tw_value{};
  out.type = static_cast<unsigned char>(data_[at_++]);
  switch (out.type) {
    case TW_VALUE_NULL:
      return true;
    case TW_VALUE_INTEGER:
    case TW_VALUE_STATUS:
      if (!take(8, "integer value")) return false;
      out.integer = static_cast<std::int64_t>(get_u64());
      return true;
    case TW_VALUE_DOUBLE: {
      if (!take(8, "double value")) return false;
      const std::uint64_t bits = get_u64();
      std::memcpy(&out.real, &bits, sizeof out.real);
      return true;
    }
    case TW_VALUE_STRING: {
      if (!take(4, "string value length")) return false;
      const std::uint32_t size = get_u32();
      if (!take(size, "string value")) return false;
      out.string = data_.data() + at_;
      out.string_size = size;
      at_ += size;
      return true;
    }
    case TW_VALUE_DATETIME:
      if (!take(12, "datetime value")) return false;
      out.seconds = static_cast<std::int64_t>(get_u64());
      out.nanos = static_cast<std::int32_t>(get_u32());
      if (out.nanos < 0 || out.nanos > 999'999'999)
        return fail("datetime nanoseconds out of range: " + std::to_string(out.nanos));
      return true;
    default:
      return fail("unknown value type " + std::to_string(out.type));
  }
}

bool FrameReader::at_end() {
  if (!ok()) return false;
  if (at_ != data_.size())
    return fail(std::to_string(data_.size() - at_) + " unexpected bytes at the end of " +
                std::string(op_name(*op_)));
  return true;
}

FrameAssembler::Next FrameAssembler::next(std::string& payload, std::string& error) {
  const std::size_t available = buffer_.size() - start_;
  if (available < 4) return Next::NeedMore;
  const std::uint32_t size = read_u32(buffer_.data() + start_);
  if (size == 0 || size > kMaxFrameBytes) {
    error = size == 0 ? "empty frame"
                      : "frame of " + std::to_string(size) + " bytes exceeds the limit of " +
                            std::to_string(kMaxFrameBytes);
    return Next::Error;
  }
  if (available - 4 < size) return Next::NeedMore;
  payload.assign(buffer_, start_ + 4, size);
  start_ += 4 + size;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  } else if (start_ > (1u << 20)) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  return Next::Frame;
}

std::optional<std::string> FrameAssembler::truncated() const {
  const std::size_t available = buffer_.size() - start_;
  if (available == 0) return std::nullopt;
  if (available < 4) return "truncated frame: " + std::to_string(available) + " of 4 length bytes";
  return "truncated frame: " + std::to_string(available - 4) + " of " +
         std::to_string(read_u32(buffer_.data() + start_)) + " payload bytes";
}

}  // namespace taskweave::isolation
