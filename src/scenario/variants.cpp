// Variants edit the text tables before typing, so an overridden or added value is
// validated exactly like a CSV cell and an error in it points at scenario.yaml.

#include <fmt/format.h>

#include <algorithm>

#include "manifest.hpp"
#include "values.hpp"

namespace corridor::scenario::detail {
namespace {

std::string table_list() {
  std::string s;
  for (const auto& t : table_specs()) s += (s.empty() ? "" : ", ") + std::string(t.name);
  return s;
}

/// Indices of the rows `id` names ("*" = all).
std::vector<std::size_t> matching_rows(const TextTable& t, const std::string& id) {
  std::vector<std::size_t> out;
  auto col = t.column_index(t.spec->id_column);
  if (!col) return out;
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (id == "*" || trim(t.rows[i].cells[*col].text) == trim(id)) out.push_back(i);
  return out;
}

void apply_one(const OverrideSpec& os,
               const std::string& vpath,
               std::vector<TextTable>& tables,
               const std::string& file,
               DiagnosticSink& sink) {
  const Override& o = os.o;
  auto err = [&](ErrorCode c, Pos p, const std::string& f, const std::string& msg) {
    sink.error(c, file, p.line, p.column, vpath + "." + f, msg);
  };
  TextTable* t = nullptr;
  for (auto& tt : tables)
    if (tt.spec != nullptr && o.table == tt.spec->name) t = &tt;
  if (t == nullptr) {
    if (find_table_spec(o.table) == nullptr)
      err(ErrorCode::kOverrideTargetMissing,
          os.table_at,
          "table",
          fmt::format("no such table (got {}, expected one of {})", quote(o.table), table_list()));
    else
      err(ErrorCode::kOverrideTargetMissing,
          os.table_at,
          "table",
          fmt::format("the {} table is not part of this scenario (got {}, expected a table "
                      "listed under `tables:`)",
                      o.table,
                      quote(o.table)));
    return;
  }
  if (!t->present) return;  // the file itself is missing or empty: already reported

  if (o.op == Override::Op::kAdd) {
    TextRow row;
    row.line = os.value_at.line;
    row.from_manifest = true;
    for (std::size_t i = 0; i < t->columns.size(); ++i)
      row.cells.push_back(Cell{"", os.value_at.line, os.value_at.column, true});
    for (std::size_t k = 0; k < o.row.size(); ++k) {
      const auto& [col, value] = o.row[k];
      if (!t->spec->has_column(col)) {
        err(ErrorCode::kOverrideTargetMissing,
            os.row_key_at[k],
            "add." + col,
            fmt::format("no such column in {} (got {})", t->spec->name, quote(col)));
        continue;
      }
      auto idx = t->column_index(col);
      if (!idx) continue;  // a required column missing from the file: already reported
      row.cells[*idx] = Cell{value, os.row_value_at[k].line, os.row_value_at[k].column, true};
    }
    t->rows.push_back(std::move(row));
    return;
  }

  if ((o.op == Override::Op::kSet || o.op == Override::Op::kScale) &&
      !t->spec->has_column(o.field)) {
    err(ErrorCode::kOverrideTargetMissing,
        os.field_at,
        "field",
        fmt::format("no such column in {} (got {})", t->spec->name, quote(o.field)));
    return;
  }
  if ((o.op == Override::Op::kSet || o.op == Override::Op::kScale) &&
      o.field == t->spec->id_column) {
    err(ErrorCode::kBadOverride,
        os.field_at,
        "field",
        fmt::format("the id column cannot be overridden (got {}, expected another column; "
                    "remove the row and add a new one instead)",
                    quote(o.field)));
    return;
  }
  const auto rows = matching_rows(*t, o.id);
  if (rows.empty()) {
    err(ErrorCode::kOverrideTargetMissing,
        os.id_at,
        "id",
        fmt::format(
            "no row of {} has this {} (got {})", t->spec->name, t->spec->id_column, quote(o.id)));
    return;
  }
  if (o.op == Override::Op::kRemove) {
    std::vector<bool> drop(t->rows.size(), false);
    for (auto r : rows) drop[r] = true;
    std::vector<TextRow> kept;
    for (std::size_t i = 0; i < t->rows.size(); ++i)
      if (!drop[i]) kept.push_back(std::move(t->rows[i]));
    t->rows = std::move(kept);
    return;
  }
  auto idx = t->column_index(o.field);
  if (!idx) return;  // column missing from the file: already reported (E106)
  for (auto r : rows) {
    Cell& c = t->rows[r].cells[*idx];
    if (o.op == Override::Op::kSet) {
      c = Cell{o.value, os.value_at.line, os.value_at.column, true};
    } else {
      double base = 0.0;
      double factor = 0.0;
      if (trim(c.text).empty()) continue;  // "none" (unlimited) stays unlimited
      if (parse_number(c.text, base) != NumberStatus::kOk) continue;  // typed read reports it
      if (parse_number(o.value, factor) != NumberStatus::kOk) return;
      c = Cell{format_number(base * factor), os.value_at.line, os.value_at.column, true};
    }
  }
}

}  // namespace

void apply_variant(const VariantSpec& v,
                   std::vector<TextTable>& tables,
                   const std::string& diag_file,
                   DiagnosticSink& sink) {
  std::vector<std::size_t> before;
  for (const auto& t : tables) before.push_back(t.rows.size());
  for (std::size_t i = 0; i < v.overrides.size(); ++i) {
    const auto& os = v.overrides[i];
    if (!os.well_formed) continue;
    apply_one(os, fmt::format("variants.{}.overrides[{}]", v.v.name, i), tables, diag_file, sink);
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const auto& t = tables[i];
    if (t.present && before[i] > 0 && t.rows.empty() && t.spec->required)
      sink.error(ErrorCode::kEmptyTable,
                 diag_file,
                 v.at.line,
                 v.at.column,
                 "variants." + v.v.name,
                 fmt::format("the variant removes every row of {} (expected at least one row)",
                             t.spec->name));
  }
}

}  // namespace corridor::scenario::detail
