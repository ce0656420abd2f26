#include "run/launch_inputs.h"

#include <cstdlib>
#include <ostream>

#include "model/diagnostic.h"
#include "params/expand_variables.h"
#include "plugin_host/type_binding.h"

namespace taskweave::run {
namespace {

constexpr int kExitUsage = 2;

int fail(std::ostream& err, const std::string& message) {
  err << "taskweave: " << message << "\n";
  return kExitUsage;
}

}  // namespace

int LaunchInputs::load_config(const LaunchRequest& request, std::ostream& err) {
  if (!request.config_file) return 0;
  auto loaded = RunConfig::load(*request.config_file);
  if (!loaded) return fail(err, loaded.error());
  config = std::move(loaded).value();
  return 0;
}

int LaunchInputs::load_workflow(const LaunchRequest& request, const std::string& file,
                                const model::Selection& selection, std::ostream& err) {
  auto loaded = model::load_workflow(file, selection);
  if (loaded.diagnostics.has_errors() || !loaded.workflow) {
    model::print_diagnostics(err, loaded.diagnostics);
    if (!loaded.diagnostics.has_errors()) err << "taskweave: " << file << ": nothing to run\n";
    return kExitUsage;
  }
  if (!request.quiet && loaded.diagnostics.warning_count() > 0)
    err << "taskweave: " << file << ": " << loaded.diagnostics.warning_count()
        << " warning(s); 'taskweave validate " << file << "' lists them\n";
  workflow = loaded.workflow;
  return 0;
}

int LaunchInputs::load_simulations(const LaunchRequest& request, std::ostream& err) {
  if (!request.simulate.empty() && !request.dry_run)
    return fail(err, "--simulate needs --dry-run (it replaces what a task would do)");
  for (const auto& spec : request.simulate) {
    if (auto error = simulations.add(spec)) return fail(err, *error);
    const std::string path = spec.substr(0, spec.find('='));
    if (!find_task_path(*workflow, path))
      return fail(err, "--simulate " + path + ": no task has this path in workflow " +
                           std::string(workflow->name) +
                           " (paths are instance names, WORKLET.task inside worklets)");
  }
  return 0;
}

int LaunchInputs::load_params(const LaunchRequest& request, std::ostream& err) {
  std::string path;
  bool explicit_file = false;
  if (request.param_file) {
    path = *request.param_file;
    explicit_file = true;
  } else if (!workflow->parameter_filename.empty()) {
    // $PMRootDir-style names in the attribute come from [paths] in the configuration, then
    // from the environment.
    auto expanded = params::expand_variables(
        workflow->parameter_filename, [&](std::string_view name) -> std::optional<std::string> {
          std::string bare(name.substr(name.find_first_not_of('$')));
          if (auto v = config.get("paths." + bare)) return v;
          if (const char* env = std::getenv(bare.c_str())) return std::string(env);
          return std::nullopt;
        });
    if (!expanded) {
      if (!request.quiet)
        err << "taskweave: warning: the workflow's Parameter Filename is not used: "
            << expanded.error() << "\n";
      return 0;
    }
    path = *expanded;
  }
  if (path.empty()) return 0;
  std::error_code ec;
  if (!explicit_file && !std::filesystem::exists(path, ec)) {
    if (!request.quiet)
      err << "taskweave: warning: parameter file " << path
          << " (the workflow's Parameter Filename) does not exist; running without it\n";
    return 0;
  }
  auto loaded = params::ParamFile::load(path);
  if (!loaded) return fail(err, loaded.error());
  params = std::move(loaded).value();
  return 0;
}

int LaunchInputs::load_plugins(const LaunchRequest& request, const tw_host_api* host,
                               std::ostream& err) {
  namespace ph = plugin_host;
  ph::RegistryOptions options;
  for (const auto& [type, plugin] : config.bindings()) options.bindings.push_back({type, plugin});
  for (const auto& text : request.plugin_bindings) {
    ph::ParsedBinding parsed = ph::parse_type_binding(text);
    if (!parsed.binding) return fail(err, "--plugin: " + parsed.error);
    options.bindings.push_back(std::move(*parsed.binding));
  }
  ph::SearchInputs search;
  search.cli_dirs = request.plugin_dirs;
  search.env_path = ph::plugin_path_from_environment();
  search.config_dirs = config.plugin_dirs();
  search.exe_dir = request.exe_dir;
  options.search_path = ph::plugin_search_path(search);
  options.host = host;
  plugins = ph::PluginRegistry::load(options);
  for (const auto& error : plugins->binding_errors()) err << "taskweave: " << error << "\n";
  if (!plugins->binding_errors().empty()) return kExitUsage;
  return 0;
}

params::ParamScope LaunchInputs::param_scope() const {
  params::ParamScope scope;
  scope.folder = std::string(workflow->folder);
  scope.workflow = std::string(workflow->name);
  scope.service = workflow->root.xml.attribute("SERVERNAME").value();
  return scope;
}

void LaunchInputs::add_parameter_secrets(SecretMasker& secrets) const {
  if (!params) return;
  for (const auto& entry : params->entries())
    if (looks_secret(entry.name)) secrets.add(entry.value);
}

TypeLookup LaunchInputs::type_lookup() const {
  const plugin_host::PluginRegistry* registry = plugins ? &*plugins : nullptr;
  return [registry](std::string_view type, std::string& error) -> const tw_task_type* {
    if (!registry) {
      error = "no plugins are loaded";
      return nullptr;
    }
    auto found = registry->find(type);
    if (!found) error = found.error;
    return found.type;
  };
}

const model::TaskInstance* find_task_path(const model::Workflow& workflow, std::string_view path) {
  const model::Graph* graph = &workflow.root;
  const model::TaskInstance* task = nullptr;
  while (graph) {
    const auto dot = path.find('.');
    auto index = graph->find_task(path.substr(0, dot));
    if (!index) return nullptr;
    task = &graph->tasks[*index];
    if (dot == std::string_view::npos) return task;
    path.remove_prefix(dot + 1);
    graph = task->worklet;
  }
  return nullptr;
}

}  // namespace taskweave::run
