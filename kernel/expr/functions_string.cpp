// LENGTH, SUBSTR, INSTR, CONCAT, LTRIM, RTRIM, UPPER, LOWER, INITCAP, LPAD, RPAD, REPLACESTR,
// REPLACECHR, REVERSE, CHR, ASCII. Positions and lengths count characters (UTF-8).
#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/text.h"
#include "expr/utf8.h"

namespace taskweave::expr {
namespace {

using args::Args;

Error too_long() {
  return Error{"the result would exceed " + std::to_string(kMaxStringBytes) + " bytes"};
}

Result<Value> length(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  return Value::integer(static_cast<int64_t>(utf8::length(args::text(a, 0))));
}

// SUBSTR(s, start [, length]): start 0 or 1 is the first character, negative counts from the
// end; a length below 1 gives the empty string.
Result<Value> substr(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0);
  auto start = args::whole(a, 1);
  if (!start) return Error{start.error()};
  const auto b = utf8::boundaries(s);
  const auto n = static_cast<int64_t>(b.size() - 1);
  int64_t first = *start > 0 ? *start - 1 : (*start == 0 ? 0 : n + *start);
  int64_t count = n;
  if (a.size() > 2) {
    auto len = args::whole(a, 2);
    if (!len) return Error{len.error()};
    count = *len;
  }
  if (count <= 0 || first >= n) return Value::string("");
  if (first < 0) {  // starts before the beginning: keep what overlaps
    count += first;
    first = 0;
    if (count <= 0) return Value::string("");
  }
  const int64_t last = std::min(n, first + std::min(count, n));
  return Value::string(s.substr(b[first], b[last] - b[first]));
}

// INSTR(s, search [, start [, occurrence [, comparison]]]): 1-based position or 0. A negative
// start searches backwards from that position counted from the end.
Result<Value> instr(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0), search = args::text(a, 1);
  int64_t start = 1, occurrence = 1;
  if (a.size() > 2) {
    auto v = args::whole(a, 2);
    if (!v) return Error{v.error()};
    start = *v == 0 ? 1 : *v;
  }
  if (a.size() > 3) {
    auto v = args::whole(a, 3);
    if (!v) return Error{v.error()};
    if (*v < 1) return args::invalid(a, 3, "must be greater than 0");
    occurrence = *v;
  }
  const auto b = utf8::boundaries(s);
  const auto n = static_cast<int64_t>(b.size() - 1);
  if (search.empty()) return Value::integer(0);
  auto matches_at = [&](int64_t i) { return s.compare(b[i], search.size(), search) == 0; };
  if (start > 0) {
    for (int64_t i = start - 1; i < n; ++i)
      if (matches_at(i) && --occurrence == 0) return Value::integer(i + 1);
  } else {
    for (int64_t i = n + start; i >= 0; --i)
      if (i < n && matches_at(i) && --occurrence == 0) return Value::integer(i + 1);
  }
  return Value::integer(0);
}

Result<Value> concat(Args a, const CallContext&) {
  if (a[0].is_null() && a[1].is_null()) return Value();
  std::string joined = args::text(a, 0) + args::text(a, 1);
  if (joined.size() > kMaxStringBytes) return too_long();
  return Value::string(std::move(joined));
}

// Whether the character s[from, to) is one of the characters of `set`.
bool in_set(std::string_view s, size_t from, size_t to, std::string_view set) {
  const auto b = utf8::boundaries(set);
  const std::string_view c = s.substr(from, to - from);
  for (size_t i = 0; i + 1 < b.size(); ++i)
    if (set.substr(b[i], b[i + 1] - b[i]) == c) return true;
  return false;
}

template <bool kLeft>
Result<Value> trim(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0);
  const std::string set = a.size() > 1 ? args::text(a, 1) : " ";
  const auto b = utf8::boundaries(s);
  size_t first = 0, last = b.size() - 1;
  if (kLeft)
    while (first < last && in_set(s, b[first], b[first + 1], set)) ++first;
  else
    while (last > first && in_set(s, b[last - 1], b[last], set)) --last;
  return Value::string(s.substr(b[first], b[last] - b[first]));
}

Result<Value> upper(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  return Value::string(text::to_upper(args::text(a, 0)));
}

Result<Value> lower(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  return Value::string(text::to_lower(args::text(a, 0)));
}

// Upper-cases the first letter of each word and lower-cases the rest; words are separated by
// anything that is not a letter or digit.
Result<Value> initcap(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  std::string s = args::text(a, 0);
  bool word_start = true;
  for (char& c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       static_cast<unsigned char>(c) >= 0x80;
    if (alnum) c = word_start ? text::to_upper(c) : text::to_lower(std::string(1, c))[0];
    word_start = !alnum;
  }
  return Value::string(std::move(s));
}

