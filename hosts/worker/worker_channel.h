// The worker's end of the socket to the host (fd 3). Calls are synchronous: the plugin's thread
// sends a host-function frame and blocks for the Reply. When the host is gone or answers with
// something malformed the worker cannot go on (the plugin would get made-up values), so it
// exits at once with a message on stderr; the host reports the task as failed.
#pragma once

#include <mutex>
#include <string>

#include "isolation/frame_codec.h"

namespace taskweave::worker {

class WorkerChannel {
 public:
  explicit WorkerChannel(int fd) : fd_(fd) {}

  // Sends a one-way message (log, set_error, ...) or a final one (run_returned).
  void send(isolation::FrameWriter& frame);
  // Sends a call and returns a reader over its Reply, valid until the next call.
  isolation::FrameReader& call(isolation::FrameWriter& frame);
  // After reading every field of the reply: dies unless they were all there, and no more.
  void check(isolation::FrameReader& reply);
  // Blocks for the host's next command (Resume or Destroy).
  isolation::Op await_command();

  [[noreturn]] static void die(const std::string& why);

 private:
  isolation::FrameReader& receive();

  int fd_;
  std::mutex mutex_;  // the ABI allows one calling thread; a plugin breaking that must not
                      // interleave frames
  isolation::FrameAssembler in_;
  std::string payload_;
  isolation::FrameReader reader_{""};
};

}  // namespace taskweave::worker
