#include "model/workflow.h"

#include <cstdio>

namespace taskweave::model {

std::string Workflow::definition_hash_hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(definition_hash));
  return buf;
}

}  // namespace taskweave::model
