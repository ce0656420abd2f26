// Expressions in the model (link conditions, Decision conditions, Assignment values, worklet
// inputs) are kept both as text and parsed by kernel/expr, so the kernel evaluates without
// re-parsing. The parsed tree is immutable and shared.
#pragma once

#include <memory>

namespace taskweave::expr {
class Expr;
}

namespace taskweave::model {

using ParsedExpression = std::shared_ptr<const expr::Expr>;

}  // namespace taskweave::model
