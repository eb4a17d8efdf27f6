#pragma once
// Reading one CSV table of trade data with every cell located: a header checked against
// the columns the format defines (E104/E105/E106/E107/E108), then typed access to the
// cells of each row that reports a problem at its file:line:column and keeps going, so
// a reader reports every problem at once (docs/errors.md). O(size of the file).

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "corridor/core/csv.hpp"
#include "corridor/error.hpp"

namespace corridor::trade {

struct ColumnSpec {
  const char* name;
  bool required;
};

struct Table {
  std::string file;
  bool present = false;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<core::CsvRecord> rows;  // rows with the header's number of fields
  [[nodiscard]] bool has(const char* c) const { return index.count(c) != 0U; }
};

struct TableSpec {
  std::vector<ColumnSpec> columns;
  char delimiter = ',';
  bool warn_unknown = true;  // false for formats with many columns we ignore (Comtrade)
  bool allow_empty = false;  // a header without rows is not an error
};

/// Reads `path` (named `path` in diagnostics). A missing file is E101 when `required`,
/// otherwise the table is simply absent (present = false, no diagnostic).
Table read_table(const std::string& path,
                 const TableSpec& spec,
                 bool required,
                 DiagnosticSink& sink);

/// `"text"` shortened for a message.
std::string quote(const std::string& s);

/// Typed access to one row's cells.
class Row {
 public:
  Row(const Table& t, const core::CsvRecord& r, DiagnosticSink& sink) : t_(t), r_(r), sink_(sink) {}
  [[nodiscard]] int line() const { return r_.line; }
  [[nodiscard]] int column(const char* c) const;
  [[nodiscard]] std::string text(const char* c) const;
  void error(ErrorCode code, const char* c, const std::string& message) const;
  void warning(ErrorCode code, const char* c, const std::string& message) const;
  /// A non-empty cell (E205 when empty).
  [[nodiscard]] std::string required(const char* c) const;
  /// A finite number (E205 empty when required, E201 not a number, E202 non-finite).
  [[nodiscard]] std::optional<double> number(const char* c, bool required) const;
  /// A trade value or quantity: a number >= 0 (E704 below zero).
  [[nodiscard]] std::optional<double> amount(const char* c, bool required) const;
  /// A year: a whole number in 1900..2100 (E201, E203).
  [[nodiscard]] std::optional<int> year(const char* c) const;
  /// yes / no (E201 otherwise); `fallback` when the column is absent or empty.
  [[nodiscard]] std::optional<bool> yes_no(const char* c, bool fallback) const;
  /// An HS code of 2, 4 or 6 digits (E702); leading zeros restored when `pad_to` > 0
  /// and the text is one digit short (BACI and spreadsheets drop them: 10121 = 010121).
  [[nodiscard]] std::optional<std::string> hs_code(const char* c, bool pad) const;

 private:
  const Table& t_;
  const core::CsvRecord& r_;
  DiagnosticSink& sink_;
};

}  // namespace corridor::trade
