// The Control task: fails itself, or fails/stops/aborts its parent or top-level workflow.
// It ends FAILED for "Fail me" and SUCCEEDED otherwise (semantics.md §7, our choice): the effect
// is on the workflow, through the host's control().
#include <taskweave/sdk.hpp>

#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "common/text.h"

namespace sdk = taskweave::sdk;

namespace {

struct ControlOption {
  const char* name;                  // as PowerCenter exports write it
  std::optional<tw_control> action;  // none for "Fail me"
  const char* effect;                // for descriptions: "would <effect>"
};

constexpr std::array<ControlOption, 7> kOptions{{
    {"Fail me", std::nullopt, "fail this task"},
    {"Fail parent", TW_CONTROL_FAIL_PARENT, "fail the parent workflow or worklet"},
    {"Stop parent", TW_CONTROL_STOP_PARENT, "stop the parent workflow or worklet"},
    {"Abort parent", TW_CONTROL_ABORT_PARENT, "abort the parent workflow or worklet"},
    {"Fail top-level workflow", TW_CONTROL_FAIL_TOP, "fail the top-level workflow"},
    {"Stop top-level workflow", TW_CONTROL_STOP_TOP, "stop the top-level workflow"},
    {"Abort top-level workflow", TW_CONTROL_ABORT_TOP, "abort the top-level workflow"},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

const ControlOption* find_option(std::string_view text) {
  for (const auto& option : kOptions)
    if (equal_ignoring_case(text, option.name)) return &option;
  return nullptr;
}

std::string valid_options() {
  std::string out;
  for (const auto& option : kOptions) out += std::string(out.empty() ? "" : ", ") + option.name;
  return out;
}

class ControlTask {
 public:
  tw_run_result run(sdk::Context& ctx) {
    std::string text(taskweave::plugins::trim(ctx.attribute("Control Option").value_or("")));
    const ControlOption* option = find_option(text);
    std::string unknown =
        "unknown Control Option '" + text + "'; valid options are: " + valid_options();
    if (ctx.dry_run()) {  // a dry run finishes every task; the description says what would happen
      ctx.describe(option ? std::string("would ") + option->effect : "would fail: " + unknown);
      return TW_RUN_SUCCEEDED;
    }
    if (!option) {
      ctx.fail(1, unknown);
      return TW_RUN_FAILED;
    }
    std::string task = ctx.task().instance_name;
    if (!option->action) {
      ctx.fail(1,
               "Control task " + task + " failed itself (Control Option = " + option->name + ")");
      return TW_RUN_FAILED;
    }
    // The host names the task (by its path) in front of the reason: say only what was asked.
    std::string reason = std::string("Control Option = ") + option->name;
    if (!ctx.control(*option->action, reason)) {
      ctx.fail(1, "the host refused '" + std::string(option->name) + "' from Control task " + task);
      return TW_RUN_FAILED;
    }
    ctx.info(std::string("asked the host to ") + option->effect);
    ctx.describe(std::string("asked the host to ") + option->effect);
    return TW_RUN_SUCCEEDED;
  }
};

}  // namespace

TASKWEAVE_PLUGIN("control", "1.0.0", "taskweave",
                 sdk::task_type<ControlTask>("Control",
                                             "Fails itself or fails, stops or aborts a workflow"))
