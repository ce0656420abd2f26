// Compiler-style diagnostics: "file:line:col: error|warning: message".
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/source_map.h"

namespace taskweave::util {
class JsonWriter;
}

namespace taskweave::model {

enum class Severity { Error, Warning };

// Where inside an attribute value (an expression) a diagnostic points, before it is mapped to the
// file. Character references make the decoded value shorter than its text in the file, so the
// mapping needs the original text; see resolve_expression_positions().
struct ExpressionSite {
  std::uint32_t value_offset = 0;  // offset of the attribute value's first character in the text
  std::uint32_t offset = 0;        // offset inside the decoded value
  std::uint32_t line = 1;          // line and column inside the decoded value (CR LF = one break)
  std::uint32_t column = 1;
  std::string value;  // the decoded value, to check the original text against
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable identifier for scripts and tests, e.g. "cycle", "unknown-task"
  std::string file;
  SourcePos pos;
  std::string message;
  std::optional<ExpressionSite> site;  // set until the position is resolved
};

class Diagnostics {
 public:
  void error(std::string code, SourcePos pos, std::string message);
  void warning(std::string code, SourcePos pos, std::string message);
  void add(Diagnostic diagnostic);
  void append(const Diagnostics& other);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& mutable_items() { return items_; }

  // Sets the file name on every diagnostic that has none.
  void set_file(const std::string& file);
  // Orders by file, line, column (stable), the order people read them in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

std::string_view severity_name(Severity severity);
// "file:line:col: error: message" (line/col omitted when unknown).
std::string format_diagnostic(const Diagnostic& diagnostic);
// One text line per diagnostic plus a summary line ("2 errors, 1 warning").
void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics);
// Writes the diagnostics as a JSON array value:
// [{"severity":"error","code":"cycle","file":"f.xml","line":3,"column":5,"message":"..."}, ...]
void write_diagnostics_json(util::JsonWriter& json, const Diagnostics& diagnostics);

}  // namespace taskweave::model
