// Moving journaled batches into the database: the one place that writes a journal's content
// to `transitions`, used by the background folder, at the end of a run, and for the journal of
// a killed writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/result.h"
#include "state/journal_record.h"
#include "state/sqlite.h"

namespace taskweave::state {

// In one transaction: appends the batches of `run_id` whose seq is above the run's
// runs.folded_batch to `transitions` (merged into few rows: a fold of thousands of batches is a
// handful of inserts), records `damage` (a journal that lost data) as an event that makes
// load_run report the run damaged, and raises folded_batch to the largest seq. Folding the same
// batches again changes nothing. Returns the number of batches applied; a run without a row is
// an error.
expr::Result<std::size_t> fold_batches(sqlite::Database& db, const std::string& run_id,
                                       const std::vector<JournalRecord>& batches,
                                       std::string_view damage = {});

// Consecutive batches of one run already merged into one JSON array (the folder merges as
// batches arrive, so folding copies nothing).
struct MergedBatches {
  std::uint64_t first_seq = 0, last_seq = 0;
  std::string_view events;
};

// Like fold_batches, for merged batches in seq order: each is applied unless folded before.
// Merged batches that were only partly folded before are an error (only the journal's writer
// folds a live journal, so this does not happen).
expr::Result<bool> fold_merged(sqlite::Database& db, const std::string& run_id,
                               const std::vector<MergedBatches>& merged);

// The run's runs.folded_batch (0 when nothing was folded or the run has no row).
std::uint64_t folded_batch(sqlite::Database& db, const std::string& run_id);

}  // namespace taskweave::state
