#include "model/task_type.h"

#include <array>
#include <cctype>
#include <string>

#include "model/text.h"

namespace taskweave::model {
namespace {

struct TypeName {
  std::string_view folded;  // lower case, no separators
  TaskType type;
};

constexpr std::array<TypeName, 11> kTypes = {{
    {"start", TaskType::Start},
    {"session", TaskType::Session},
    {"command", TaskType::Command},
    {"email", TaskType::Email},
    {"decision", TaskType::Decision},
    {"assignment", TaskType::Assignment},
    {"timer", TaskType::Timer},
    {"control", TaskType::Control},
    {"eventwait", TaskType::EventWait},
    {"eventraise", TaskType::EventRaise},
    {"worklet", TaskType::Worklet},
}};

constexpr std::array<std::string_view, 6> kCommonVars = {"Status",  "PrevTaskStatus", "StartTime",
                                                         "EndTime", "ErrorCode",      "ErrorMsg"};
constexpr std::array<std::string_view, 7> kDecisionVars = {
    "Status", "PrevTaskStatus", "StartTime", "EndTime", "ErrorCode", "ErrorMsg", "Condition"};
constexpr std::array<std::string_view, 13> kSessionVars = {
    "Status",           "PrevTaskStatus", "StartTime",     "EndTime",        "ErrorCode",
    "ErrorMsg",         "SrcSuccessRows", "SrcFailedRows", "TgtSuccessRows", "TgtFailedRows",
    "TotalTransErrors", "FirstErrorCode", "FirstErrorMsg"};

}  // namespace

TaskType task_type_from_string(std::string_view raw) {
  std::string folded;
  folded.reserve(raw.size());
  for (char c : raw) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
    folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (const auto& t : kTypes)
    if (t.folded == folded) return t.type;
  return TaskType::Other;
}

std::string_view task_type_name(TaskType type) {
  switch (type) {
    case TaskType::Start:
      return "Start";
    case TaskType::Session:
      return "Session";
    case TaskType::Command:
      return "Command";
    case TaskType::Email:
      return "Email";
    case TaskType::Decision:
      return "Decision";
    case TaskType::Assignment:
      return "Assignment";
    case TaskType::Timer:
      return "Timer";
    case TaskType::Control:
      return "Control";
    case TaskType::EventWait:
      return "Event-Wait";
    case TaskType::EventRaise:
      return "Event-Raise";
    case TaskType::Worklet:
      return "Worklet";
    case TaskType::Other:
      return "";
  }
  return "";
}

std::span<const std::string_view> predefined_variables(TaskType type) {
  switch (type) {
    case TaskType::Session:
      return kSessionVars;
    case TaskType::Decision:
      return kDecisionVars;
    case TaskType::Other:
      return {};
    default:
      return kCommonVars;
  }
}

bool is_predefined_variable(TaskType type, std::string_view name) {
  if (type == TaskType::Other) return true;
  for (std::string_view v : predefined_variables(type))
    if (iequals(v, name)) return true;
  return false;
}

}  // namespace taskweave::model
