#include "session/components.h"

#include "common/commands/task_node.h"
#include "common/text.h"
#include "common/value_text.h"

namespace taskweave::plugins::session {
namespace {

// ErrorCode of a component that cannot run as written (missing TASK, bad assignment).
constexpr int64_t kComponentError = 1;

StepOutcome failed(std::string message) {
  return {TW_RUN_FAILED, kComponentError, std::move(message)};
}

// A component's VALUEPAIRs: those of its TASK when it has any (commands), else its own
// (variable assignments keep theirs beside the TASK).
std::vector<commands::NamedValue> pairs_of(const sdk::Node& component, const sdk::Node& task) {
  auto pairs = commands::value_pairs_of(task);
  return pairs.empty() ? commands::value_pairs_of(component) : pairs;
}

}  // namespace

sdk::Node find_component(const sdk::Context& ctx, std::string_view type) {
  for (const auto& element : {ctx.instance(), ctx.definition()}) {
    sdk::Node found(nullptr, nullptr);
    element.for_each("SESSIONCOMPONENT", [&](const sdk::Node& component) {
      if (!found && component.attribute("TYPE") == type) found = component;
    });
    if (found) return found;
  }
  return sdk::Node(nullptr, nullptr);
}

sdk::Node component_task(const sdk::Context& ctx, const sdk::Node& component) {
  if (component.attribute("REUSABLE") == "YES") {
    std::string name(component.attribute("REFOBJECTNAME").value_or(""));
    return ctx.resolve("TASK", name.c_str());
  }
  return component.find("TASK");
}

StepOutcome run_command_component(const sdk::Context& ctx, std::string_view type,
                                  const commands::CommandSettings& settings) {
  sdk::Node component = find_component(ctx, type);
  if (!component) return {};
  sdk::Node task = component_task(ctx, component);
  if (!task)
    return failed(std::string(type) + " component names the Command task " +
                  std::string(component.attribute("REFOBJECTNAME").value_or("")) +
                  ", which is not in the export");
  std::vector<commands::ShellCommand> list;
  for (auto& pair : pairs_of(component, task)) list.push_back({pair.name, pair.value});
  bool fail_on_error = commands::fails_on_any_error(
      commands::child_attribute(task, "Fail task if any command fails"));
  std::string kind(type);
  kind[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(kind[0])));
  return commands::run_command_list(ctx, list, fail_on_error, settings, kind);
}

StepOutcome run_assignment_component(const sdk::Context& ctx, std::string_view type) {
  sdk::Node component = find_component(ctx, type);
  if (!component) return {};
  for (const auto& pair : pairs_of(component, component_task(ctx, component))) {
    std::string what = std::string(type) + " " + pair.name + " = [" + one_line(pair.value) + "]";
    auto value = ctx.eval(pair.value);
    if (!value) return failed(what + " cannot be evaluated: " + value.error());
    std::string refused = ctx.set_var(pair.name.c_str(), *value);
    if (!refused.empty()) return failed(what + ": " + refused);
    ctx.info(what + ": " + pair.name + " is now " + format_value(*value));
  }
  return {};
}

}  // namespace taskweave::plugins::session
