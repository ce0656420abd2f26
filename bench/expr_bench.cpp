// Expression language: parse and evaluate the corpus's most common link condition (target:
// parse under 5 us, evaluate under 200 ns), plus a failure-branch condition and an Assignment.
#include <benchmark/benchmark.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "expr/expr.h"

namespace {

using namespace taskweave::expr;

constexpr const char* kCondition = "$s.TgtSuccessRows > 0 AND $s.Status = SUCCEEDED";
constexpr const char* kFailureLink =
    "$s.Status = Failed\r\nOR\r\n$s.Status = Aborted\r\nOR\r\n$s.Status = Stopped";
constexpr const char* kAssignment =
    "TO_CHAR(TO_DATE($$DT_PROCESSAMENTO_WKL,$$MascaraData_WKL),'YYYYMMDDHH24MISS')";

Value value_for(const std::string& key) {
  if (key == "$S.TGTSUCCESSROWS") return Value::integer(120);
  if (key == "$S.STATUS") return Value::status(Status::Succeeded);
  if (key == "$$DT_PROCESSAMENTO_WKL") return Value::string("15/03/2024 08:30:00");
  if (key == "$$MASCARADATA_WKL") return Value::string("DD/MM/YYYY HH24:MI:SS");
  return Value();
}

// How a caller that pre-resolves an expression's references uses the slot numbers: one vector
// lookup per variable read.
class SlotScope : public Scope {
 public:
  explicit SlotScope(const Expr& expr) : values_(expr.slot_count()) {
    for (const VarRef& ref : expr.references()) values_[ref.slot] = value_for(reference_key(ref));
  }
  std::optional<Value> lookup(const VarRef& ref) const override { return values_[ref.slot]; }
  DateTime now() const override { return DateTime{1'795'000'000, 0}; }

 private:
  std::vector<Value> values_;
};

// A caller that looks every reference up by name on each evaluation.
class NameScope : public Scope {
 public:
  NameScope() {
    for (const char* key :
         {"$S.TGTSUCCESSROWS", "$S.STATUS", "$$DT_PROCESSAMENTO_WKL", "$$MASCARADATA_WKL"})
      values_[key] = value_for(key);
  }
  std::optional<Value> lookup(const VarRef& ref) const override {
    auto it = values_.find(reference_key(ref));
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  DateTime now() const override { return DateTime{1'795'000'000, 0}; }

 private:
  std::unordered_map<std::string, Value> values_;
};

void BM_ParseLinkCondition(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse(kCondition));
}
BENCHMARK(BM_ParseLinkCondition);

template <class ScopeType>
void evaluate_loop(benchmark::State& state, const char* text) {
  auto parsed = parse(text);
  if (!parsed.expr) {
    state.SkipWithError("parse failed");
    return;
  }
  ScopeType scope = [&] {
    if constexpr (std::is_same_v<ScopeType, SlotScope>)
      return SlotScope(*parsed.expr);
    else
      return NameScope();
  }();
  for (auto _ : state) benchmark::DoNotOptimize(evaluate(*parsed.expr, scope));
}

void BM_EvaluateLinkCondition(benchmark::State& state) {
  evaluate_loop<SlotScope>(state, kCondition);
}
BENCHMARK(BM_EvaluateLinkCondition);

void BM_EvaluateLinkConditionByName(benchmark::State& state) {
  evaluate_loop<NameScope>(state, kCondition);
}
BENCHMARK(BM_EvaluateLinkConditionByName);

void BM_ParseFailureLink(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse(kFailureLink));
}
BENCHMARK(BM_ParseFailureLink);

void BM_EvaluateFailureLink(benchmark::State& state) {
  evaluate_loop<SlotScope>(state, kFailureLink);
}
BENCHMARK(BM_EvaluateFailureLink);

void BM_EvaluateAssignment(benchmark::State& state) {
  evaluate_loop<SlotScope>(state, kAssignment);
}
BENCHMARK(BM_EvaluateAssignment);

}  // namespace

BENCHMARK_MAIN();
