#include "model/diagnostic.h"

#include <algorithm>
#include <ostream>

#include "util/json_writer.h"

namespace taskweave::model {

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++errors_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string code, SourcePos pos, std::string message) {
  add({Severity::Error, std::move(code), {}, pos, std::move(message), std::nullopt});
}

void Diagnostics::warning(std::string code, SourcePos pos, std::string message) {
  add({Severity::Warning, std::move(code), {}, pos, std::move(message), std::nullopt});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
}

void Diagnostics::set_file(const std::string& file) {
  for (auto& d : items_)
    if (d.file.empty()) d.file = file;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
}

std::string_view severity_name(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.pos.known()) out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
  if (!out.empty()) out += ": ";
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) out << format_diagnostic(d) << '\n';
  const std::size_t e = diagnostics.error_count(), w = diagnostics.warning_count();
  if (e + w > 0)
    out << e << (e == 1 ? " error, " : " errors, ") << w << (w == 1 ? " warning" : " warnings")
        << '\n';
}

void write_diagnostics_json(util::JsonWriter& json, const Diagnostics& diagnostics) {
  json.begin_array();
  for (const auto& d : diagnostics.items()) {
    json.begin_object();
    json.key("severity").value(severity_name(d.severity));
    json.key("code").value(d.code);
    json.key("file").value(d.file);
    json.key("line").value(static_cast<std::uint64_t>(d.pos.line));
    json.key("column").value(static_cast<std::uint64_t>(d.pos.column));
    json.key("message").value(d.message);
    json.end_object();
  }
  json.end_array();
}

}  // namespace taskweave::model
