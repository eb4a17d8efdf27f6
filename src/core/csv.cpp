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

namespace {

// Spreadsheet exports (Excel's "CSV UTF-8") may start with a UTF-8 byte order mark.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// RFC 4180 records read from `text`, tracking the 1-based line and column that
// diagnostics name. A field ends at ',', a record at LF or CRLF (or the end).
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& file, DiagnosticSink& sink)
      : text_(text), n_(text.size()), file_(file), sink_(sink) {}

  [[nodiscard]] bool at_end() const { return i_ >= n_; }

  // Reads the next record into `rec`; false when an unterminated quote ends the parse.
  bool record(CsvRecord& rec) {
    rec.line = line_;
    bool record_done = false;
    while (!record_done) {
      CsvField field;
      field.column = col_;
      if (i_ < n_ && text_[i_] == '"') {
        if (!quoted_field(field)) return false;
      } else {
        unquoted_field(field);
      }
      rec.fields.push_back(std::move(field));
      record_done = end_of_field();
    }
    return true;
  }

 private:
  [[nodiscard]] bool at_separator() const {
    return text_[i_] == ',' || text_[i_] == '\n' || text_[i_] == '\r';
  }

  void unquoted_field(CsvField& field) {
    while (i_ < n_ && !at_separator()) {
      field.text += text_[i_];
      ++i_;
      ++col_;
    }
  }

  // A field opening with '"': "" is a quote, line breaks are kept (CR dropped).
  bool quoted_field(CsvField& field) {
    const int quote_line = line_;
    const int quote_col = col_;
    ++i_;
    ++col_;
    bool closed = false;
    while (i_ < n_) {
      char c = text_[i_];
      if (c == '"') {
        if (i_ + 1 < n_ && text_[i_ + 1] == '"') {
          field.text += '"';
          i_ += 2;
          col_ += 2;
          continue;
        }
        ++i_;
        ++col_;
        closed = true;
        break;
      }
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else {
        ++col_;
      }
      if (c != '\r') field.text += c;
      ++i_;
    }
    if (!closed) {
      sink_.error(ErrorCode::kMalformedCsv,
                  file_,
                  quote_line,
                  quote_col,
                  "",
                  "unterminated quoted field (a \" opens here and is never closed)");
      return false;
    }
    skip_text_after_quote();
    return true;
  }

  // Anything between the closing quote and the separator is malformed.
  void skip_text_after_quote() {
    std::size_t start = i_;
    while (i_ < n_ && !at_separator()) ++i_;
    if (i_ > start) {
      sink_.error(ErrorCode::kMalformedCsv,
                  file_,
                  line_,
                  col_,
                  "",
                  "unexpected text after a closing quote (got \"" +
                      std::string(text_.substr(start, i_ - start)) + "\")");
      col_ += static_cast<int>(i_ - start);
    }
  }

  // Steps over the separator after a field; true when it ended the record.
  bool end_of_field() {
    if (i_ >= n_) return true;
    if (text_[i_] == ',') {
      ++i_;
      ++col_;
      return false;
    }
    if (text_[i_] == '\r') ++i_;
    if (i_ < n_ && text_[i_] == '\n') ++i_;
    ++line_;
    col_ = 1;
    return true;
  }

  std::string_view text_;
  std::size_t n_;
  const std::string& file_;
  DiagnosticSink& sink_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

// A record of one field holding only spaces and tabs (an empty line) is skipped.
bool blank(const CsvRecord& rec) {
  return rec.fields.size() == 1 && rec.fields[0].text.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file, DiagnosticSink& sink) {
  CsvTable table;
  table.file = file;
  if (text.substr(0, 3) == kUtf8Bom) text.remove_prefix(3);

  CsvReader reader(text, file, sink);
  bool have_header = false;
  while (!reader.at_end()) {
    CsvRecord rec;
    if (!reader.record(rec)) return table;
    if (blank(rec)) continue;
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
