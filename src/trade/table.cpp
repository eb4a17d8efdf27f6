// read_table() and Row: the CSV layer every trade reader shares (table.hpp).

#include "table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace corridor::trade {

namespace {

std::string trim(const std::string& s) {
  std::size_t a = 0;
  std::size_t b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

/// BACI's country list is ';'-separated: the CSV layer reads ',' only, so the text is
/// converted first (its fields hold no ';' or '"').
std::string with_commas(std::string text, char delimiter) {
  if (delimiter != ',') std::replace(text.begin(), text.end(), delimiter, ',');
  return text;
}

bool check_header(Table& t,
                  const core::CsvTable& csv,
                  const TableSpec& spec,
                  DiagnosticSink& sink) {
  for (std::size_t i = 0; i < csv.header.fields.size(); ++i) {
    const auto& f = csv.header.fields[i];
    const std::string name = trim(f.text);
    if (t.index.count(name) != 0U) {
      sink.error(ErrorCode::kDuplicateColumn,
                 t.file,
                 csv.header.line,
                 f.column,
                 name,
                 fmt::format("column appears twice (got {} again, expected each column once)",
                             quote(name)));
      continue;
    }
    t.index.emplace(name, i);
    const bool known = std::any_of(
        spec.columns.begin(), spec.columns.end(), [&](const auto& c) { return name == c.name; });
    if (!known && spec.warn_unknown)
      sink.warning(ErrorCode::kUnknownColumn,
                   t.file,
                   csv.header.line,
                   f.column,
                   name,
                   fmt::format("unknown column ignored (got {}, expected one of the columns in "
                               "docs/trade-format.md)",
                               quote(name)));
  }
  bool ok = true;
  for (const auto& c : spec.columns)
    if (c.required && t.index.count(c.name) == 0U) {
      sink.error(ErrorCode::kMissingColumn,
                 t.file,
                 csv.header.line,
                 0,
                 c.name,
                 fmt::format("required column is missing (expected a column named {})", c.name));
      ok = false;
    }
  return ok;
}

}  // namespace

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s.substr(0, 60)) {
    if (c == '"')
      out += "\\\"";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  if (s.size() > 60) out += "...";
  return out + "\"";
}

Table read_table(const std::string& path,
                 const TableSpec& spec,
                 bool required,
                 DiagnosticSink& sink) {
  Table t;
  t.file = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (required)
      sink.error(ErrorCode::kMissingFile,
                 path,
                 0,
                 0,
                 "",
                 fmt::format("file not found (got {}, expected a CSV file)", quote(path)));
    return t;
  }
  std::string text;
  if (std::filesystem::is_directory(path, ec) || !core::read_file(path, text)) {
    sink.error(ErrorCode::kUnreadableFile, path, 0, 0, "", "cannot read the file");
    return t;
  }
  const core::CsvTable csv =
      core::parse_csv(with_commas(std::move(text), spec.delimiter), path, sink);
  if (csv.header.fields.empty()) {
    sink.error(ErrorCode::kEmptyTable,
               path,
               0,
               0,
               "",
               "the file is empty (expected a header line and rows)");
    return t;
  }
  if (!check_header(t, csv, spec, sink)) return t;
  if (csv.rows.empty() && !spec.allow_empty) {
    sink.error(ErrorCode::kEmptyTable,
               path,
               csv.header.line,
               0,
               "",
               "the table has a header but no rows (expected at least one row)");
    return t;
  }
  const std::size_t width = csv.header.fields.size();
  t.rows.reserve(csv.rows.size());
  for (const auto& rec : csv.rows) {
    if (rec.fields.size() != width) {
      sink.error(ErrorCode::kMalformedCsv,
                 path,
                 rec.line,
                 rec.fields.size() > width ? rec.fields[width].column : 0,
                 "",
                 fmt::format("row has the wrong number of fields (got {}, expected {} as in the "
                             "header)",
                             rec.fields.size(),
                             width));
      continue;
    }
    t.rows.push_back(rec);
  }
  t.present = true;
  return t;
}

int Row::column(const char* c) const {
  auto it = t_.index.find(c);
  return it == t_.index.end() ? 0 : r_.fields[it->second].column;
}

std::string Row::text(const char* c) const {
  auto it = t_.index.find(c);
  return it == t_.index.end() ? std::string() : trim(r_.fields[it->second].text);
}

void Row::error(ErrorCode code, const char* c, const std::string& message) const {
  sink_.error(code, t_.file, r_.line, column(c), c, message);
}

void Row::warning(ErrorCode code, const char* c, const std::string& message) const {
  sink_.warning(code, t_.file, r_.line, column(c), c, message);
}

std::string Row::required(const char* c) const {
  std::string s = text(c);
  if (s.empty()) error(ErrorCode::kEmptyRequired, c, "value is empty (expected a value)");
  return s;
}

std::optional<double> Row::number(const char* c, bool required) const {
  const std::string s = text(c);
  if (s.empty()) {
    if (required) error(ErrorCode::kEmptyRequired, c, "value is empty (expected a number)");
    return std::nullopt;
  }
  double v = 0;
  const char* first = s.data();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc() && ptr == s.data() + s.size() && !std::isfinite(v))) {
    error(ErrorCode::kNonFinite,
          c,
          fmt::format("not a finite number (got {}, expected a number)", quote(s)));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    error(ErrorCode::kWrongType,
          c,
          fmt::format("not a number (got {}, expected a number)", quote(s)));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Row::amount(const char* c, bool required) const {
  auto v = number(c, required);
  if (v && *v < 0) {
    error(ErrorCode::kNegativeValue,
          c,
          fmt::format("negative trade value (got {}, expected a number >= 0)", text(c)));
    return std::nullopt;
  }
  return v;
}

std::optional<int> Row::year(const char* c) const {
  auto v = number(c, true);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v)) {
    error(ErrorCode::kWrongType,
          c,
          fmt::format("not a whole number (got {}, expected a year such as 2024)", text(c)));
    return std::nullopt;
  }
  if (*v < 1900 || *v > 2100) {
    error(ErrorCode::kOutOfRange,
          c,
          fmt::format("out of range (got {}, expected a year in 1900..2100)", text(c)));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> Row::yes_no(const char* c, bool fallback) const {
  const std::string s = text(c);
  if (s.empty()) return fallback;
  if (s == "yes") return true;
  if (s == "no") return false;
  error(ErrorCode::kWrongType,
        c,
        fmt::format("not yes or no (got {}, expected yes or no)", quote(s)));
  return std::nullopt;
}

std::optional<std::string> Row::hs_code(const char* c, bool pad) const {
  std::string s = required(c);
  if (s.empty()) return std::nullopt;
  const bool digits =
      std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (digits && pad && (s.size() == 1 || s.size() == 3 || s.size() == 5)) s = "0" + s;
  if (!digits || (s.size() != 2 && s.size() != 4 && s.size() != 6)) {
    error(ErrorCode::kMalformedHsCode,
          c,
          fmt::format("not an HS code (got {}, expected 2, 4 or 6 digits)", quote(text(c))));
    return std::nullopt;
  }
  return s;
}

}  // namespace corridor::trade
