#include "eval_command.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <ostream>

#include "expr/calendar.h"
#include "expr/expr.h"
#include "expr/numeric.h"
#include "expr/text.h"

namespace taskweave::cli {
namespace {

using namespace taskweave::expr;

constexpr const char* kUsage =
    "usage: taskweave eval EXPR [--var NAME=VALUE[:TYPE]]... [--json]\n"
    "  NAME is $$Var, $task.Var, $PMVar, WORKFLOWSTARTTIME or SYSDATE (sets the clock);\n"
    "  TYPE is integer, double, string, date/time or status (default: integer, double or\n"
    "  string, whichever the VALUE reads as).\n";

int usage_error(std::ostream& err, const std::string& message) {
  err << "taskweave eval: " << message << " (see 'taskweave eval --help')\n";
  return 2;
}

// The variables given with --var, and the clock (SYSDATE) unless one was given.
class CliScope : public Scope {
 public:
  std::map<std::string, Value> values;
  std::optional<DateTime> clock;

  std::optional<Value> lookup(const VarRef& ref) const override {
    auto it = values.find(reference_key(ref));
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  DateTime now() const override { return clock ? *clock : local_now(); }

 private:
  static DateTime local_now() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const std::time_t t = static_cast<std::time_t>(secs.count());
    std::tm local{};
    localtime_r(&t, &local);
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - secs);
    auto dt = calendar::from_fields({local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                                     local.tm_hour, local.tm_min, std::min(local.tm_sec, 59),
                                     static_cast<int32_t>(nanos.count())});
    return dt.value_or(DateTime{secs.count(), 0});
  }
};

// The value of a --var without a TYPE: an integer, a double or else a string.
Value infer(const std::string& text) {
  if (auto n = numeric::parse_number_strict(text)) return *n;
  return Value::string(text);
}

// Parses NAME=VALUE[:TYPE] into the scope; an error message on failure.
std::optional<std::string> add_var(const std::string& spec, CliScope& scope) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    return "--var needs NAME=VALUE[:TYPE], got '" + spec + "'";
  const std::string name = spec.substr(0, eq);
  std::string value = spec.substr(eq + 1);
  std::optional<Type> type;
  if (const auto colon = value.rfind(':'); colon != std::string::npos) {
    const std::string suffix = value.substr(colon + 1);
    for (Type t : {Type::Integer, Type::Double, Type::String, Type::DateTime, Type::Status})
      if (text::iequals(suffix, type_name(t))) type = t;
    if (type) value.resize(colon);
  }
  // The name must be exactly one variable reference.
  ParseResult parsed = parse(name);
  const bool one_ref = parsed.expr && parsed.expr->references().size() == 1 &&
                       parsed.expr->references()[0].offset == 0 &&
                       parsed.expr->references()[0].length == name.size();
  if (!one_ref) return "--var name '" + name + "' is not a variable ($$Var, $task.Var or $PMVar)";
  Result<Value> typed = type ? coerce(Value::string(value), *type) : Result<Value>(infer(value));
  if (!typed) return "--var " + spec + ": " + typed.error();
  const VarRef& ref = parsed.expr->references()[0];
  const std::string key = reference_key(ref);
  if (key == "SYSDATE" || key == "SYSTIMESTAMP") {
    if (typed->type() != Type::DateTime) typed = coerce(*typed, Type::DateTime);
    if (!typed) return "--var " + spec + ": " + typed.error();
    scope.clock = typed->as_datetime();
    return std::nullopt;
  }
  scope.values[key] = std::move(typed).value();
  return std::nullopt;
}

void print_caret(std::ostream& err, std::string_view expression, const ParseError& e) {
  // The offending line, then a caret under the column (tabs kept so the caret lines up).
  size_t start = 0;
  for (size_t line = 1; line < e.line;) {
    const size_t brk = expression.find_first_of("\r\n", start);
    if (brk == std::string_view::npos) break;
    start = brk + (expression.compare(brk, 2, "\r\n") == 0 ? 2 : 1);
    ++line;
  }
  const size_t end = expression.find_first_of("\r\n", start);
  const std::string_view line =
      expression.substr(start, end == std::string_view::npos ? end : end - start);
  err << "  " << line << "\n  ";
  size_t column = 1;
  for (size_t i = 0; i < line.size() && column < e.column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;  // UTF-8 continuation
    err << (line[i] == '\t' ? '\t' : ' ');
    ++column;
  }
  err << "^\n";
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_value(const Value& v) {
  switch (v.type()) {
    case Type::Null:
      return "null";
    case Type::Integer:
      return std::to_string(v.as_integer());
    case Type::Double: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, v.as_double());  // shortest round-trip form
      return std::string(buf, r.ptr);
    }
    default:
      return json_string(format_value(v));
  }
}

}  // namespace

int run_eval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CliScope scope;
  bool json = false;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      positional.insert(positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return 0;
    }
    if (a == "--json") {
      json = true;
    } else if (a == "--var" || a.rfind("--var=", 0) == 0) {
      std::string spec;
      if (a == "--var") {
        if (i + 1 >= args.size()) return usage_error(err, "--var needs NAME=VALUE[:TYPE]");
        spec = args[++i];
      } else {
        spec = a.substr(6);
      }
      if (auto problem = add_var(spec, scope)) return usage_error(err, *problem);
    } else if (a.rfind("--", 0) == 0) {
      return usage_error(err, "unknown option '" + a + "'");
    } else {
      positional.push_back(a);  // expressions may start with '-' ("-1 + 2")
    }
  }
  if (positional.size() != 1)
    return usage_error(err, positional.empty()
                                ? "missing EXPR"
                                : "expected one EXPR, got " + std::to_string(positional.size()) +
                                      " (quote the expression)");
  const std::string& expression = positional[0];
  ParseResult parsed = parse(expression);
  if (parsed.error) {
    err << "taskweave eval: parse error at line " << parsed.error->line << ", column "
        << parsed.error->column << ": " << parsed.error->message << "\n";
    print_caret(err, expression, *parsed.error);
    return 2;
  }
  for (const ParseError& w : parsed.expr->type_errors())
    err << "taskweave eval: warning: line " << w.line << ", column " << w.column << ": "
        << w.message << "\n";
  EvalResult r = evaluate(*parsed.expr, scope);
  if (r.error) {
    err << "taskweave eval: " << *r.error;
    if (r.error->rfind("unknown variable ", 0) == 0) err << " (give it with --var NAME=VALUE)";
    err << "\n";
    return 1;
  }
  if (json) {
    out << "{\"value\": " << json_value(r.value) << ", \"type\": \""
        << (r.value.is_null() ? "null" : type_name(r.value.type())) << "\"}\n";
  } else if (r.value.is_null()) {
    out << "NULL\n";
  } else {
    out << format_value(r.value) << " (" << type_name(r.value.type()) << ")\n";
  }
  return 0;
}

}  // namespace taskweave::cli
