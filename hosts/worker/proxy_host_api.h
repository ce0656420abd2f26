// The tw_host_api the plugin sees inside taskweave-worker: every function sends its call to the
// host over the WorkerChannel and returns what the real host function returned there. Strings
// and arrays the ABI gives "task lifetime" are copied into worker storage that lives until the
// worker exits (one task per worker, so that is the task's life). tw_node pointers are the
// host's integer handles in disguise; the plugin only passes them back.
#pragma once

#include <taskweave/abi.h>

#include "worker_channel.h"

namespace taskweave::worker {

// The table, talking over `channel` (which must outlive every call through it).
const tw_host_api* proxy_host_api(WorkerChannel& channel);

}  // namespace taskweave::worker
