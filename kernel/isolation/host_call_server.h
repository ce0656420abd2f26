// The host half of the protocol's host-function ops: decodes one call from a worker, makes the
// same call on a real tw_host_api table with the task's real context, and encodes the reply.
// Nothing in a frame is trusted: a bad field, an unknown node handle or leftover bytes make
// serve() return an error, and the runner then fails the task.
//
// tw_node pointers never leave the host: the server hands out small integer handles (1, 2, ...)
// per task and maps them back when the worker passes one in.
#pragma once

#include <taskweave/abi.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "isolation/frame_codec.h"

namespace taskweave::isolation {

class HostCallServer {
 public:
  HostCallServer(const tw_host_api* api, tw_task_ctx* ctx) : api_(api), ctx_(ctx) {}

  // `call` is a frame whose op is a host function. On success returns "" and sets `reply`
  // (left empty for one-way ops); else returns what is wrong with the frame.
  std::string serve(FrameReader& call, std::optional<FrameWriter>& reply);

 private:
  std::int64_t handle_of(const tw_node* node);
  bool node_of(FrameReader& call, const tw_node*& node);

  const tw_host_api* api_;
  tw_task_ctx* ctx_;
  std::vector<const tw_node*> nodes_;  // handle - 1 -> node
  std::unordered_map<const tw_node*, std::int64_t> handles_;
  std::string node_error_;
};

}  // namespace taskweave::isolation
