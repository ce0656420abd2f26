#include "sanitizer_env.h"

#include <cstdlib>
#include <string>

namespace taskweave::testing {

void let_children_die_of_segv() {
  for (const char* name : {"ASAN_OPTIONS", "TSAN_OPTIONS"}) {
    const char* options = std::getenv(name);
    if (!options) continue;
    // A later occurrence of a flag overrides an earlier one.
    const std::string updated = std::string(options) + ":handle_segv=0";
    ::setenv(name, updated.c_str(), 1);
  }
}

}  // namespace taskweave::testing
