// Parsing the expressions held in attribute values, and pointing diagnostics into them.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "model/diagnostic.h"
#include "model/expression.h"
#include "model/source_document.h"

namespace taskweave::model {

// A diagnostic about the text at `offset` inside the (decoded) value of `value`; its position is
// resolved to the file later (resolve_expression_positions).
Diagnostic expression_diagnostic(const SourceDocument& source, pugi::xml_attribute value,
                                 std::size_t offset, Severity severity, std::string code,
                                 std::string message);

// Parses the attribute's value. Empty or blank text gives null (an unconditional link, an empty
// Decision): callers treat null as TRUE. A parse error is reported as
// "<what> does not parse: <reason>" and gives null. `what` names the site for the message, e.g.
// "the condition of link A -> B".
ParsedExpression parse_expression(const SourceDocument& source, pugi::xml_attribute value,
                                  const std::string& what, Diagnostics& diagnostics);

}  // namespace taskweave::model
