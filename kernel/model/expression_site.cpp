#include "model/expression_site.h"

#include "expr/expr.h"

namespace taskweave::model {
namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Line and column inside the expression text, counted the way the expression parser counts
// them: CR LF, CR and LF are one break each; columns count characters.
void locate_in_value(std::string_view text, std::size_t offset, ExpressionSite& site) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < offset && text[i + 1] == '\n') ++i;
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  site.line = line;
  site.column = column;
}

}  // namespace

Diagnostic expression_diagnostic(const SourceDocument& source, pugi::xml_attribute value,
                                 std::size_t offset, Severity severity, std::string code,
                                 std::string message) {
  Diagnostic d{severity,           std::move(code), source.path(), source.value_position(value),
               std::move(message), std::nullopt};
  if (auto value_offset = source.offset_of(value.value())) {
    ExpressionSite site;
    site.value_offset = static_cast<std::uint32_t>(*value_offset);
    site.offset = static_cast<std::uint32_t>(offset);
    site.value = value.value();
    locate_in_value(site.value, offset, site);
    d.site = std::move(site);
  }
  return d;
}

ParsedExpression parse_expression(const SourceDocument& source, pugi::xml_attribute value,
                                  const std::string& what, Diagnostics& diagnostics) {
  const std::string_view text = value.value();
  if (blank(text)) return nullptr;
  expr::ParseResult parsed = expr::parse(text);
  if (parsed.error) {
    diagnostics.add(expression_diagnostic(source, value, parsed.error->offset, Severity::Error,
                                          "bad-expression",
                                          what + " does not parse: " + parsed.error->message));
    return nullptr;
  }
  return parsed.expr;
}

}  // namespace taskweave::model
