// Reading what `taskweave run --json-events` wrote (cli-contract.md: one JSON object per line)
// in tests: the final status, each task's ending and the order of the events. Fields are found
// by name, so the order of keys in a line does not matter. The one events reader of the tests.
#pragma once

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace taskweave::testing {

// The value of the field `name` in one JSON line ("" when absent): a string with \" \\ \n \t
// \r \/ unescaped (messages and descriptions quote things; \uXXXX is left as written), or the
// text of a bare value (3, true, null).
inline std::string json_field(const std::string& line, const std::string& name) {
  std::smatch match;
  const std::regex field("\"" + name + R"re("\s*:\s*)re");
  if (!std::regex_search(line, match, field)) return "";
  size_t i = match.position(0) + match.length(0);
  if (i == line.size() || line[i] != '"') return line.substr(i, line.find_first_of(",}", i) - i);
  std::string out;
  for (++i; i < line.size() && line[i] != '"'; ++i) {
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
  std::vector<std::string> lines;               // every event, in order
  std::string run_status;                       // of the last run_finished
  std::map<std::string, std::string> finished;  // task path -> its task_finished line
  std::set<std::string> did_not_run;
  // Task path -> how it ended last: the task_finished status, or DID_NOT_RUN.
  std::map<std::string, std::string> final_status;
  // Task path -> how many task_finished and task_did_not_run events it has (1 in a sound run).
  std::map<std::string, int> endings;

  static RunEvents parse(const std::string& jsonl) {
    RunEvents events;
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      events.lines.push_back(line);
      const std::string event = json_field(line, "event"), task = json_field(line, "task");
      if (event == "run_finished") events.run_status = json_field(line, "status");
      if (event == "task_did_not_run") {
        events.did_not_run.insert(task);
        events.final_status[task] = "DID_NOT_RUN";
        ++events.endings[task];
      }
      if (event == "task_finished") {
        events.finished[task] = line;
        events.final_status[task] = json_field(line, "status");
        ++events.endings[task];
      }
    }
    return events;
  }
  static RunEvents read(const std::filesystem::path& file) { return parse(read_file(file)); }

  // The task's task_finished status ("" when it has no task_finished event).
  std::string status(const std::string& task) const { return field(task, "status"); }
  // A field of the task's task_finished event: "error_msg", "description", "start"...
  std::string field(const std::string& task, const std::string& name) const {
    auto it = finished.find(task);
    return it == finished.end() ? "" : json_field(it->second, name);
  }
  // How long the task ran, from its start and end timestamps.
  double seconds(const std::string& task) const {
    return seconds_between(field(task, "start"), field(task, "end"));
  }
  // Every event, one a line (for failure messages).
  std::string text() const {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
  }
  // The index in `lines` of the first `event` of `task`, or -1.
  int index_of(const std::string& event, const std::string& task) const {
    for (size_t i = 0; i < lines.size(); ++i)
      if (json_field(lines[i], "event") == event && json_field(lines[i], "task") == task)
        return static_cast<int>(i);
    return -1;
  }
};

}  // namespace taskweave::testing
