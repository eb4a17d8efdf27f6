// The readers of the formats users already have (docs/trade-format.md): CEPII BACI
// (`t,i,j,k,v,q`, numeric country codes, v in thousands of US$, q in tonnes), a UN
// Comtrade (Comtrade+) CSV export, and the market-access table.

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "readers.hpp"

namespace corridor::trade {

namespace {

/// BACI writes a missing quantity as "NA" (padded with spaces).
std::optional<double> quantity(const Row& row, const char* c) {
  const std::string s = row.text(c);
  if (s.empty() || s == "NA") return std::nullopt;
  return row.amount(c, false);
}

/// "X" or "M" for a row to read; "" for a row to skip: re-exports, re-imports and the like
/// (RX, RM, DX, FM) are not the trade the measures read, and the partner World (0) and the
/// product TOTAL are sums of other rows; any other flow code is E204.
std::string comtrade_flow(const Row& row) {
  const std::string flow = row.required("flowCode");
  if (flow == "X" || flow == "M") {
    if (row.text("partnerCode") == "0" || row.text("cmdCode") == "TOTAL") return "";
    return flow;
  }
  if (!flow.empty() && flow != "RX" && flow != "RM" && flow != "DX" && flow != "FM")
    row.error(ErrorCode::kBadEnum,
              "flowCode",
              fmt::format("not an allowed value (got {}, expected X or M; RX, RM, DX, FM are "
                          "skipped)",
                          quote(flow)));
  return "";
}

}  // namespace

int read_baci(const std::string& file,
              const Reference& ref,
              std::vector<Flow>& flows,
              DiagnosticSink& sink) {
  Table t =
      read_table(file,
                 {{{"t", true}, {"i", true}, {"j", true}, {"k", true}, {"v", true}, {"q", false}}},
                 true,
                 sink);
  std::vector<CodeSeen> seen;
  Duplicates dup(file);
  for (const auto& rec : t.rows) {
    Row row(t, rec, sink);
    auto y = row.year("t");
    auto e = numeric_country(row, "i", ref);
    auto i = numeric_country(row, "j", ref);
    auto p = row.hs_code("k", true);
    auto v = row.amount("v", true);
    auto q = quantity(row, "q");
    if (p) seen.push_back({*p, row.line(), row.column("k")});
    if (!y || !e || !i || !p || !v) continue;
    if (!dup.fresh(row, fmt::format("{},{},{},{}", *y, *e, *i, *p), "k", sink)) continue;
    flows.push_back({*y, *e, *i, *p, *v * 1000.0, q ? *q : kNaN});
  }
  check_codes(file, "k", seen, ref, sink);
  return digits_of(seen);
}

int read_comtrade(const std::string& file,
                  const Reference& ref,
                  std::vector<Flow>& flows,
                  DiagnosticSink& sink) {
  TableSpec spec{{{"refYear", true},
                  {"reporterCode", true},
                  {"flowCode", true},
                  {"partnerCode", true},
                  {"cmdCode", true},
                  {"primaryValue", true},
                  {"netWgt", false},
                  {"classificationCode", false}},
                 ',',
                 false,
                 false};
  Table t = read_table(file, spec, true, sink);
  std::vector<CodeSeen> seen;
  Duplicates dup(file);
  std::set<std::string> editions;
  int edition_line = 0;
  for (const auto& rec : t.rows) {
    Row row(t, rec, sink);
    const std::string flow = comtrade_flow(row);
    if (flow.empty()) continue;
    const std::string ed = row.text("classificationCode");
    if (!ed.empty() && editions.insert(ed).second && editions.size() == 2)
      edition_line = row.line();
    auto y = row.year("refYear");
    auto rep = numeric_country(row, "reporterCode", ref);
    auto par = numeric_country(row, "partnerCode", ref);
    auto p = row.hs_code("cmdCode", true);
    auto v = row.amount("primaryValue", true);
    auto kg = row.amount("netWgt", false);
    if (p) seen.push_back({*p, row.line(), row.column("cmdCode")});
    if (!y || !rep || !par || !p || !v) continue;
    // Exports reported by the exporter, imports by the importer: one direction each.
    const std::string& exporter = flow == "X" ? *rep : *par;
    const std::string& importer = flow == "X" ? *par : *rep;
    if (!dup.fresh(
            row, fmt::format("{},{},{},{},{}", *y, flow, exporter, importer, *p), "cmdCode", sink))
      continue;
    flows.push_back({*y, exporter, importer, *p, *v, kg ? *kg / 1000.0 : kNaN});
  }
  if (editions.size() > 1) {
    std::string list;
    for (const auto& e : editions) list += (list.empty() ? "" : ", ") + e;
    sink.warning(ErrorCode::kMixedHsVersions,
                 file,
                 edition_line,
                 0,
                 "classificationCode",
                 fmt::format("rows of several HS editions in one file (got {}): codes that "
                             "changed between editions may be misplaced",
                             list));
  }
  check_codes(file, "cmdCode", seen, ref, sink);
  return digits_of(seen);
}

void read_access(const std::string& file,
                 const Reference& ref,
                 std::vector<MarketAccess>& out,
                 DiagnosticSink& sink) {
  Table t = read_table(file,
                       {{{"exporter", true},
                         {"importer", true},
                         {"product", true},
                         {"tariff_pct", false},
                         {"registration_required", false},
                         {"registered", false},
                         {"source", true}}},
                       true,
                       sink);
  Duplicates dup(file);
  for (const auto& rec : t.rows) {
    Row row(t, rec, sink);
    auto e = country(row, "exporter", ref);
    auto i = country(row, "importer", ref);
    auto p = row.hs_code("product", false);
    auto tariff = row.number("tariff_pct", false);
    if (tariff && (*tariff < 0 || *tariff > 1000)) {
      row.error(ErrorCode::kOutOfRange,
                "tariff_pct",
                fmt::format("out of range (got {}, expected a percentage in 0..1000)",
                            row.text("tariff_pct")));
      tariff.reset();
    }
    auto req = row.yes_no("registration_required", false);
    auto reg = row.yes_no("registered", false);
    const std::string source = row.required("source");
    if (!e || !i || !p || !req || !reg || source.empty()) continue;
    if (!dup.fresh(row, fmt::format("{},{},{}", *e, *i, *p), "product", sink)) continue;
    out.push_back({*e, *i, *p, tariff, *req, *reg, source});
  }
}

}  // namespace corridor::trade
