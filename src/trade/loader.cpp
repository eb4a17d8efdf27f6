// load(): reads the trade data folder (docs/trade-format.md) and, when given, BACI and
// UN Comtrade CSV files and a market-access table; types every cell, maps country codes
// to ISO3 through the folder's explicit map, checks HS codes against the nomenclature,
// and reports every problem at once (E1xx, E2xx, E7xx).

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "corridor/trade.hpp"
#include "readers.hpp"

namespace corridor::trade {

/// Checks the product codes of one table: unknown ones are E703; codes of two HS
/// editions in one table are one E706 warning naming the minority's codes.
void check_codes(const std::string& file,
                 const char* field,
                 const std::vector<CodeSeen>& seen,
                 const Reference& ref,
                 DiagnosticSink& sink) {
  std::set<std::string> only17, only22;
  int line17 = 0, line22 = 0;
  for (const auto& s : seen) {
    auto it = ref.editions.find(s.code);
    if (it == ref.editions.end()) {
      sink.error(ErrorCode::kUnknownHsCode,
                 file,
                 s.line,
                 s.column,
                 field,
                 fmt::format("unknown HS code (got \"{}\", expected a code of HS 2017 or HS "
                             "2022 in hs_names.csv)",
                             s.code));
      continue;
    }
    if (it->second == kHs17 && only17.insert(s.code).second && line17 == 0) line17 = s.line;
    if (it->second == kHs22 && only22.insert(s.code).second && line22 == 0) line22 = s.line;
  }
  if (only17.empty() || only22.empty()) return;
  const bool fewer22 = only22.size() <= only17.size();
  const auto& minority = fewer22 ? only22 : only17;
  std::string names;
  std::size_t n = 0;
  for (const auto& c : minority) {
    if (n++ == 8) {
      names += ", ...";
      break;
    }
    names += (names.empty() ? "" : ", ") + c;
  }
  sink.warning(ErrorCode::kMixedHsVersions,
               file,
               fewer22 ? line22 : line17,
               0,
               field,
               fmt::format("codes of two HS editions in one table (got {} code(s) only in HS "
                           "{}: {}; the rest read as HS {}): their values may be misplaced",
                           minority.size(),
                           fewer22 ? "2022" : "2017",
                           names,
                           fewer22 ? "2017" : "2022"));
}

/// An ISO3 country of the map (E701 otherwise).
std::optional<std::string> country(const Row& row, const char* c, const Reference& ref) {
  std::string s = row.required(c);
  if (s.empty()) return std::nullopt;
  if (ref.iso.count(s) == 0U) {
    row.error(
        ErrorCode::kUnknownCountry,
        c,
        fmt::format("unknown country (got {}, expected an ISO3 code of countries.csv)", quote(s)));
    return std::nullopt;
  }
  return s;
}

/// A Comtrade/BACI numeric country code mapped to ISO3 (E701 otherwise).
std::optional<std::string> numeric_country(const Row& row, const char* c, const Reference& ref) {
  std::string s = row.required(c);
  if (s.empty()) return std::nullopt;
  while (s.size() > 1 && s[0] == '0') s.erase(0, 1);
  auto it = ref.iso_of_code.find(s);
  if (it == ref.iso_of_code.end()) {
    row.error(ErrorCode::kUnknownCountry,
              c,
              fmt::format("unknown country code (got {}, expected a numeric code of "
                          "countries.csv)",
                          quote(row.text(c))));
    return std::nullopt;
  }
  return it->second;
}

bool Duplicates::fresh(const Row& row,
                       const std::string& key,
                       const char* field,
                       DiagnosticSink& sink) {
  auto [it, ok] = first_.emplace(key, row.line());
  if (!ok)
    sink.error(ErrorCode::kDuplicateFlow,
               file_,
               row.line(),
               row.column(field),
               field,
               fmt::format("duplicate row (got {} again, expected each year, partner and "
                           "product once; first at {}:{})",
                           key,
                           file_,
                           it->second));
  return ok;
}

int digits_of(const std::vector<CodeSeen>& seen) {
  std::size_t d = 6;
  for (const auto& s : seen) d = std::min(d, s.code.size());
  return seen.empty() ? 0 : static_cast<int>(d);
}

namespace {

Reference read_reference(const std::string& folder, TradeData& data, DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  Reference ref;
  const std::string cfile = (fs::path(folder) / "countries.csv").string();
  Table ct = read_table(cfile, {{{"code", true}, {"iso3", true}, {"name", false}}}, true, sink);
  for (const auto& rec : ct.rows) {
    Row row(ct, rec, sink);
    const std::string code = row.required("code");
    const std::string iso = row.required("iso3");
    if (code.empty() || iso.empty()) continue;
    ref.iso_of_code.emplace(code, iso);
    ref.iso.insert(iso);
  }
  const std::string nfile = (fs::path(folder) / "hs_names.csv").string();
  Table nt = read_table(nfile,
                        {{{"level", true},
                          {"code", true},
                          {"section", false},
                          {"editions", true},
                          {"en", true},
                          {"ru", false},
                          {"kk", false},
                          {"zh", false}}},
                        true,
                        sink);
  for (const auto& rec : nt.rows) {
    Row row(nt, rec, sink);
    HsName n{row.required("level"),
             row.required("code"),
             row.text("section"),
             row.text("en"),
             row.text("ru"),
             row.text("kk"),
             row.text("zh")};
    const std::string ed = row.text("editions");
    int bits = (ed.find("HS17") != std::string::npos ? kHs17 : 0) |
               (ed.find("HS22") != std::string::npos ? kHs22 : 0);
    if (n.level != "section") ref.editions[n.code] = bits;
    data.names.push_back(std::move(n));
  }
  const std::string mfile = (fs::path(folder) / "mode_classes.csv").string();
  Table mt = read_table(
      mfile, {{{"hs", true}, {"class", true}, {"note", false}, {"source", false}}}, true, sink);
  const std::vector<std::string> classes = {
      "bulk", "liquid", "container", "perishable", "hazardous"};
  for (const auto& rec : mt.rows) {
    Row row(mt, rec, sink);
    ModeClass m{row.required("hs"), row.required("class"), row.text("note")};
    if (!m.cls.empty() && std::find(classes.begin(), classes.end(), m.cls) == classes.end())
      row.error(ErrorCode::kBadEnum,
                "class",
                fmt::format("not an allowed value (got {}, expected one of bulk, liquid, "
                            "container, perishable, hazardous)",
                            quote(m.cls)));
    data.modes.push_back(std::move(m));
  }
  data.sources.insert(data.sources.end(), {cfile, nfile, mfile});
  return ref;
}

void read_country_table(const std::string& file,
                        const char* who,
                        std::vector<CountryValue>& out,
                        int& digits,
                        const Reference& ref,
                        TradeData& data,
                        DiagnosticSink& sink) {
  Table t = read_table(
      file, {{{"year", true}, {who, true}, {"product", true}, {"value_usd", true}}}, true, sink);
  if (!t.present) return;
  data.sources.push_back(file);
  std::vector<CodeSeen> seen;
  Duplicates dup(file);
  out.reserve(t.rows.size());
  for (const auto& rec : t.rows) {
    Row row(t, rec, sink);
    auto y = row.year("year");
    auto c = country(row, who, ref);
    auto p = row.hs_code("product", false);
    auto v = row.amount("value_usd", true);
    if (p) seen.push_back({*p, row.line(), row.column("product")});
    if (!y || !c || !p || !v) continue;
    if (!dup.fresh(row, fmt::format("{},{},{}", *y, *c, *p), "product", sink)) continue;
    out.push_back({*y, *c, *p, *v});
  }
  check_codes(file, "product", seen, ref, sink);
  digits = digits_of(seen);
}

void read_flows(const std::string& file,
                const Reference& ref,
                TradeData& data,
                DiagnosticSink& sink) {
  Table t = read_table(file,
                       {{{"year", true},
                         {"exporter", true},
                         {"importer", true},
                         {"product", true},
                         {"value_usd", true},
                         {"quantity_t", false}}},
                       true,
                       sink);
  if (!t.present) return;
  data.sources.push_back(file);
  std::vector<CodeSeen> seen;
  Duplicates dup(file);
  for (const auto& rec : t.rows) {
    Row row(t, rec, sink);
    auto y = row.year("year");
    auto e = country(row, "exporter", ref);
    auto i = country(row, "importer", ref);
    auto p = row.hs_code("product", false);
    auto v = row.amount("value_usd", true);
    auto q = row.amount("quantity_t", false);
    if (p) seen.push_back({*p, row.line(), row.column("product")});
    if (!y || !e || !i || !p || !v) continue;
    if (!dup.fresh(row, fmt::format("{},{},{},{}", *y, *e, *i, *p), "product", sink)) continue;
    data.flows.push_back({*y, *e, *i, *p, *v, q ? *q : kNaN});
  }
  check_codes(file, "product", seen, ref, sink);
  data.flows_digits = digits_of(seen);
}

}  // namespace

namespace {

/// Exports and imports of every country, summed from bilateral flows.
void aggregate_flows(TradeData& data) {
  std::map<std::tuple<int, std::string, std::string>, double> ex, im;
  for (const auto& f : data.flows) {
    ex[{f.year, f.exporter, f.product}] += f.value;
    im[{f.year, f.importer, f.product}] += f.value;
  }
  data.exports.clear();
  data.imports.clear();
  for (const auto& [k, v] : ex)
    data.exports.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), v});
  for (const auto& [k, v] : im)
    data.imports.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), v});
  data.exports_digits = data.imports_digits = data.flows_digits;
}

