#include "run/simulation.h"

#include <charconv>

#include "model/text.h"
#include "run/names.h"

namespace taskweave::run {

std::string upper_path(std::string_view path) { return upper_ascii(path); }

std::optional<std::string> Simulations::add(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return "--simulate needs PATH=STATUS[:rows=N], got '" + std::string(spec) + "'";
  std::string_view path = spec.substr(0, eq);
  std::string_view rest = spec.substr(eq + 1);
  std::string_view status_text = rest.substr(0, rest.find(':'));
  Simulation sim;
  auto status = expr::parse_status(status_text);
  if (!status || (*status != expr::Status::Succeeded && *status != expr::Status::Failed &&
                  *status != expr::Status::Stopped && *status != expr::Status::Aborted))
    return "--simulate " + std::string(path) + ": status must be SUCCEEDED, FAILED, STOPPED or " +
           "ABORTED, not '" + std::string(status_text) + "'";
  sim.status = *status;
  if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    std::string_view option = rest.substr(colon + 1);
    constexpr std::string_view kRows = "rows=";
    if (option.size() <= kRows.size() || !model::iequals(option.substr(0, kRows.size()), kRows))
      return "--simulate " + std::string(path) + ": unknown option '" + std::string(option) +
             "' (only rows=N)";
    std::int64_t rows = 0;
    auto digits = option.substr(kRows.size());
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), rows);
    if (ec != std::errc() || end != digits.data() + digits.size() || rows < 0)
      return "--simulate " + std::string(path) + ": rows must be a whole number >= 0, not '" +
             std::string(digits) + "'";
    sim.rows = rows;
  }
  by_path_[upper_path(path)] = sim;
  return std::nullopt;
}

const Simulation* Simulations::find(std::string_view path) const {
  if (by_path_.empty()) return nullptr;
  auto it = by_path_.find(upper_path(path));
  return it == by_path_.end() ? nullptr : &it->second;
}

}  // namespace taskweave::run
