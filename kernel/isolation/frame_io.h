// Frames over a socket: whole-frame sends, and reads that hand back complete frames whatever
// the sizes of the reads that delivered them. Errors are values; a peer that vanished is an
// error like any other.
#pragma once

#include <string>

#include "isolation/frame_codec.h"

namespace taskweave::isolation {

// Sends every byte (MSG_NOSIGNAL: a dead peer is an error, not SIGPIPE). "" on success.
std::string send_frame(int fd, FrameWriter& frame);

enum class ReadStatus {
  Frame,     // `payload` holds the next frame's payload
  NeedMore,  // only when not waiting: no whole frame has arrived yet
  Closed,    // the peer closed; `error` says so when it stopped inside a frame
  Error,     // reading failed or the stream is corrupt (`error`)
};

// Takes the next frame out of `in`, reading from `fd` as needed. With wait=false it never
// blocks (the host polls first); with wait=true it blocks until a frame or the end arrives.
ReadStatus read_frame(int fd, FrameAssembler& in, std::string& payload, std::string& error,
                      bool wait);

}  // namespace taskweave::isolation
