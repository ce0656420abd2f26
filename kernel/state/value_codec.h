// How expression values and times are stored in the state database: readable in the sqlite3
// shell (times as 'YYYY-MM-DD HH:MM:SS.nnnnnnnnn', statuses by name) and read back exactly.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "expr/value.h"
#include "state/sqlite.h"

namespace taskweave::state {

// Text of a time, without allocating: the buffer is the storage.
struct TimeText {
  std::array<char, 32> buffer{};
  std::size_t size = 0;
  std::string_view view() const { return {buffer.data(), size}; }
};
TimeText format_time(expr::DateTime time);
std::optional<expr::DateTime> parse_time(std::string_view text);

// Binds a time at `index`; the default DateTime{} (unset) is stored as NULL.
void bind_time(sqlite::Statement& statement, int index, const expr::DateTime& time,
               TimeText& storage);
expr::DateTime column_time(const sqlite::Statement& statement, int index);

// A value as two columns: its type name at `type_index` and the value at `type_index + 1`
// (INTEGER, REAL, TEXT or NULL). `storage` keeps formatted text alive until the step.
void bind_value(sqlite::Statement& statement, int type_index, const expr::Value& value,
                TimeText& storage);
// Reads the two columns back; a row that cannot be decoded reads as NULL.
expr::Value column_value(const sqlite::Statement& statement, int type_index);

}  // namespace taskweave::state
