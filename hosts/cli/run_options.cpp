#include "run_options.h"

#include <Poco/Util/Option.h>

#include <charconv>

#include "plugin_options.h"

namespace taskweave::cli {

void define_run_options(Poco::Util::OptionSet& options) {
  define_plugin_options(options);
  options.addOption(Poco::Util::Option("config", "",
                                       "Read the configuration from FILE (see "
                                       "docs/configuration.md).")
                        .argument("FILE"));
  options.addOption(Poco::Util::Option("max-parallel", "",
                                       "Run at most N tasks at once (default: number of cores).")
                        .argument("N"));
  options.addOption(Poco::Util::Option("state-dir", "",
                                       "Keep run state in DIR (default: $TASKWEAVE_STATE_DIR, "
                                       "else ~/.local/state/taskweave).")
                        .argument("DIR"));
  options.addOption(Poco::Util::Option("log-dir", "",
                                       "Write workflow and task logs under DIR (default: "
                                       "<state-dir>/logs).")
                        .argument("DIR"));
  options.addOption(Poco::Util::Option("json-events", "",
                                       "Print one JSON object per event to stdout, or append "
                                       "them to PATH.")
                        .argument("PATH", false));
  options.addOption(Poco::Util::Option("quiet", "q", "Print only the final summary line."));
}

std::optional<std::string> fill_run_request(const Invocation& invocation,
                                            run::LaunchRequest& request) {
  request.config_file = invocation.value("config");
  request.state_dir = invocation.value("state-dir");
  request.log_dir = invocation.value("log-dir");
  request.json_events = invocation.value("json-events");
  request.quiet = invocation.has("quiet");
  request.plugin_dirs = invocation.values("plugins-dir");
  request.plugin_bindings = invocation.values("plugin");
  request.exe_dir = invocation.exe_dir;
  if (auto text = invocation.value("max-parallel")) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n == 0)
      return "--max-parallel needs a whole number >= 1, not '" + *text + "'";
    request.max_parallel = n;
  }
  return std::nullopt;
}

}  // namespace taskweave::cli
