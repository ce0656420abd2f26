// The pure scheduling core: PowerCenter's execution rules (semantics.md §1-§7) as a state
// machine. It takes events (a task ended, a task yielded, time passed, stop requested) and
// returns actions (run this task, resume that one, tell these to stop, the run is over). It has
// no threads, no clock of its own and no I/O: the clock, the run's inputs and the observers are
// injected, so tests drive it step by step, deterministically.
//
//   Scheduler s(workflow, options, clock, observers);
//   s.start();
//   for (;;) for (Action a : s.take_actions()) { ... s.task_finished(a.task, outcome); ... }
//
// Everything is event-driven: a task's end evaluates its outgoing links once and starts what
// became ready at once; "did not run" is propagated the moment it is known. Propagation uses a
// work list, never recursion, so a 100,000-task chain is as safe as a short one. Observers are
// called synchronously, before the corresponding action is returned.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/workflow.h"
#include "run/run_events.h"
#include "run/run_inputs.h"
#include "run/run_state.h"
#include "run/run_types.h"
#include "run/simulation.h"
#include "run/slot_queue.h"

namespace taskweave::run {

class RecoveryPlan;

struct Limits {
  std::size_t max_parallel = 0;  // 0 is treated as 1
  // Per task type (normalised name, case-insensitive) maximum of concurrently running tasks.
  std::vector<std::pair<std::string, std::size_t>> pools;
};

struct SchedulerOptions {
  RunInfo info;  // run_id, workflow, folder, ... (start is set by start())
  Limits limits;
  bool dry_run = false;
  const RunInputs* inputs = nullptr;         // null: no parameter file, nothing persisted
  const Simulations* simulations = nullptr;  // --simulate, for worklet instances
  // Task types whose failure suspends the workflow under Suspend on Error (§7).
  std::vector<std::string> suspend_types = {"Session", "Command", "Worklet", "Email"};
  const RecoveryPlan* recovery = nullptr;  // set by `recover`
};

struct Action {
  enum class Kind : std::uint8_t {
    Run,       // create the task object and run it; answer with task_finished/task_yielded
    Resume,    // run a yielded task again
    Cancel,    // a running or yielded task's frame is stopping/aborting (see cancel)
    Finished,  // the run is over (status())
  };
  Kind kind = Kind::Run;
  TaskId task;
  CancelKind cancel = CancelKind::None;
};

class Scheduler {
 public:
  Scheduler(const model::Workflow& workflow, SchedulerOptions options, const Clock& clock,
            RunObserver& observer);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // --- Events ---------------------------------------------------------------------------------
  // Starts the run: run_started, the top-level frame's start values and its Start task. A
  // start value that cannot be set (bad parameter value) ends the run FAILED at once.
  void start();
  void task_finished(TaskId id, TaskOutcome outcome);
  void task_yielded(TaskId id, WakeCondition condition);
  // Wakes yielded tasks whose time has come (clock.now()).
  void wake_due();
  // Stop or abort the whole run (signal, `taskweave stop`); a second stop does not upgrade.
  void cancel(CancelKind kind, const std::string& reason);
  // Ends an unfinished task whatever it is doing (the abort timeout passed); a later report
  // from its runner is ignored.
  void abandon(TaskId id, TaskOutcome outcome);

  // The actions decided since the last call, in order.
  std::vector<Action> take_actions();

  // --- Queries --------------------------------------------------------------------------------
  bool finished() const { return finished_; }
  RunStatus status() const;
  const RunInfo& info() const { return options_.info; }
  const model::Workflow& workflow() const { return workflow_; }
  const Clock& clock() const { return clock_; }
  bool dry_run() const { return options_.dry_run; }
  const RunInputs& inputs() const { return *inputs_; }
  // Earliest deadline of a yielded task, if any.
  std::optional<expr::DateTime> next_wake() const;
  std::size_t running() const { return slots_.running(); }
  // Tasks a runner holds: executing, yielded, or woken and waiting to resume (not worklets).
  std::vector<TaskId> unfinished_tasks() const;

