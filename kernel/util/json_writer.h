// A small streaming JSON writer: the CLI's machine-readable outputs (plan --json, validate --json,
// run --json-events) are written through it so escaping is done once, correctly.
//
//   util::JsonWriter w(std::cout);
//   w.begin_object().key("name").value("wf_daily").key("tasks").begin_array().end_array();
//   w.end_object();   // {"name":"wf_daily","tasks":[]}
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace taskweave::util {

// Writes `text` as a JSON string literal (with the quotes). Control characters, quotes and
// backslashes are escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always
// valid JSON, whatever the input file contained.
void write_json_string(std::ostream& out, std::string_view text);
std::string json_string(std::string_view text);

class JsonWriter {
 public:
  // indent == 0 writes everything on one line (JSON Lines); otherwise pretty-prints.
  explicit JsonWriter(std::ostream& out, int indent = 0) : out_(out), indent_(indent) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The name of the next member; must be followed by a value or a begin_*.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);  // NaN and infinities are written as null
  JsonWriter& null();

 private:
  struct Level {
    bool is_object;
    bool empty = true;
  };
  void before_value();
  void newline();
  JsonWriter& close(char bracket);

  std::ostream& out_;
  int indent_;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace taskweave::util
