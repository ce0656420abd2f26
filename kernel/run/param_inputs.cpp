#include "run/param_inputs.h"

namespace taskweave::run {

std::optional<std::string> ParamInputs::parameter(std::span<const std::string> worklet_path,
                                                  std::string_view session,
                                                  std::string_view name) const {
  if (!file_) return std::nullopt;
  params::ParamScope scope = scope_;
  scope.worklets.assign(worklet_path.begin(), worklet_path.end());
  scope.session = std::string(session);
  return file_->lookup(name, scope);
}

std::optional<expr::Value> ParamInputs::persisted(std::string_view scope,
                                                  std::string_view name) const {
  return persisted_ ? persisted_(scope, name) : std::nullopt;
}

}  // namespace taskweave::run
