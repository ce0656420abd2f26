#include "run/launch.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "isolation/isolation_config.h"
#include "model/diagnostic.h"
#include "report/json_events.h"
#include "report/workflow_log.h"
#include "run/console_progress.h"
#include "run/event_journal.h"
#include "run/host_api.h"
#include "run/launch_inputs.h"
#include "run/masking_observer.h"
#include "run/orphan_reaper.h"
#include "run/param_inputs.h"
#include "run/recovery_plan.h"
#include "run/run_session.h"
#include "run/signal_watcher.h"
#include "state/state_dir.h"
#include "state/state_store.h"

namespace taskweave::run {
namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2, kExitStopped = 3, kExitSuspended = 4;
// The run succeeded but the state store could not record all of it: a script must not take it
// for a clean success (persistent variables may be stale, a recovery may not see every task).
constexpr int kExitUnrecorded = 5;

int exit_code(RunStatus status) {
  switch (status) {
    case RunStatus::Succeeded:
      return kExitOk;
    case RunStatus::Failed:
      return kExitFailed;
    case RunStatus::Stopped:
    case RunStatus::Aborted:
      return kExitStopped;
    case RunStatus::Suspended:
      return kExitSuspended;
    case RunStatus::Running:
      break;
  }
  return kExitFailed;
}

// Tasks of the workflow and of every worklet instance in it (the terminal's "total").
std::size_t count_tasks(const model::Graph& root) {
  std::size_t total = 0;
  std::vector<const model::Graph*> stack{&root};
  while (!stack.empty()) {
    const model::Graph* graph = stack.back();
    stack.pop_back();
    total += graph->tasks.size();
    for (const auto& task : graph->tasks)
      if (task.worklet) stack.push_back(task.worklet);
  }
  return total;
}

class Launcher {
 public:
  Launcher(const LaunchRequest& request, std::ostream& out, std::ostream& err)
      : request_(request), out_(out), err_(err) {}

  int launch() {
    // Before any thread starts (the state store has one): see signal_watcher.h.
    SignalWatcher::block_signals();
    if (int code = inputs_.load_config(request_, err_)) return code;
    if (int code = open_state()) return code;
    file_ = request_.file;
    selection_ = request_.selection;
    if (request_.recover_run_id) {
      if (int code = load_recovery()) return code;
    }
    if (int code = inputs_.load_workflow(request_, file_, selection_, err_)) return code;
    if (record_) {
      if (int code = check_recoverable()) return code;
    }
    if (int code = inputs_.load_simulations(request_, err_)) return code;
    if (int code = inputs_.load_params(request_, err_)) return code;
    if (int code = inputs_.load_plugins(request_, host_api(), err_)) return code;
    return execute();
  }

 private:
  int open_state() {
    auto dir = state::resolve_state_dir(request_.state_dir);
    if (!dir) return fail(dir.error());
    state_dir_ = *dir;
    auto store = state::StateStore::open(state_dir_);
    if (!store) return fail(store.error());
    store_ = std::move(store).value();
    return kExitOk;
  }

  int load_recovery() {
    record_ = store_->load_run(*request_.recover_run_id);
    const std::string& run_id = *request_.recover_run_id;
    const std::string database = store_->database_path().string();
    if (!record_) return fail("no run " + run_id + " in " + database);
    // Continuing from a partial record could re-run tasks that succeeded, or skip some.
    if (record_->damaged)
      return fail("cannot recover run " + run_id + ": its record in " + database +
                  " is damaged (part of it cannot be read), so what already ran is not known "
                  "for sure. See what was recorded with 'taskweave show " +
                  run_id + "', then start the workflow again with 'taskweave run'.");
    file_ = request_.file.empty() ? record_->info.file : request_.file;
    selection_ = {record_->info.folder, record_->info.workflow};
    return kExitOk;
  }

