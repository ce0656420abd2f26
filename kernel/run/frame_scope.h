// The expression scope of a frame: what `$task.Var`, `$$Var`, `$PMWorkflowName`, SYSDATE and
// parameter-file names mean while a workflow or worklet runs. Link conditions and worklet
// inputs are evaluated in it, and so is everything a running task evaluates or expands (then
// with the task's own not-yet-applied $$ assignments seen first).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "expr/expr.h"
#include "run/run_types.h"

namespace taskweave::run {

class Scheduler;

class FrameScope : public expr::Scope {
 public:
  FrameScope(const Scheduler& scheduler, FrameIndex frame) : scheduler_(scheduler), frame_(frame) {}
  // The scope of a running task: `pending` holds its $$ assignments not yet applied, and a
  // session task sees its own parameter-file sections and $PMSessionName.
  FrameScope(const Scheduler& scheduler, TaskId task, const std::vector<NamedValue>* pending)
      : scheduler_(scheduler), frame_(task.frame), task_(task), pending_(pending) {}

  std::optional<expr::Value> lookup(const expr::VarRef& ref) const override;
  expr::DateTime now() const override;

 private:
  std::optional<expr::Value> task_variable(std::string_view task, std::string_view name) const;
  std::optional<expr::Value> user_variable(std::string_view name) const;
  std::optional<expr::Value> builtin(std::string_view name) const;
  std::optional<expr::Value> parameter(std::string_view name) const;

  const Scheduler& scheduler_;
  FrameIndex frame_;
  std::optional<TaskId> task_;
  const std::vector<NamedValue>* pending_ = nullptr;
};

// A variable name as a plugin passes it to get_var ("$$X", "$s_load.Status", "$PMFolderName",
// "SYSDATE") turned into the reference the scope resolves.
expr::VarRef reference_from_name(std::string_view name);

}  // namespace taskweave::run
