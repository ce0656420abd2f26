#include "worker_channel.h"

#include <unistd.h>

#include <cstdio>

#include "isolation/frame_io.h"

namespace taskweave::worker {

using isolation::FrameReader;
using isolation::Op;

void WorkerChannel::die(const std::string& why) {
  std::fprintf(stderr, "taskweave-worker: %s\n", why.c_str());
  std::fflush(stderr);
  _exit(70);  // no static destructors: the plugin may be mid-call on another thread
}

void WorkerChannel::send(isolation::FrameWriter& frame) {
  if (std::string error = isolation::send_frame(fd_, frame); !error.empty())
    die("lost the host: " + error);
}

FrameReader& WorkerChannel::receive() {
  std::string error;
  const isolation::ReadStatus read = isolation::read_frame(fd_, in_, payload_, error, true);
  if (read == isolation::ReadStatus::Closed)
    die("the host closed the connection" + (error.empty() ? "" : " (" + error + ")"));
  if (read != isolation::ReadStatus::Frame) die("cannot read from the host: " + error);
  reader_ = FrameReader(payload_);
  if (!reader_.ok()) die("malformed message from the host: " + reader_.error());
  return reader_;
}

FrameReader& WorkerChannel::call(isolation::FrameWriter& frame) {
  std::lock_guard lock(mutex_);
  send(frame);
  FrameReader& reply = receive();
  if (reply.op() != Op::Reply)
    die("expected a reply to " + std::string(isolation::op_name(frame.op())) + ", got " +
        std::string(isolation::op_name(*reply.op())));
  return reply;
}

void WorkerChannel::check(FrameReader& reply) {
  if (!reply.at_end()) die("malformed reply from the host: " + reply.error());
}

Op WorkerChannel::await_command() {
  std::lock_guard lock(mutex_);
  FrameReader& command = receive();
  if (command.op() != Op::Resume && command.op() != Op::Destroy)
    die("expected resume or destroy, got " + std::string(isolation::op_name(*command.op())));
  if (!command.at_end()) die("malformed command from the host: " + command.error());
  return *command.op();
}

}  // namespace taskweave::worker