  int check_recoverable() {
    const model::Workflow& wf = *inputs_.workflow;
    RecordedRun recorded;
    recorded.info = record_->info;
    recorded.tasks = record_->tasks;
    recorded.links = record_->links;
    recorded.variables = record_->variables;
    recorded.raised_events = record_->raised_events;
    recorded.killed = record_->killed;
    if (auto problem = recovery_problem(recorded, wf)) return fail(*problem);
    recovery_ = std::make_unique<RecoveryPlan>(std::move(recorded), wf, inputs_.config);
    return kExitOk;
  }

  int fail(const std::string& message) {
    err_ << "taskweave: " << message << "\n";
    return kExitUsage;
  }

  std::array<std::string, 5> directories(const std::string& run_id, const std::string& workflow) {
    std::filesystem::path log_root = request_.log_dir ? std::filesystem::path(*request_.log_dir)
                                     : inputs_.config.get("logs.dir")
                                         ? std::filesystem::path(*inputs_.config.get("logs.dir"))
                                         : state_dir_ / "logs";
    run_log_dir_ = std::filesystem::absolute(log_root / workflow / run_id);
    temp_dir_ = std::filesystem::temp_directory_path() / ("taskweave-" + run_id);
    std::error_code ec;
    std::filesystem::create_directories(run_log_dir_, ec);
    std::filesystem::create_directories(temp_dir_, ec);
    const std::string work =
        inputs_.config.get("run.work_dir").value_or(std::filesystem::current_path(ec).string());
    return {work, run_log_dir_.string(), state_dir_.string(), temp_dir_.string(),
            inputs_.config.directory().string()};
  }

