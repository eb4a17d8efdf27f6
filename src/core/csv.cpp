#include "corridor/core/csv.hpp"

#include <fstream>
#include <sstream>

namespace corridor::core {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  out = ss.str();
  return true;
}

CsvTable parse_csv(std::string_view text, const std::string& file, DiagnosticSink& sink) {
  CsvTable table;
  table.file = file;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::size_t i = 0;
  int line = 1;
  int col = 1;
  bool have_header = false;
  const std::size_t n = text.size();

  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    bool record_done = false;
    while (!record_done) {
      CsvField field;
      field.column = col;
      if (i < n && text[i] == '"') {
        const int quote_line = line;
        const int quote_col = col;
        ++i;
        ++col;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.text += '"';
              i += 2;
              col += 2;
              continue;
            }
            ++i;
            ++col;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            col = 1;
          } else {
            ++col;
          }
          if (c != '\r') field.text += c;
          ++i;
        }
        if (!closed) {
          sink.error(ErrorCode::kMalformedCsv,
                     file,
                     quote_line,
                     quote_col,
                     "",
                     "unterminated quoted field (a \" opens here and is never closed)");
          return table;
        }
        // Anything between the closing quote and the separator is malformed.
        std::size_t start = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        if (i > start) {
          sink.error(ErrorCode::kMalformedCsv,
                     file,
                     line,
                     col,
                     "",
                     "unexpected text after a closing quote (got \"" +
                         std::string(text.substr(start, i - start)) + "\")");
          col += static_cast<int>(i - start);
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          field.text += text[i];
          ++i;
          ++col;
        }
      }
      rec.fields.push_back(std::move(field));
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
        ++col;
      } else {
        if (text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        col = 1;
        record_done = true;
      }
    }
    bool blank =
        rec.fields.size() == 1 && rec.fields[0].text.find_first_not_of(" \t") == std::string::npos;
    if (blank) continue;
    if (!have_header) {
      table.header = std::move(rec);
      have_header = true;
    } else {
      table.rows.push_back(std::move(rec));
    }
  }
  return table;
}

}  // namespace corridor::core
