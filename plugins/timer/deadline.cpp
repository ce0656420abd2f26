#include "timer/deadline.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text.h"
#include "common/value_text.h"

namespace taskweave::plugins::timer {
namespace {

using Result = sdk::Expected<Deadline>;

Result failure(std::string message) { return Result::failure(std::move(message)); }

// Splits "a<sep>b<sep>c" into unsigned decimal fields; nullopt when a field is empty, not a
// number, or when there are not between `min` and `max` fields.
std::optional<std::vector<int>> numeric_fields(std::string_view text, char separator, size_t min,
                                               size_t max) {
  std::vector<int> fields;
  while (true) {
    size_t end = std::min(text.find(separator), text.size());
    std::string_view field = text.substr(0, end);
    int value = 0;
    auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || ec != std::errc() || ptr != field.data() + field.size() || value < 0)
      return std::nullopt;
    fields.push_back(value);
    if (end == text.size()) break;
    text.remove_prefix(end + 1);
  }
  if (fields.size() < min || fields.size() > max) return std::nullopt;
  return fields;
}

sdk::Expected<int64_t> parse_start_options(std::string_view date, std::string_view time) {
  auto d = numeric_fields(trim(date), '/', 3, 3);
  auto t = numeric_fields(trim(time), ':', 2, 3);
  std::optional<int64_t> seconds;
  // Date/time values span the years 1753-9999, as everywhere in the expression language.
  if (d && t && (*d)[2] >= 1753 && (*d)[2] <= 9999) {
    CivilTime civil{(*d)[2], (*d)[0], (*d)[1], (*t)[0], (*t)[1], t->size() == 3 ? (*t)[2] : 0, 0};
    seconds = from_civil(civil);
  }
  if (!seconds)
    return sdk::Expected<int64_t>::failure(
        "the Timer's start date and time [" + std::string(date) + " " + std::string(time) +
        "] are not a valid date in the form M/D/YYYY and time in the form HH24:MI[:SS]");
  return *seconds;
}

Result absolute_time(const sdk::Node& timer) {
  sdk::Node options = timer.find("STARTOPTIONS");
  auto date = options.attribute("STARTDATE");
  auto time = options.attribute("STARTTIME");
  if (!date || !time)
    return failure(
        "the Timer is START_AT_ABSOLUTE_TIME but has no STARTOPTIONS with STARTDATE and "
        "STARTTIME: set the absolute time in the Timer");
  auto seconds = parse_start_options(*date, *time);
  if (!seconds) return failure(seconds.error());
  return Deadline{*seconds, 0, "absolute time " + format_datetime(*seconds, 0)};
}

Result absolute_variable(const sdk::Context& ctx) {
  std::string name(trim(ctx.attribute("Variable").value_or("")));
  if (name.empty())
    return failure(
        "the Timer is START_AT_ABSOLUTE_VARIABLE but its Variable attribute is empty: name a "
        "date/time $$ variable");
  auto value = ctx.var(name.c_str());
  if (!value)
    return failure("the Timer's variable " + name +
                   " is not declared: declare it as a date/time workflow variable");
  if (value->type == TW_VALUE_NULL)
    return failure("the Timer's variable " + name +
                   " is NULL: assign it a date/time before the Timer starts");
  if (value->type != TW_VALUE_DATETIME)
    return failure("the Timer's variable " + name + " holds " + format_value(*value) +
                   ", which is not a date/time: declare it with datatype date/time");
  return Deadline{value->seconds, value->nanos,
                  "variable " + name + " = " + format_datetime(value->seconds, value->nanos)};
}

struct Offset {
  int64_t seconds = 0;
  std::string text;  // "0 DAYS 9 HOURS 0 MINUTES"
};

// RECURRING DAYS/HOURS/MINUTES; absent attributes count as 0.
sdk::Expected<Offset> relative_offset(const sdk::Node& timer) {
  sdk::Node recurring = timer.find("RECURRING");
  if (!recurring)
    return sdk::Expected<Offset>::failure(
        "the Timer is relative but has no RECURRING element with DAYS, HOURS and MINUTES");
  Offset offset;
  for (auto [field, unit] : {std::pair{"DAYS", 86'400}, {"HOURS", 3'600}, {"MINUTES", 60}}) {
    std::string_view text = trim(recurring.attribute(field).value_or("0"));
    int64_t count = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || count < 0 ||
        count > 1'000'000)
      return sdk::Expected<Offset>::failure("the Timer's RECURRING " + std::string(field) + " [" +
                                            std::string(text) +
                                            "] is not a whole number from 0 to 1000000");
    offset.seconds += count * unit;
    offset.text += (offset.text.empty() ? "" : " ") + std::to_string(count) + " " + field;
  }
  return offset;
}

Result relative_to(const sdk::Context& ctx, const sdk::Node& timer, int which, const char* what) {
  auto offset = relative_offset(timer);
  if (!offset) return failure(offset.error());
  tw_value start = ctx.start_time(which);
  if (start.type != TW_VALUE_DATETIME)
    return failure(std::string("the host gave no start time for ") + what);
  return Deadline{start.seconds + offset->seconds, start.nanos,
                  offset->text + " after " + what + " started at " +
                      format_datetime(start.seconds, start.nanos)};
}

}  // namespace

sdk::Expected<Deadline> timer_deadline(const sdk::Context& ctx) {
  sdk::Node timer = ctx.definition().find("TIMER");
  if (!timer)
    return failure("the Timer task has no TIMER element: set its timer type in the export");
  std::string type(trim(timer.attribute("TIMERTYPE").value_or("")));
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type == "START_AT_ABSOLUTE_TIME") return absolute_time(timer);
  if (type == "START_AT_ABSOLUTE_VARIABLE") return absolute_variable(ctx);
  if (type == "START_RELATIVE_TO_PREVIOUSTASK") return relative_to(ctx, timer, 0, "the Timer");
  if (type == "START_RELATIVE_TO_PARENT_WORKFLOW")
    return relative_to(ctx, timer, 1, "the parent workflow");
  if (type == "START_RELATIVE_TO_TOPLEVEL_WORKFLOW")
    return relative_to(ctx, timer, 2, "the top-level workflow");
  return failure("the Timer's TIMERTYPE [" + type +
                 "] is not one of START_AT_ABSOLUTE_TIME, START_AT_ABSOLUTE_VARIABLE, "
                 "START_RELATIVE_TO_PREVIOUSTASK, START_RELATIVE_TO_PARENT_WORKFLOW, "
                 "START_RELATIVE_TO_TOPLEVEL_WORKFLOW");
}

}  // namespace taskweave::plugins::timer
