// Run data as JSON values, one way for every report that writes JSON (`--json-events`,
// `taskweave show --json`, `history --json`). cli-contract.md: every time is ISO-8601 UTC with
// milliseconds ("2026-11-27T10:00:00.123Z"); statuses are upper case.
#pragma once

#include "expr/value.h"
#include "util/json_writer.h"

namespace taskweave::report {

// A task's or run's start or end: ISO-8601 UTC, or null when it has none (DateTime{}).
void write_json_time(util::JsonWriter& w, const expr::DateTime& time);

// A variable's value: numbers as numbers, NULL as null, date/times as ISO-8601 UTC, strings and
// statuses as text.
void write_json_value(util::JsonWriter& w, const expr::Value& value);

}  // namespace taskweave::report
