#pragma once
// RFC 4180 CSV reading with positions: every field knows its physical line and
// column so that validation errors can point at it. Accepts a UTF-8 BOM, CRLF
// or LF line ends, quoted fields with commas, quotes ("") and line breaks.
// O(n) in the input size.

#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::core {

struct CsvField {
  std::string text;
  int column = 0;  // 1-based character column where the field starts
};

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<CsvField> fields;
};

struct CsvTable {
  std::string file;  // name used in diagnostics
  CsvRecord header;
  std::vector<CsvRecord> rows;
};

/// Parses `text`; syntax problems go to `sink` under `file`. Blank lines are skipped.
CsvTable parse_csv(std::string_view text, const std::string& file, DiagnosticSink& sink);

/// Reads a whole file into `out`; false if it cannot be read.
bool read_file(const std::string& path, std::string& out);

}  // namespace corridor::core
