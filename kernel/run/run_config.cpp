#include "run/run_config.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "model/text.h"
#include "run/names.h"

namespace taskweave::run {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto at = text.find(separator);
    auto item = trim(text.substr(0, at));
    if (!item.empty()) out.emplace_back(item);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

// The defaults config/taskweave.ini documents: sessions and commands ended by a host crash are
// failed rather than run twice (PowerCenter's "Fail task and continue workflow").
constexpr std::string_view kDefaults =
    "[run]\n"
    "max_parallel = 0\n"
    "abort_timeout_seconds = 60\n"
    "suspend_on_error_types = Session, Command, Worklet, Email\n"
    "[logs]\n"
    "task_log_max_bytes = 10485760\n"
    "[recovery]\n"
    "Session = fail\n"
    "Command = fail\n";

}  // namespace

RunConfig::RunConfig() { parse_into(*this, kDefaults, "built-in defaults"); }

expr::Result<RunConfig> RunConfig::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return expr::Error{"cannot read configuration file " + path.string()};
  std::stringstream text;
  text << in.rdbuf();
  auto config = parse(text.str(), path.string());
  if (config) config.value().directory_ = std::filesystem::absolute(path).parent_path();
  return config;
}

expr::Result<RunConfig> RunConfig::parse(std::string_view text, const std::string& source_name) {
  RunConfig config;
  if (auto error = parse_into(config, text, source_name)) return expr::Error{*error};
  return config;
}

std::optional<std::string> RunConfig::parse_into(RunConfig& config, std::string_view text,
                                                 const std::string& source_name) {
  std::string section;
  int line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const std::string where = source_name + ":" + std::to_string(line_number) + ": ";
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) return where + "a section heading is [name]";
      section = std::string(trim(line.substr(1, line.size() - 2)));
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos || trim(line.substr(0, eq)).empty())
      return where + "expected 'key = value' or '[section]', got '" + std::string(line) + "'";
    if (section.empty()) return where + "'" + std::string(line) + "' comes before any [section]";
    std::string key = section + "." + std::string(trim(line.substr(0, eq)));
    if (auto error = config.set(key, std::string(trim(line.substr(eq + 1))))) return where + *error;
  }
  return std::nullopt;
}

std::optional<std::string> RunConfig::set(const std::string& key, std::string value) {
  const std::string upper = upper_ascii(key);
  if (upper.starts_with("RUN.") || upper.starts_with("LOGS.")) {
    const bool numeric = upper == "RUN.MAX_PARALLEL" || upper == "RUN.ABORT_TIMEOUT_SECONDS" ||
                         upper == "LOGS.TASK_LOG_MAX_BYTES";
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (numeric && (ec != std::errc() || end != value.data() + value.size()))
      return key + " must be a whole number >= 0, not '" + value + "'";
  }
  if (upper.starts_with("POOLS.")) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n == 0)
      return key + " must be a whole number >= 1, not '" + value + "'";
  }
  if (upper.starts_with("RECOVERY.")) {
    if (!model::iequals(value, "fail") && !model::iequals(value, "restart"))
      return key + " must be 'fail' (fail task and continue workflow) or 'restart', not '" + value +
             "'";
  }
  if (!values_.count(upper)) order_.emplace_back(key, value);
  for (auto& [k, v] : order_)
    if (upper_ascii(k) == upper) v = value;
  values_[upper] = std::move(value);
  return std::nullopt;
}

std::optional<std::string> RunConfig::get(std::string_view key) const {
  auto it = values_.find(upper_ascii(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

const char* RunConfig::c_str(std::string_view key) const {
  auto it = values_.find(upper_ascii(key));
  return it == values_.end() ? nullptr : it->second.c_str();
}

std::vector<std::pair<std::string, std::string>> RunConfig::section(std::string_view name) const {
  const std::string prefix = upper_ascii(name) + ".";
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : order_)
    if (upper_ascii(key).starts_with(prefix)) out.emplace_back(key.substr(prefix.size()), value);
  return out;
}

std::size_t RunConfig::number(std::string_view key, std::size_t fallback) const {
  auto text = get(key);
  std::size_t n = fallback;
  if (text) std::from_chars(text->data(), text->data() + text->size(), n);
  return n;
}

std::size_t RunConfig::max_parallel() const { return number("run.max_parallel", 0); }
std::size_t RunConfig::abort_timeout_seconds() const {
  return number("run.abort_timeout_seconds", 60);
}
std::size_t RunConfig::task_log_max_bytes() const {
  return number("logs.task_log_max_bytes", 10 * 1024 * 1024);
}

std::vector<std::pair<std::string, std::size_t>> RunConfig::pools() const {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const auto& [type, value] : section("pools"))
    out.emplace_back(type, number("pools." + type, 1));
  return out;
}

std::vector<std::string> RunConfig::suspend_types() const {
  return split_list(get("run.suspend_on_error_types").value_or(""), ',');
}

RecoveryStrategy RunConfig::recovery_strategy(std::string_view task_type) const {
  auto value = get("recovery." + std::string(task_type));
  return value && model::iequals(*value, "fail") ? RecoveryStrategy::FailAndContinue
                                                 : RecoveryStrategy::Restart;
}

std::vector<std::string> RunConfig::plugin_dirs() const {
  std::vector<std::string> out;
  for (auto& dir : split_list(get("plugins.dirs").value_or(""), ':'))
    out.push_back(directory_.empty() || std::filesystem::path(dir).is_absolute()
                      ? dir
                      : (directory_ / dir).string());
  return out;
}

std::vector<std::pair<std::string, std::string>> RunConfig::bindings() const {
  return section("bindings");
}

}  // namespace taskweave::run
