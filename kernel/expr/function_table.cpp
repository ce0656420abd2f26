#include <vector>

#include "expr/functions.h"
#include "expr/text.h"

namespace taskweave::expr {
namespace {

const std::vector<FunctionSpec>& all_functions() {
  static const std::vector<FunctionSpec> table = [] {
    std::vector<FunctionSpec> out;
    for (auto family : {conditional_functions(), conversion_functions(), date_functions(),
                        rounding_functions(), string_functions(), math_functions()})
      out.insert(out.end(), family.begin(), family.end());
    return out;
  }();
  return table;
}

}  // namespace

const FunctionSpec* find_function(std::string_view name) {
  for (const FunctionSpec& spec : all_functions())
    if (text::iequals(spec.name, name)) return &spec;
  return nullptr;
}

const FunctionSpec& function_at(uint32_t index) { return all_functions()[index]; }

uint32_t function_index(const FunctionSpec& spec) {
  return static_cast<uint32_t>(&spec - all_functions().data());
}

}  // namespace taskweave::expr