// LPAD/RPAD(s, length [, pad = ' ']): pads to `length` characters, or keeps the first `length`.
template <bool kLeft>
Result<Value> pad(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0);
  auto len = args::whole(a, 1);
  if (!len) return Error{len.error()};
  if (*len < 0) return args::invalid(a, 1, "must not be negative");
  if (*len > static_cast<int64_t>(kMaxStringBytes)) return args::invalid(a, 1, "is too large");
  const std::string filler = a.size() > 2 ? args::text(a, 2) : " ";
  const auto b = utf8::boundaries(s);
  const auto n = static_cast<int64_t>(b.size() - 1);
  if (*len <= n) return Value::string(s.substr(0, b[*len]));
  const auto fb = utf8::boundaries(filler);
  if (fb.size() < 2) return Value::string(s);  // nothing to pad with
  std::string padding;
  for (int64_t i = 0, k = 0; i < *len - n; ++i, k = (k + 1) % static_cast<int64_t>(fb.size() - 1))
    padding.append(filler, fb[k], fb[k + 1] - fb[k]);
  if (padding.size() + s.size() > kMaxStringBytes) return too_long();
  return Value::string(kLeft ? padding + s : s + padding);
}

bool same_text(std::string_view a, std::string_view b, bool case_sensitive) {
  return case_sensitive ? a == b : text::iequals(a, b);
}

// REPLACESTR(CaseFlag, input, old1, [old2, ...], new): one left-to-right pass; at each position
// the first old string that matches is replaced. NULL or empty old strings are ignored.
Result<Value> replacestr(Args a, const CallContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  auto flag = args::real(a, 0);
  if (!flag) return Error{flag.error()};
  const bool case_sensitive = *flag != 0;
  const std::string input = args::text(a, 1);
  const std::string replacement = args::text(a, a.size() - 1);
  std::vector<std::string> olds;
  for (size_t i = 2; i + 1 < a.size(); ++i)
    if (!a[i].is_null() && !args::text(a, i).empty()) olds.push_back(args::text(a, i));
  std::string out;
  for (size_t pos = 0; pos < input.size();) {
    const std::string* hit = nullptr;
    for (const auto& old : olds)
      if (same_text(std::string_view(input).substr(pos, old.size()), old, case_sensitive)) {
        hit = &old;
        break;
      }
    if (hit) {
      out += replacement;
      pos += hit->size();
    } else {
      out += input[pos++];
    }
    if (out.size() > kMaxStringBytes) return too_long();
  }
  return Value::string(std::move(out));
}

// REPLACECHR(CaseFlag, input, old_chars, new_char): every character of input found in
// old_chars becomes the first character of new_char (or is removed when new_char is empty).
Result<Value> replacechr(Args a, const CallContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  auto flag = args::real(a, 0);
  if (!flag) return Error{flag.error()};
  const std::string input = args::text(a, 1);
  if (a[2].is_null() || args::text(a, 2).empty()) return Value::string(input);
  std::string set = args::text(a, 2);
  const std::string fresh = args::text(a, 3);
  const auto fb = utf8::boundaries(fresh);
  const std::string replacement = fb.size() > 1 ? fresh.substr(0, fb[1]) : "";
  std::string subject = input;
  if (*flag == 0) {  // case-insensitive: compare upper-cased copies
    set = text::to_upper(set);
    subject = text::to_upper(input);
  }
  const auto b = utf8::boundaries(input);
  std::string out;
  for (size_t i = 0; i + 1 < b.size(); ++i) {
    if (in_set(subject, b[i], b[i + 1], set))
      out += replacement;
    else
      out.append(input, b[i], b[i + 1] - b[i]);
  }
  return Value::string(std::move(out));
}

Result<Value> reverse(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0);
  const auto b = utf8::boundaries(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = b.size() - 1; i > 0; --i) out.append(s, b[i - 1], b[i] - b[i - 1]);
  return Value::string(std::move(out));
}

Result<Value> chr(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  auto code = args::whole(a, 0);
  if (!code) return Error{code.error()};
  std::string c = *code >= 0 && *code <= 0x10FFFF ? utf8::encode(static_cast<uint32_t>(*code)) : "";
  if (c.empty() && *code != 0) return args::invalid(a, 0, "is not a character code");
  if (*code == 0) c = std::string(1, '\0');
  return Value::string(std::move(c));
}

Result<Value> ascii(Args a, const CallContext&) {
  if (args::any_null(a)) return Value();
  const std::string s = args::text(a, 0);
  if (s.empty()) return Value();
  return Value::integer(utf8::decode_first(s));
}

constexpr FunctionSpec kFunctions[] = {
    {"LENGTH", 1, 1, length, "s", Type::Integer},
    {"SUBSTR", 2, 3, substr, "snn", Type::String},
    {"INSTR", 2, 5, instr, "ssnnn", Type::Integer},
    {"CONCAT", 2, 2, concat, "ss", Type::String},
    {"LTRIM", 1, 2, trim<true>, "ss", Type::String},
    {"RTRIM", 1, 2, trim<false>, "ss", Type::String},
    {"UPPER", 1, 1, upper, "s", Type::String},
    {"LOWER", 1, 1, lower, "s", Type::String},
    {"INITCAP", 1, 1, initcap, "s", Type::String},
    {"LPAD", 2, 3, pad<true>, "sns", Type::String},
    {"RPAD", 2, 3, pad<false>, "sns", Type::String},
    {"REPLACESTR", 3, kVariadic, replacestr, "nss", Type::String},
    {"REPLACECHR", 4, 4, replacechr, "nsss", Type::String},
    {"REVERSE", 1, 1, reverse, "s", Type::String},
    {"CHR", 1, 1, chr, "n", Type::String},
    {"ASCII", 1, 1, ascii, "s", Type::Integer},
};

}  // namespace

std::span<const FunctionSpec> string_functions() { return kFunctions; }

}  // namespace taskweave::expr
