#include "text_table.hpp"

#include <fmt/format.h>

namespace corridor::scenario::detail {

bool TableSpec::has_column(std::string_view c) const {
  for (const auto& col : columns)
    if (c == col.name) return true;
  return false;
}

const std::vector<TableSpec>& table_specs() {
  static const std::vector<TableSpec> kSpecs = {
      {"nodes",
       "id",
       true,
       {{"id", true},
        {"name", true},
        {"name_local", false},
        {"name_ru", false},
        {"name_kk", false},
        {"name_zh", false},
        {"kind", true},
        {"country", true},
        {"lat", true},
        {"lon", true},
        {"source", true}}},
      {"crossings",
       "id",
       true,
       {{"id", true},
        {"name", true},
        {"name_ru", false},
        {"name_kk", false},
        {"name_zh", false},
        {"mode", true},
        {"cn_node", true},
        {"kz_node", true},
        {"capacity_per_day", true},
        {"unit", true},
        {"background_share", true},
        {"processing_hours", true},
        {"fee_per_unit", true},
        {"gauge_change", true},
        {"transshipment_hours", true},
        {"transshipment_cost_per_unit", true},
        {"servers", true},
        {"inspection_probability", true},
        {"inspection_hours", true},
        {"status", true},
        {"opening_year", false},
        {"calendar", true},
        {"source", true}}},
      {"calendars",
       "calendar",
       true,
       {{"calendar", true},
        {"kind", true},
        {"days", true},
        {"open_hour", true},
        {"close_hour", true},
        {"date_from", true},
        {"date_to", true},
        {"note", false},
        {"source", true}}},
      {"links",
       "id",
       true,
       {{"id", true},
        {"from", true},
        {"to", true},
        {"mode", true},
        {"distance_km", true},
        {"hours", true},
        {"cost_per_unit", true},
        {"unit", true},
        {"capacity_per_day", false},
        {"source", true}}},
      {"hubs",
       "id",
       true,
       {{"id", true}, {"node", true}, {"supply_cap_per_day", false}, {"source", true}}},
      {"warehouse_sites",
       "site",
       true,
       {{"site", true},
        {"node", true},
        {"size", true},
        {"capacity_per_day", true},
        {"fixed_cost_per_year", true},
        {"handling_cost_per_parcel", true},
        {"existing", true},
        {"source", true}}},
      {"zones",
       "id",
       true,
       {{"id", true},
        {"node", true},
        {"parcels_per_day", true},
        {"growth_per_year", true},
        {"promise_days", true},
        {"direct_allowed", true},
        {"stocked_share", false},
        {"source", true}}},
      {"events",
       "id",
       false,
       {{"id", true},
        {"kind", true},
        {"target", true},
        {"date_from", true},
        {"date_to", true},
        {"factor", true},
        {"source", true}}},
  };
  return kSpecs;
}

const TableSpec* find_table_spec(std::string_view name) {
  for (const auto& t : table_specs())
    if (name == t.name) return &t;
  return nullptr;
}

std::optional<std::size_t> TextTable::column_index(const std::string& c) const {
  auto it = index.find(c);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(len) > n) return false;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
      return false;  // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  std::size_t shown = 0;
  for (char ch : s) {
    if (shown >= kMax) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
    ++shown;
  }
  out += '"';
  // A cut may split a multi-byte character; keep the message valid UTF-8.
  if (!valid_utf8(out)) {
    std::string ascii;
    for (char ch : out) ascii += static_cast<unsigned char>(ch) < 0x80 ? ch : '?';
    return ascii;
  }
  return out;
}