  int execute() {
    const model::Workflow& wf = *inputs_.workflow;
    // Before anything is created: a missing taskweave-worker refuses the run.
    auto runner =
        isolation::runner_factory(inputs_.config, request_.isolate, request_.exe_dir,
                                  inputs_.plugins ? &*inputs_.plugins : nullptr,
                                  std::chrono::seconds(inputs_.config.abort_timeout_seconds()));
    if (!runner) return fail(runner.error());
    const bool recovering = recovery_ != nullptr;
    const std::string run_id = recovering ? record_->info.run_id : store_->new_run_id();

    // Secrets: those the run being recovered journaled, then (journaled from now on, so that
    // `recover` and `show` mask them too) the parameter file's and those plugins declare.
    SecretMasker secrets;
    if (recovering)
      for (const auto& secret : record_->secrets) secrets.add(secret);
    if (!request_.dry_run)
      secrets.on_added([this, run_id](const std::string& secret) {
        store_->append_journal(run_id, state::JournalKind::Secret, secret);
      });
    inputs_.add_parameter_secrets(secrets);

    SchedulerOptions options;
    options.info.run_id = run_id;
    options.info.workflow = std::string(wf.name);
    options.info.folder = std::string(wf.folder);
    options.info.file = file_;
    options.info.definition_hash = wf.definition_hash_hex();
    options.info.run_instance = recovering ? record_->info.run_instance : request_.run_instance;
    options.info.recovery = recovering;
    if (recovering) options.info.start = record_->info.start;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t max_parallel = request_.max_parallel.value_or(
        inputs_.config.max_parallel() ? inputs_.config.max_parallel() : cores);
    options.limits.max_parallel = max_parallel;
    for (auto& [type, limit] : inputs_.config.pools())
      options.limits.pools.emplace_back(type, limit);
    options.dry_run = request_.dry_run;
    options.simulations = &inputs_.simulations;
    options.suspend_types = inputs_.config.suspend_types();
    options.recovery = recovery_.get();

    // Persistent start values come from the store (read even by a dry run, never written).
    const std::string workflow_name(wf.name);
    ParamInputs inputs(
        inputs_.params ? &*inputs_.params : nullptr, inputs_.param_scope(),
        [this, workflow_name, &secrets](std::string_view scope,
                                        std::string_view name) -> std::optional<expr::Value> {
          auto values = store_->persistent_values(workflow_name, std::string(scope));
          for (auto& [saved, value] : values) {
            if (!model::iequals(saved, name)) continue;
            // The store keeps it unmasked (it is the start value); logs must not.
            if (looks_secret(name) && value.type() == expr::Type::String)
              secrets.add(value.as_string());
            return value;
          }
          return std::nullopt;
        });
    options.inputs = &inputs;

    RunSetup setup;
    setup.dirs = directories(run_id, workflow_name);
    // The state store sees real values (it is private, and `recover` needs them); everything
    // people and other programs read sees them masked.
    ObserverList observers;
    std::optional<EventJournal> event_journal;
    if (!request_.dry_run) {
      observers.add(store_.get());
      observers.add(&event_journal.emplace(*store_));
    }
    ObserverList shown;
    MaskingObserver masked(secrets, shown);
    observers.add(&masked);
    auto log = report::WorkflowLog::open(report::workflow_log_path(run_log_dir_, workflow_name));
    if (!log) return fail(log.error());
    shown.add(log.value().get());
    std::ofstream json_file;
    std::unique_ptr<report::JsonEvents> json;
    const bool json_to_stdout = request_.json_events && request_.json_events->empty();
    if (request_.json_events) {
      if (!json_to_stdout) {
        json_file.open(*request_.json_events, std::ios::app);
        if (!json_file) return fail("cannot write --json-events file " + *request_.json_events);
      }
      json = std::make_unique<report::JsonEvents>(json_to_stdout ? out_ : json_file);
      shown.add(json.get());
    }
    std::ostream& human = json_to_stdout ? err_ : out_;
    ConsoleOptions console_options;
    console_options.tty = isatty(json_to_stdout ? STDERR_FILENO : STDOUT_FILENO) != 0;
    console_options.quiet = request_.quiet;
    console_options.dry_run = request_.dry_run;
    console_options.total_tasks = count_tasks(wf.root);
    ConsoleProgress console(human, console_options);
    shown.add(&console);

    setup.workflow = inputs_.workflow;
    setup.scheduler = std::move(options);
    setup.config = &inputs_.config;
    setup.secrets = &secrets;
    setup.types = inputs_.type_lookup();
    setup.workers = max_parallel;
    setup.abort_timeout = std::chrono::seconds(inputs_.config.abort_timeout_seconds());
    setup.runner = std::move(runner).value();

    // Declared before the session, so that it outlives it: its last sweep reaps every zombie
    // child once no plugin waits any more.
    OrphanReaper orphans;
    SystemClock clock;
    RunSession session(std::move(setup), observers, clock);
    RunStatus status;
    {
      SignalWatcher signals([&session](CancelKind kind, const std::string& reason) {
        session.request_cancel(kind, reason);
      });
      status = session.run();
    }
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    int code = exit_code(status);
    if (!request_.dry_run && !store_->write_error().empty()) {
      err_ << "taskweave: the state store could not record the run: " << store_->write_error()
           << "\n";
      if (code == kExitOk) code = kExitUnrecorded;
    }
    if (session.abandoned_tasks()) {
      // Threads stuck in plugin code that ignored the abort cannot be joined: leave now.
      human.flush();
      out_.flush();
      std::_Exit(code);
    }
    return code;
  }

  const LaunchRequest& request_;
  std::ostream& out_;
  std::ostream& err_;
  LaunchInputs inputs_;
  std::filesystem::path state_dir_, run_log_dir_, temp_dir_;
  std::unique_ptr<state::StateStore> store_;
  std::optional<state::RunRecord> record_;
  std::unique_ptr<RecoveryPlan> recovery_;
  std::string file_;
  model::Selection selection_;
};

}  // namespace

int launch(const LaunchRequest& request, std::ostream& out, std::ostream& err) {
  return Launcher(request, out, err).launch();
}

}  // namespace taskweave::run
