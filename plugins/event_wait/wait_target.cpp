#include "wait_target.h"

#include <cctype>
#include <charconv>

#include "attributes.h"
#include "common/text.h"

namespace taskweave::plugins::event_wait {
namespace {

using Target = sdk::Expected<WaitTarget>;

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string attribute(const sdk::Context& ctx, std::string_view name) {
  return std::string(trim(find_attribute(ctx, name).value_or("")));
}

// A YES/NO attribute (also TRUE/FALSE, 1/0, any case); absent or empty is NO.
sdk::Expected<bool> yes_no(const sdk::Context& ctx, std::string_view name) {
  std::string text = attribute(ctx, name);
  std::string value = upper(text);
  if (value == "YES" || value == "TRUE" || value == "1") return true;
  if (value.empty() || value == "NO" || value == "FALSE" || value == "0") return false;
  return sdk::Expected<bool>::failure(std::string(name) + " must be YES or NO, not '" + text + "'");
}

}  // namespace

std::string WaitTarget::describe() const {
  if (!event.empty()) return "the user-defined event " + event;
  return "the indicator file " + indicator_file.string() + (delete_file ? " (then delete it)" : "");
}

sdk::Expected<WaitTarget> read_wait_target(const sdk::Context& ctx) {
  WaitTarget target;
  std::string poll = ctx.config("event_wait.poll_ms").value_or("200");
  auto [end, ec] = std::from_chars(poll.data(), poll.data() + poll.size(), target.poll_ms);
  if (ec != std::errc() || end != poll.data() + poll.size() || target.poll_ms < 1 ||
      target.poll_ms > 3'600'000)
    return Target::failure(
        "event_wait.poll_ms must be a whole number of milliseconds from 1 to "
        "3600000, not '" +
        poll + "'");

  target.event = attribute(ctx, "User Defined Event");
  std::string file = attribute(ctx, "Filewatch Name");
  sdk::Expected<bool> past = yes_no(ctx, "Enable Past Events");
  if (!past) return Target::failure(past.error());
  target.enable_past_events = *past;
  if (!target.event.empty()) {
    if (!file.empty())
      ctx.warning("both User Defined Event and Filewatch Name are set; waiting for the event " +
                  target.event + " and ignoring the file " + file);
    return target;
  }
  if (file.empty())
    return Target::failure(
        "the Event-Wait task waits for nothing: set Filewatch Name (an "
        "indicator file) or User Defined Event (a WORKFLOWEVENT)");

  sdk::Expected<std::string> expanded = ctx.expand(file);
  if (!expanded) return Target::failure("cannot expand Filewatch Name: " + expanded.error());
  target.indicator_file = std::filesystem::path(*expanded);
  if (target.indicator_file.is_relative())
    target.indicator_file = std::filesystem::path(ctx.dir(TW_DIR_WORK)) / target.indicator_file;
  target.indicator_file = target.indicator_file.lexically_normal();

  sdk::Expected<bool> remove = yes_no(ctx, "Delete Filewatch File");
  if (!remove) return Target::failure(remove.error());
  target.delete_file = *remove;
  return target;
}

}  // namespace taskweave::plugins::event_wait
