#include "session/session_settings.h"

namespace taskweave::plugins::session {

SessionSettings::SessionSettings(const sdk::Context& ctx, std::string session_name,
                                 std::string mapping_name)
    : ctx_(ctx), session_(std::move(session_name)), mapping_(std::move(mapping_name)) {}

std::vector<std::string> SessionSettings::keys(std::string_view setting) const {
  std::string name(setting);
  std::vector<std::string> out;
  if (!session_.empty()) out.push_back("session." + name + "." + session_);
  if (!mapping_.empty()) out.push_back("session.mapping." + mapping_ + "." + name);
  out.push_back("session." + name);
  return out;
}

std::optional<Setting> SessionSettings::find(std::string_view setting) const {
  for (auto& key : keys(setting))
    if (auto value = ctx_.config(key.c_str())) return Setting{*value, std::move(key)};
  return std::nullopt;
}

std::string SessionSettings::keys_tried(std::string_view setting) const {
  auto all = keys(setting);
  std::string text;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) text += i + 1 == all.size() ? " or " : ", ";
    text += all[i];
  }
  return text;
}

}  // namespace taskweave::plugins::session
