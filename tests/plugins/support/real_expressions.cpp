#include "real_expressions.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>

#include "expr/expr.h"
#include "run/abi_values.h"

namespace taskweave::testing {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

const FakeValue* find_var(const FakeHost& host, const std::string& name) {
  for (const auto& [key, value] : host.vars)
    if (upper(key) == upper(name)) return &value;
  return nullptr;
}

class FakeHostScope : public expr::Scope {
 public:
  explicit FakeHostScope(const FakeHost& host) : host_(host) {}
  std::optional<expr::Value> lookup(const expr::VarRef& ref) const override {
    std::string name =
        ref.kind == expr::VarRef::Kind::TaskVar ? "$" + ref.task + "." + ref.name : ref.name;
    if (upper(name) == "SYSDATE" || upper(name) == "SYSTIMESTAMP")
      return expr::Value::datetime(now());
    const FakeValue* value = find_var(host_, name);
    return value ? std::optional<expr::Value>(to_expr(*value)) : std::nullopt;
  }
  expr::DateTime now() const override { return {host_.now_seconds, host_.now_nanos}; }

 private:
  const FakeHost& host_;
};

}  // namespace

// The kernel's own conversions across the ABI, so the fake host hands plugins what the real one
// would.
expr::Value to_expr(const FakeValue& value) { return run::from_abi(value.view()); }

FakeValue from_expr(const expr::Value& value) {
  std::deque<std::string> arena;  // lives until FakeValue::from has copied the string
  return FakeValue::from(run::to_abi(value, arena));
}

void use_real_expressions(FakeHost& host, std::map<std::string, expr::Type> declared) {
  host.eval_hook = [&host](const std::string& text,
                           std::string& error) -> std::optional<FakeValue> {
    expr::ParseResult parsed = expr::parse(text);
    if (parsed.error) {
      error = "parse error at line " + std::to_string(parsed.error->line) + ", column " +
              std::to_string(parsed.error->column) + ": " + parsed.error->message;
      return std::nullopt;
    }
    expr::EvalResult result = expr::evaluate(*parsed.expr, FakeHostScope(host));
    if (result.error) {
      error = *result.error;
      return std::nullopt;
    }
    return from_expr(result.value);
  };
  host.set_var_hook = [&host, declared = std::move(declared)](const std::string& name,
                                                              const FakeValue& value,
                                                              std::string& error) -> tw_rc {
    if (name.rfind("$$", 0) != 0) {
      error = "cannot assign " + name + ": it is a built-in or predefined variable";
      return TW_ERR_DENIED;
    }
    expr::Value typed = to_expr(value);
    if (auto type = declared.find(upper(name)); type != declared.end()) {
      auto coerced = expr::coerce(typed, type->second);
      if (!coerced) {
        error = "cannot assign " + name + ": " + coerced.error();
        return TW_ERR_INVALID;
      }
      typed = *coerced;
    }
    // Variables are case-insensitive: overwrite the existing spelling if there is one.
    auto existing = std::find_if(host.vars.begin(), host.vars.end(), [&](const auto& entry) {
      return upper(entry.first) == upper(name);
    });
    host.vars[existing == host.vars.end() ? name : existing->first] = from_expr(typed);
    return TW_OK;
  };
}

}  // namespace taskweave::testing
