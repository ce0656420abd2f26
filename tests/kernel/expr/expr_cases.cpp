#include "expr_cases.h"

#include "expr/calendar.h"

namespace taskweave::expr::testing {

DateTime make_date(int year, int month, int day, int hour, int minute, int second, int32_t nanos) {
  return *calendar::from_fields(calendar::Fields{year, month, day, hour, minute, second, nanos});
}

DateTime test_now() { return make_date(2026, 11, 27, 10, 0, 0); }

TestScope::TestScope() {
  set("$S.STATUS", Value::status(Status::Succeeded));
  set("$S.TGTSUCCESSROWS", Value::integer(120));
  set("$S.SRCSUCCESSROWS", Value::integer(0));
  set("$S.ERRORMSG", Value::string(""));
  set("$F.STATUS", Value::status(Status::Failed));
  set("$F.ERRORCODE", Value::integer(127));
  set("$N.STATUS", Value::status(Status::NotStarted));
  set("$N.TGTSUCCESSROWS", Value());
  set("$N.STARTTIME", Value());
  set("$X.STATUS", Value::status(Status::Disabled));
  set("$D.CONDITION", Value::integer(1));
  set("$E.CONDITION", Value::integer(0));
  set("$$TIPOCARGA", Value::string("full"));
  set("$$ATRIBUTOPF", Value::integer(1));
  set("$$FLAGTEXT", Value::string("1"));
  set("$$ZEROTEXT", Value::string("0"));
  set("$$NULLVAR", Value());
  set("$$COUNT", Value::integer(7));
  set("$$RATE", Value::real(2.5));
  set("$$NU_EXECUCAO_WKF", Value::integer(42));
  set("$$DT_PROCESSAMENTO_WKL", Value::string("15/03/2024 08:30:00"));
  set("$$MASCARADATA_WKL", Value::string("DD/MM/YYYY HH24:MI:SS"));
  set("$$MASCARADATA_WKF", Value::string("DD/MM/YYYY HH24:MI:SS"));
  set("$$DATE", Value::datetime(make_date(2024, 3, 15, 8, 30, 0)));
  set("$$URL_CONTROLE", Value::string("http://ctl.example/api"));
  set("$PMWORKFLOWNAME", Value::string("wf_daily"));
  set("WORKFLOWSTARTTIME", Value::datetime(make_date(2026, 11, 27, 9, 0, 0)));
}

std::optional<Value> TestScope::lookup(const VarRef& ref) const {
  auto it = values_.find(reference_key(ref));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string outcome(std::string_view text, const Scope& scope) {
  ParseResult parsed = parse(text);
  if (parsed.error)
    return "parse " + std::to_string(parsed.error->line) + ":" +
           std::to_string(parsed.error->column) + ": " + parsed.error->message;
  EvalResult r = evaluate(*parsed.expr, scope);
  if (r.error) return "error: " + *r.error;
  if (r.value.is_null()) return "NULL";
  return format_value(r.value) + " (" + std::string(type_name(r.value.type())) + ")";
}

std::string outcome(std::string_view text) { return outcome(text, TestScope()); }

void expect_case(const Case& c) {
  const std::string got = outcome(c.text);
  std::string_view expected = c.expected;
  if (expected.size() > 3 && expected.substr(expected.size() - 3) == "...") {
    expected.remove_suffix(3);
    EXPECT_EQ(got.substr(0, expected.size()), expected) << "expression: " << c.text;
  } else {
    EXPECT_EQ(got, expected) << "expression: " << c.text;
  }
}

}  // namespace taskweave::expr::testing
