#include "run/run_session.h"

namespace taskweave::run {

RunSession::RunSession(RunSetup setup, RunObserver& observer, const Clock& clock)
    : setup_(std::move(setup)),
      scheduler_(*setup_.workflow, setup_.scheduler, clock, observer),
      services_{&scheduler_,
                &state_lock_,
                setup_.config,
                setup_.secrets,
                setup_.scheduler.simulations,
                setup_.dirs,
                {}},
      runner_(services_, setup_.types) {
  if (setup_.runner) chosen_runner_ = setup_.runner(services_, runner_);
  executor_ = std::make_unique<Executor>(scheduler_, observer,
                                         chosen_runner_ ? *chosen_runner_ : runner_, state_lock_,
                                         ExecutorOptions{setup_.workers, setup_.abort_timeout});
  services_.post_log = [this](LogEvent event) { executor_->post_log(std::move(event)); };
}

RunStatus RunSession::run() { return executor_->run(); }

}  // namespace taskweave::run
