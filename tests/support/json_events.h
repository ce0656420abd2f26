// Reading what `taskweave run --json-events` wrote (cli-contract.md: one JSON object per line)
// in tests: the final status, each task's task_finished line and the tasks that did not run.
// Fields are found by name, so the order of keys in a line does not matter.
#pragma once

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace taskweave::testing {

// The value of the string field `name` in one JSON line ("" when absent), with \" \\ \n \t
// \r \/ unescaped (messages and descriptions quote things). \uXXXX is left as written.
inline std::string json_string_field(const std::string& line, const std::string& name) {
  std::smatch match;
  const std::regex field("\"" + name + R"re("\s*:\s*")re");
  if (!std::regex_search(line, match, field)) return "";
  std::string out;
  for (size_t i = match.position(0) + match.length(0); i < line.size() && line[i] != '"'; ++i) {
    if (line[i] != '\\' || i + 1 == line.size()) {
      out += line[i];
      continue;
    }
    const char c = line[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

// Seconds from one event timestamp to another on the same day ("2026-11-27T10:00:01.250Z").
inline double seconds_between(const std::string& from, const std::string& to) {
  auto seconds_of_day = [](const std::string& ts) {
    const auto t = ts.find('T');
    if (t == std::string::npos || ts.size() < t + 9) return 0.0;
    return std::stod(ts.substr(t + 1, 2)) * 3600 + std::stod(ts.substr(t + 4, 2)) * 60 +
           std::stod(ts.substr(t + 7));
  };
  return seconds_of_day(to) - seconds_of_day(from);
}

struct RunEvents {
  std::string run_status;                       // of run_finished
  std::map<std::string, std::string> finished;  // task path -> its task_finished line
  std::set<std::string> did_not_run;

  static RunEvents parse(const std::string& jsonl) {
    RunEvents events;
    std::istringstream lines(jsonl);
    for (std::string line; std::getline(lines, line);) {
      const std::string event = json_string_field(line, "event");
      if (event == "run_finished") events.run_status = json_string_field(line, "status");
      if (event == "task_did_not_run") events.did_not_run.insert(json_string_field(line, "task"));
      if (event == "task_finished") events.finished[json_string_field(line, "task")] = line;
    }
    return events;
  }

  // The task's final status ("" when it has no task_finished event).
  std::string status(const std::string& task) const { return field(task, "status"); }
  // A string field of the task's task_finished event: "error_msg", "description", "start"...
  std::string field(const std::string& task, const std::string& name) const {
    auto it = finished.find(task);
    return it == finished.end() ? "" : json_string_field(it->second, name);
  }
  // How long the task ran, from its start and end timestamps.
  double seconds(const std::string& task) const {
    return seconds_between(field(task, "start"), field(task, "end"));
  }
};

}  // namespace taskweave::testing
