#include "run_options.h"

#include <Poco/Util/Option.h>

#include <signal.h>

#include <charconv>

#include "plugin_options.h"
#include "state/process_identity.h"
#include "state/state_dir.h"
#include "state/state_store.h"

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
  options.addOption(Poco::Util::Option("isolate", "",
                                       "Run tasks of TYPE out of process in taskweave-worker, so "
                                       "a crash fails only that task (repeatable; see "
                                       "docs/isolation.md).")
                        .argument("TYPE")
                        .repeatable(true));
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
  request.isolate = invocation.values("isolate");
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

namespace taskweave::cli {

void define_signal_options(Poco::Util::OptionSet& options) {
  options.addOption(Poco::Util::Option("state-dir", "",
                                       "The state directory the run is recorded in (default: "
                                       "$TASKWEAVE_STATE_DIR, else ~/.local/state/taskweave).")
                        .argument("DIR"));
}

int signal_run(const Invocation& invocation, const char* command, bool abort) {
  if (invocation.positional.size() != 1)
    return usage_error(invocation, command, "expected one RUN_ID (see 'taskweave history')");
  const std::string& run_id = invocation.positional.front();
  auto dir = state::resolve_state_dir(invocation.value("state-dir"));
  if (!dir) return usage_error(invocation, command, dir.error());
  auto store = state::StateStore::open(*dir);
  if (!store) return usage_error(invocation, command, store.error());
  // The run's row is enough: replaying a large run's events would only delay the signal.
  auto record = (*store)->run_summary(run_id);
  if (!record)
    return usage_error(invocation, command,
                       "no run " + run_id + " in " + (*store)->database_path().string());
  if (record->info.status != run::RunStatus::Running || record->killed) {
    invocation.err << "taskweave " << command << ": run " << run_id << " is not running"
                   << (record->killed ? " (its process is gone; 'taskweave recover " + run_id +
                                            "' continues it)"
                                      : "")
                   << "\n";
    return kExitUsage;
  }
  if (record->host != state::this_host()) {
    invocation.err << "taskweave " << command << ": run " << run_id << " runs on host "
                   << record->host << "; run this command there\n";
    return kExitUsage;
  }
  (*store)->append_journal(run_id, state::JournalKind::ControlRequest, abort ? "abort" : "stop");
  if (::kill(record->pid, abort ? SIGUSR2 : SIGUSR1) != 0) {
    invocation.err << "taskweave " << command << ": cannot signal process " << record->pid
                   << " of run " << run_id << "\n";
    return kExitFailed;
  }
  invocation.out << (abort ? "abort" : "stop") << " requested for run " << run_id << " (process "
                 << record->pid << ")\n";
  return kExitOk;
}

}  // namespace taskweave::cli