TextTable read_table(const TableSpec& spec,
                     std::string_view text,
                     const std::string& file_name,
                     const std::string& diag_file,
                     DiagnosticSink& sink) {
  TextTable t;
  t.spec = &spec;
  t.file_name = file_name;
  t.diag_file = diag_file;

  const std::size_t errors_before = sink.items().size();
  core::CsvTable csv = core::parse_csv(text, diag_file, sink);
  bool syntax_ok = true;
  for (std::size_t i = errors_before; i < sink.items().size(); ++i)
    if (sink.items()[i].severity == Severity::kError) syntax_ok = false;

  if (csv.header.fields.empty()) {
    if (syntax_ok)
      sink.error(ErrorCode::kEmptyTable,
                 diag_file,
                 0,
                 0,
                 "",
                 "the file is empty (expected a header line and at least one row)");
    return t;
  }
  t.header_line = csv.header.line;

  for (std::size_t i = 0; i < csv.header.fields.size(); ++i) {
    const auto& f = csv.header.fields[i];
    std::string name = f.text;
    // Spreadsheets add stray spaces around header names; they carry no meaning here.
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
    if (!valid_utf8(name)) {
      sink.error(ErrorCode::kWrongType,
                 diag_file,
                 csv.header.line,
                 f.column,
                 "",
                 "column name is not valid UTF-8");
      name = "?";
    }
    if (t.index.count(name) != 0U) {
      sink.error(ErrorCode::kDuplicateColumn,
                 diag_file,
                 csv.header.line,
                 f.column,
                 name,
                 fmt::format("column appears twice (got {} again, expected each column once)",
                             quote(name)));
    } else {
      t.index.emplace(name, i);
    }
    if (!spec.has_column(name))
      sink.warning(ErrorCode::kUnknownColumn,
                   diag_file,
                   csv.header.line,
                   f.column,
                   name,
                   fmt::format("unknown column ignored (got {}, expected one of the {} columns "
                               "in docs/scenario-format.md)",
                               quote(name),
                               spec.name));
    t.columns.push_back(std::move(name));
  }
  for (const auto& c : spec.columns) {
    if (c.required && t.index.count(c.name) == 0U) {
      sink.error(ErrorCode::kMissingColumn,
                 diag_file,
                 csv.header.line,
                 0,
                 c.name,
                 fmt::format("required column is missing (expected a column named {})", c.name));
    }
  }
  // Optional columns absent from the header still get a (blank) cell so that the
  // typed reader and variants can address them uniformly.
  for (const auto& c : spec.columns) {
    if (!c.required && t.index.count(c.name) == 0U) {
      t.index.emplace(c.name, t.columns.size());
      t.columns.emplace_back(c.name);
    }
  }
  t.present = true;

  const std::size_t width = csv.header.fields.size();
  for (auto& rec : csv.rows) {
    TextRow row;
    row.line = rec.line;
    row.cells.reserve(t.columns.size());
    if (rec.fields.size() != width) {
      sink.error(ErrorCode::kMalformedCsv,
                 diag_file,
                 rec.line,
                 rec.fields.size() > width ? rec.fields[width].column : 0,
                 "",
                 fmt::format("row has the wrong number of fields (got {}, expected {} as in the "
                             "header)",
                             rec.fields.size(),
                             width));
      row.broken = true;
    }
    for (std::size_t i = 0; i < rec.fields.size() && i < width; ++i) {
      auto& f = rec.fields[i];
      if (!valid_utf8(f.text)) {
        sink.error(ErrorCode::kWrongType,
                   diag_file,
                   rec.line,
                   f.column,
                   t.columns[i],
                   "value is not valid UTF-8 (expected UTF-8 text)");
        row.broken = true;
        f.text.clear();
      }
      row.cells.push_back(Cell{std::move(f.text), rec.line, f.column, false});
    }
    while (row.cells.size() < t.columns.size()) row.cells.push_back(Cell{"", rec.line, 0, false});
    t.rows.push_back(std::move(row));
  }
  if (syntax_ok && csv.rows.empty() && spec.required)
    sink.error(ErrorCode::kEmptyTable,
               diag_file,
               csv.header.line,
               0,
               "",
               fmt::format("the {} table has a header but no rows (expected at least one row)",
                           spec.name));
  t.clean = true;
  for (std::size_t i = errors_before; i < sink.items().size(); ++i)
    if (sink.items()[i].severity == Severity::kError) t.clean = false;
  return t;
}

}  // namespace corridor::scenario::detail
