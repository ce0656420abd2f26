#include "isolation/frame_io.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace taskweave::isolation {

std::string send_frame(int fd, FrameWriter& frame) {
  const std::string_view bytes = frame.bytes();
  if (bytes.empty())
    return "a " + std::string(op_name(frame.op())) + " message of " +
           std::to_string(frame.payload_size()) + " bytes exceeds the limit of " +
           std::to_string(kMaxFrameBytes);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::string("cannot send: ") + std::strerror(errno);
    }
    sent += static_cast<std::size_t>(n);
  }
  return "";
}

ReadStatus read_frame(int fd, FrameAssembler& in, std::string& payload, std::string& error,
                      bool wait) {
  for (;;) {
    switch (in.next(payload, error)) {
      case FrameAssembler::Next::Frame:
        return ReadStatus::Frame;
      case FrameAssembler::Next::Error:
        return ReadStatus::Error;
      case FrameAssembler::Next::NeedMore:
        break;
    }
    char chunk[65536];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, wait ? 0 : MSG_DONTWAIT);
    if (n > 0) {
      in.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) {
      error = in.truncated().value_or("");
      return ReadStatus::Closed;
    }
    if (errno == EINTR) continue;
    if (!wait && (errno == EAGAIN || errno == EWOULDBLOCK)) return ReadStatus::NeedMore;
    if (errno == ECONNRESET) {
      error = in.truncated().value_or("");
      return ReadStatus::Closed;
    }
    error = std::string("cannot read: ") + std::strerror(errno);
    return ReadStatus::Error;
  }
}

}  // namespace taskweave::isolation
