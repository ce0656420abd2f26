// Journals the user-defined events a run raises (state::JournalKind::RaisedEvent), so that
// `recover` restores them: an Event-Wait reached after a stop must still see an event raised
// before it. The scheduler delivers event_raised before it wakes any waiter, and the entry
// joins the store's open batch (or commits at once), so it is on disk before anything acts on
// it, like every transition.
#pragma once

#include "run/run_events.h"
#include "state/state_store.h"

namespace taskweave::run {

class EventJournal : public RunObserver {
 public:
  explicit EventJournal(state::StateStore& store) : store_(store) {}
  void event_raised(const RaisedEvent& e) override {
    store_.append_journal(e.run_id, state::JournalKind::RaisedEvent,
                          e.scope.empty() ? e.name : e.scope + "." + e.name);
  }

 private:
  state::StateStore& store_;
};

}  // namespace taskweave::run
