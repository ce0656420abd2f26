// The tw_host_api function table the kernel gives every plugin: C trampolines that turn the
// opaque tw_task_ctx back into a TaskContext and call it. One static table for the process.
#pragma once

#include <taskweave/abi.h>

namespace taskweave::run {

const tw_host_api* host_api();

}  // namespace taskweave::run
