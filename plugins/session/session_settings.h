// Session configuration looked up per session, per mapping, then by default. For a setting S
// (runner, jobs_dir, command, sqlite.database, ...) the first key that is set wins:
//   session.<S>.<SESSION NAME>   the session's own value
//   session.mapping.<MAPPING>.<S>   every session running that mapping
//   session.<S>                  the default
#pragma once

#include <taskweave/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::plugins::session {

struct Setting {
  std::string value;
  std::string key;  // where it was found, for messages
};

class SessionSettings {
 public:
  SessionSettings(const sdk::Context& ctx, std::string session_name, std::string mapping_name);

  std::optional<Setting> find(std::string_view setting) const;
  // The keys find() tries, in order: "session.runner.s_x, session.mapping.m_x.runner,
  // session.runner".
  std::string keys_tried(std::string_view setting) const;

  const std::string& session_name() const { return session_; }
  const std::string& mapping_name() const { return mapping_; }

 private:
  std::vector<std::string> keys(std::string_view setting) const;

  const sdk::Context& ctx_;
  std::string session_;
  std::string mapping_;
};

}  // namespace taskweave::plugins::session
