// The compiled form of an expression: flat postfix code for a small stack machine, with jumps
// for the short-circuit forms (AND, OR, IIF, DECODE). Parsed once, evaluated many times, never
// modified after parsing, so one Program can be evaluated from many threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "expr/value.h"

namespace taskweave::expr {

enum class Op : uint8_t {
  Const,   // push constants[a]
  Load,    // push the value of references()[a]
  Negate,  // unary minus
  Not,
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
  Concat,
  Less,
  LessEq,
  Greater,
  GreaterEq,
  Equal,
  NotEqual,
  AndTest,  // top is definitely FALSE: replace it with 0 and jump to a
  And,      // three-valued AND of the two top values
  OrTest,   // top is definitely TRUE: replace it with 1 and jump to a
  Or,
  Call,            // call function a with the top b values as arguments
  Jump,            // jump to a
  JumpUnlessTrue,  // pop; jump to a unless the value is TRUE
  DecodeTest,      // [v, s]: if s matches v pop both and jump to a, else pop s
  Pop,
  Nip,        // [x, y] -> [y]: drop the value under the top
  DefaultOf,  // replace the top with its type's default: 0, 0.0, '' or NULL
};

struct Instr {
  Op op;
  uint32_t a = 0;
  uint32_t b = 0;
};

struct Program {
  std::vector<Instr> code;
  std::vector<Value> constants;
  uint32_t max_stack = 0;  // the deepest the value stack gets
};

}  // namespace taskweave::expr
