// StateStore's journals (state_store_journal.cpp): private to the store's implementation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "state/journal_file.h"
#include "state/journal_folder.h"
#include "state/state_store.h"

namespace taskweave::state {

struct StateStore::Journals {
  struct Run {
    std::string run_id;
    std::optional<JournalFile> file;  // none: this run's batches go to the database directly
    std::uint64_t next_seq = 1;
  };
  std::vector<Run> runs;                  // almost always one
  std::unique_ptr<JournalFolder> folder;  // started with the first journal
};

}  // namespace taskweave::state