void read_layout(const std::string& folder, TradeData& data, DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  const std::string nfile = (fs::path(folder) / "product_space_nodes.csv").string();
  Table nt = read_table(nfile, {{{"product", true}, {"x", true}, {"y", true}}}, false, sink);
  for (const auto& rec : nt.rows) {
    Row row(nt, rec, sink);
    auto x = row.number("x", true);
    auto y = row.number("y", true);
    if (x && y) data.layout.push_back({row.required("product"), *x, *y});
  }
  const std::string efile = (fs::path(folder) / "product_space_edges.csv").string();
  Table et = read_table(efile, {{{"source", true}, {"target", true}}}, false, sink);
  for (const auto& rec : et.rows) {
    Row row(et, rec, sink);
    data.edges.emplace_back(row.required("source"), row.required("target"));
  }
}

}  // namespace

TradeData load(const LoadOptions& options) {
  namespace fs = std::filesystem;
  DiagnosticSink sink;
  TradeData data;
  data.name = fs::path(options.folder).lexically_normal().filename().string();
  if (data.name.empty()) data.name = fs::path(options.folder).parent_path().filename().string();
  std::error_code ec;
  if (!fs::is_directory(options.folder, ec)) {
    sink.error(ErrorCode::kMissingFile,
               options.folder,
               0,
               0,
               "",
               fmt::format("trade data folder not found (got {}, expected a folder such as "
                           "data/trade)",
                           quote(options.folder)));
    sink.throw_if_errors();
  }
  const Reference ref = read_reference(options.folder, data, sink);
  const auto path = [&](const char* name) { return (fs::path(options.folder) / name).string(); };
  if (!options.baci_files.empty()) {
    for (const auto& f : options.baci_files) {
      const int d = read_baci(f, ref, data.flows, sink);
      data.flows_digits = data.flows_digits == 0 ? d : std::min(data.flows_digits, d);
      data.sources.push_back(f);
    }
    aggregate_flows(data);
  } else {
    read_country_table(
        path("exports.csv"), "exporter", data.exports, data.exports_digits, ref, data, sink);
    read_country_table(
        path("imports.csv"), "importer", data.imports, data.imports_digits, ref, data, sink);
  }
  if (!options.comtrade_files.empty()) {
    if (options.baci_files.empty()) data.flows.clear();
    data.flows_digits = 0;
    for (const auto& f : options.comtrade_files) {
      const int d = read_comtrade(f, ref, data.flows, sink);
      data.flows_digits = data.flows_digits == 0 ? d : std::min(data.flows_digits, d);
      data.sources.push_back(f);
    }
  } else if (options.baci_files.empty()) {
    read_flows(path("flows.csv"), ref, data, sink);
  }
  const std::string access =
      !options.access_file.empty() ? options.access_file : path("access.csv");
  if (!options.access_file.empty() || fs::exists(access, ec)) {
    read_access(access, ref, data.access, sink);
    data.sources.push_back(access);
  }
  read_layout(options.folder, data, sink);
  sink.throw_if_errors();
  data.warnings = sink.warnings();
  return data;
}

std::string summary_line(const TradeData& d) {
  std::set<std::string> exporters, products;
  std::set<int> years;
  for (const auto& r : d.exports) {
    exporters.insert(r.country);
    products.insert(r.product);
    years.insert(r.year);
  }
  std::string ys;
  for (int y : years) ys += (ys.empty() ? "" : ",") + std::to_string(y);
  return fmt::format(
      "trade data {}: {} exporters, {} products at HS{}, {} import rows, {} "
      "bilateral flows at HS{}, years {}",
      d.name,
      exporters.size(),
      products.size(),
      d.exports_digits,
      d.imports.size(),
      d.flows.size(),
      d.flows_digits,
      ys);
}

}  // namespace corridor::trade
