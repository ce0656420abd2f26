// The inputs of a run, loaded and checked before anything runs (any problem is exit code 2):
// configuration, workflow, --simulate specs, parameter file, plugins.
#pragma once

#include <taskweave/abi.h>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "model/workflow.h"
#include "params/param_file.h"
#include "plugin_host/plugin_registry.h"
#include "run/inprocess_runner.h"
#include "run/launch.h"
#include "run/run_config.h"
#include "run/secret_masker.h"
#include "run/simulation.h"

namespace taskweave::run {

struct LaunchInputs {
  // Each returns 0, or prints why to `err` and returns the exit code 2.
  int load_config(const LaunchRequest& request, std::ostream& err);
  int load_workflow(const LaunchRequest& request, const std::string& file,
                    const model::Selection& selection, std::ostream& err);
  int load_simulations(const LaunchRequest& request, std::ostream& err);
  int load_params(const LaunchRequest& request, std::ostream& err);
  int load_plugins(const LaunchRequest& request, const tw_host_api* host, std::ostream& err);

  params::ParamScope param_scope() const;
  // Values of parameters whose names look secret (password, token, ...) are masked in logs.
  void add_parameter_secrets(SecretMasker& secrets) const;
  TypeLookup type_lookup() const;

  RunConfig config;
  std::shared_ptr<const model::Workflow> workflow;
  Simulations simulations;
  std::optional<params::ParamFile> params;
  std::optional<plugin_host::PluginRegistry> plugins;
};

// The instance at a task path ("WKL_A.s_load") of a workflow, or null.
const model::TaskInstance* find_task_path(const model::Workflow& workflow, std::string_view path);

}  // namespace taskweave::run