  const Frame& frame(FrameIndex index) const { return frames_[index]; }
  std::size_t frame_count() const { return frames_.size(); }
  const model::TaskInstance& instance(TaskId id) const;
  const TaskRecord& record(TaskId id) const { return frames_[id.frame].tasks[id.task]; }
  std::string path(TaskId id) const;
  // Stop/abort in effect for a frame (its own or an enclosing frame's).
  CancelKind effective_cancel(FrameIndex frame) const;
  bool event_raised(FrameIndex frame, std::string_view event) const;
  bool has_event(FrameIndex frame, std::string_view event) const;  // declared WORKFLOWEVENT
  // Index of a user-defined variable of the frame's graph (case-insensitive), if declared.
  std::optional<std::size_t> variable_index(FrameIndex frame, std::string_view name) const;
  // Declared type of a frame's variable.
  expr::Type variable_type(FrameIndex frame, std::size_t index) const;

 private:
  struct GraphCache;
  struct LinkWork {
    FrameIndex frame;
    std::uint32_t target;
    std::uint32_t source;
    bool fired;
  };

  // scheduler.cpp: events, dispatch
  void settle();
  void dispatch();
  void begin_task(TaskId id);
  void enqueue(TaskId id, bool resume);
  void wake(TaskId id);
  void run_work();
  std::uint16_t pool_of(TaskId id) const;

  // scheduler_links.cpp: link evaluation and propagation
  void complete(TaskId id, TaskOutcome outcome);
  void evaluate_out_links(TaskId id);
  void resolve_link(const LinkWork& work);
  void became_ready(TaskId id);
  void did_not_run(TaskId id);
  void apply_effects(TaskId id, const TaskOutcome& outcome);

  // scheduler_recovery.cpp: `recover` replays recorded tasks instead of running them
  bool recover_task(TaskId id);  // true when the task was replayed or failed from its record
  void replay(TaskId id, const TaskEvent& recorded);
  void restore_variables(FrameIndex frame);

  // scheduler_frames.cpp: frames, worklets, final status, cancellation
  FrameIndex open_frame(const model::Graph& graph, FrameIndex parent, std::uint32_t parent_task);
  std::optional<std::string> init_variables(FrameIndex frame);
  void start_frame(FrameIndex frame);
  void start_worklet(TaskId id);
  void maybe_finish_frames();
  void finish_frame(FrameIndex frame);
  RunStatus final_status(const Frame& frame) const;
  void cancel_frame(FrameIndex frame, CancelKind kind, const std::string& reason);
  void apply_control(TaskId id, const ControlRequest& request);
  void persist_variables(FrameIndex frame);
  void finish_run(RunStatus status);
  const GraphCache& cache(const model::Graph& graph);

  TaskEvent task_event(TaskId id) const;
  void log(TaskId id, int severity, std::string code, std::string message);
  void log_run(int severity, std::string code, std::string message);
  void mark_dirty(FrameIndex frame);

  const model::Workflow& workflow_;
  SchedulerOptions options_;
  const Clock& clock_;
  RunObserver& observer_;
  RunObserver silent_;             // receives what a replay of recorded tasks would repeat
  RunObserver* out_ = &observer_;  // &silent_ while replaying
  NoRunInputs no_inputs_;
  const RunInputs* inputs_;

  std::deque<Frame> frames_;  // deque: references stay valid as worklets open frames
  std::unordered_map<const model::Graph*, std::unique_ptr<GraphCache>> caches_;
  std::vector<std::string> pool_types_;  // upper-cased type per pool (index + 1)
  SlotQueue slots_;
  std::deque<LinkWork> work_;
  std::vector<FrameIndex> dirty_frames_;
  std::vector<Action> actions_;
  struct Timer {
    expr::DateTime at;
    TaskId task;
    std::uint64_t generation;
    bool operator>(const Timer& o) const { return o.at < at; }
  };
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  std::vector<std::string> suspend_types_;  // upper-cased
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace taskweave::run
