// Command output into the task's own log, each command's output preceded by a header line
// naming it. The header is written only once the command prints something: a silent command
// leaves no trace in the task log, and a task whose commands are all silent gets no task log
// file at all (the host creates it on the first write). Creating a file per task is what a run
// of thousands of short commands would otherwise spend most of its time on.
#pragma once

#include <taskweave/sdk.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace taskweave::plugins::commands {

class TaskLogOutput {
 public:
  explicit TaskLogOutput(const sdk::Context& ctx) : ctx_(ctx) {}

  // The header of the command about to run ("==> command 'x' (1 of 2): text\n").
  void begin(std::string header) { pending_header_ = std::move(header); }
  // A sink for process::Options::on_output; valid while this object lives.
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view bytes) { write(bytes); };
  }

 private:
  void write(std::string_view bytes) {
    if (!pending_header_.empty()) {
      ctx_.write_task_log(pending_header_);
      pending_header_.clear();
    }
    ctx_.write_task_log(bytes);
  }

  const sdk::Context& ctx_;
  std::string pending_header_;
};

}  // namespace taskweave::plugins::commands
