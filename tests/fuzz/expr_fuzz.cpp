// libFuzzer target: parse and evaluate arbitrary expression text, and feed the same bytes to
// the date-format reader/writer and to coerce(). Aborts on any broken invariant; ASan/UBSan
// catch memory and undefined-behaviour errors. Run with scripts/fuzz-expr.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "expr/calendar.h"
#include "expr/date_format.h"
#include "expr/expr.h"

namespace {

using namespace taskweave::expr;

// Gives every referenced variable a value whose type depends on its name, so one input covers
// NULLs, numbers, text, dates and statuses.
class FuzzScope : public Scope {
 public:
  std::optional<Value> lookup(const VarRef& ref) const override {
    const std::string key = reference_key(ref);
    size_t h = std::hash<std::string>{}(key);
    switch (h % 8) {
      case 0:
        return Value();
      case 1:
        return Value::integer(static_cast<int64_t>(h >> 8) - (1LL << 40));
      case 2:
        return Value::real(static_cast<double>(h % 100000) / 7.0);
      case 3:
        return Value::string(key);
      case 4:
        return Value::datetime(
            DateTime{static_cast<int64_t>(h % 9'000'000'000ULL) - 6'000'000'000LL, 0});
      case 5:
        return Value::status(static_cast<Status>(h % 7));
      case 6:
        return Value::string("2024-03-15 08:30:00");
      default:
        return std::nullopt;  // unknown variable
    }
  }
  DateTime now() const override { return DateTime{1'795'000'000, 123'456'789}; }
};

void check(bool ok) {
  if (!ok) std::abort();
}

void check_value(const Value& v) {
  if (v.type() == Type::String) check(v.as_string().size() <= kMaxStringBytes);
  if (v.type() == Type::DateTime) check(calendar::in_range(v.as_datetime()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  ParseResult parsed = parse(text);
  check(static_cast<bool>(parsed.expr) != parsed.error.has_value());
  if (parsed.error) {
    check(parsed.error->offset <= size && parsed.error->line >= 1 && parsed.error->column >= 1);
    check(!parsed.error->message.empty());
  } else {
    for (const VarRef& ref : parsed.expr->references())
      check(ref.offset + ref.length <= size && ref.slot < parsed.expr->slot_count());
    FuzzScope scope;
    EvalResult r = evaluate(*parsed.expr, scope);
    if (r.ok())
      check_value(r.value);
    else
      check(!r.error->empty());
    (void)is_true(r.value);
  }

  // The same bytes as a date format and as a date in a fixed format.
  const DateTime sample = calendar::from_fields({2024, 2, 29, 13, 5, 9, 120'000'000}).value();
  if (auto formatted = date_format::format(sample, text); formatted.ok() && size < 64) {
    auto back = date_format::parse(*formatted, text, sample);
    if (back.ok()) check(calendar::in_range(*back));
  }
  if (auto dt = date_format::parse(text, "YYYY-MM-DD HH24:MI:SS.NS", sample); dt.ok())
    check(calendar::in_range(*dt));
  for (Type t : {Type::Integer, Type::Double, Type::String, Type::DateTime, Type::Status})
    if (auto v = coerce(Value::string(std::string(text)), t); v.ok()) check_value(*v);
  return 0;
}
