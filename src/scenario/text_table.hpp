#pragma once
// Tables as text, before typing: every cell keeps where it came from (a CSV line and
// column, or a scenario.yaml position when a variant set or added it), so that the
// typed reader can point at the exact place of a bad value. Variants edit these text
// tables; typing and validation run once, after the variant, on the result.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corridor/core/csv.hpp"
#include "corridor/error.hpp"

namespace corridor::scenario::detail {

/// One column of a table's schema.
struct ColumnSpec {
  const char* name;
  bool required;  // must be present in the header (its values may still be optional)
};

/// The schema of one table: its name in scenario.yaml `tables`, its default file name,
/// the column holding the row id (what variant overrides name), and its columns.
struct TableSpec {
  const char* name;
  const char* id_column;
  bool required;  // the table must be listed and non-empty
  std::vector<ColumnSpec> columns;
  [[nodiscard]] bool has_column(std::string_view c) const;
};

/// All tables, in load order.
const std::vector<TableSpec>& table_specs();
const TableSpec* find_table_spec(std::string_view name);

struct Cell {
  std::string text;
  int line = 0;
  int column = 0;
  bool from_manifest = false;  // set or added by a variant: located in scenario.yaml
};

struct TextRow {
  int line = 0;
  bool from_manifest = false;
  bool broken = false;      // wrong field count or bad bytes: reported, not typed
  std::vector<Cell> cells;  // one per TextTable::columns entry
};

struct TextTable {
  const TableSpec* spec = nullptr;
  std::string file_name;  // as named in the manifest, e.g. "nodes.csv"
  std::string diag_file;  // what diagnostics print (folder-prefixed)
  bool present = false;   // the file was read and has a usable header
  bool clean = false;     // read without any error (header, syntax, rows)
  int header_line = 1;
  std::vector<std::string> columns;  // header order, unknown columns included
  std::unordered_map<std::string, std::size_t> index;
  std::vector<TextRow> rows;

  [[nodiscard]] std::optional<std::size_t> column_index(const std::string& c) const;
};

/// Builds a TextTable from CSV text: header checks (E106 missing, E107 unknown warning,
/// E108 duplicate), field-count checks (E104), UTF-8 checks (E201), empty table (E105).
TextTable read_table(const TableSpec& spec,
                     std::string_view text,
                     const std::string& file_name,
                     const std::string& diag_file,
                     DiagnosticSink& sink);

/// True if `s` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view s);

/// Text for a "got X" part of a message: quoted, control characters escaped, truncated.
std::string quote(std::string_view s);

}  // namespace corridor::scenario::detail
