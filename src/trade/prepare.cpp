// prepare(): aggregation to the HS level (codes truncated to 2, 4 or 6 digits) and the
// mean over the years asked. O(rows of the tables + countries × products).

#include "prepare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace corridor::trade {

namespace {

void check_years(const std::string& table,
                 const std::set<int>& have,
                 const std::vector<int>& want,
                 DiagnosticSink& sink) {
  for (int y : want)
    if (have.count(y) == 0U) {
      std::string list;
      for (int h : have) list += (list.empty() ? "" : ", ") + std::to_string(h);
      sink.error(ErrorCode::kYearNotInData,
                 "",
                 0,
                 0,
                 "--years",
                 fmt::format("the {} table has no rows for {} (got {}, expected one of {})",
                             table,
                             y,
                             y,
                             list.empty() ? "none" : list));
    }
}

template <typename Rows, typename Year>
std::set<int> years_of(const Rows& rows, Year year) {
  std::set<int> out;
  for (const auto& r : rows) out.insert(year(r));
  return out;
}

/// The years asked (default: every year of the exports), sorted; E709 for a year a table
/// lacks, E708 for a level finer than a table's codes.
std::vector<int> checked_years(const TradeData& data,
                               const std::vector<int>& years_in,
                               int digits) {
  DiagnosticSink sink;
  std::vector<int> years;
  const auto yr = [](const auto& r) { return r.year; };
  const std::set<int> ex_years = years_of(data.exports, yr);
  years = years_in.empty() ? std::vector<int>(ex_years.begin(), ex_years.end()) : years_in;
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  check_years("exports", ex_years, years, sink);
  check_years("imports", years_of(data.imports, yr), years, sink);
  check_years("flows", years_of(data.flows, yr), years, sink);
  const std::pair<const char*, int> detail[] = {{"exports", data.exports_digits},
                                                {"imports", data.imports_digits},
                                                {"flows", data.flows_digits}};
  for (const auto& [table, d] : detail)
    if (d < digits)
      sink.error(ErrorCode::kHsLevelUnavailable,
                 "",
                 0,
                 0,
                 "--hs",
                 fmt::format("the {} table has HS codes of {} digits only (got --hs {}, "
                             "expected {} or less, or data with finer codes such as a BACI "
                             "file)",
                             table,
                             d,
                             digits,
                             d));
  sink.throw_if_errors();
  return years;
}

}  // namespace

Prepared prepare(const TradeData& data, const std::vector<int>& years_in, int digits) {
  Prepared p;
  p.digits = digits;
  p.years = checked_years(data, years_in, digits);
  const std::set<int> want(p.years.begin(), p.years.end());
  const double n = static_cast<double>(p.years.size());
  auto pid = [&](const std::string& code) {
    auto [it, fresh] = p.product_index.emplace(code.substr(0, digits), p.product_index.size());
    if (fresh) p.exports.products.push_back(it->first);
    return it->second;
  };
  std::vector<std::tuple<std::size_t, std::size_t, double>> cells;
  for (const auto& r : data.exports) {
    if (want.count(r.year) == 0U) continue;
    auto [it, fresh] = p.country_index.emplace(r.country, p.country_index.size());
    if (fresh) p.exports.countries.push_back(r.country);
    cells.emplace_back(it->second, pid(r.product), r.value / n);
  }
  for (const auto& r : data.imports) pid(r.product);
  for (const auto& r : data.flows) pid(r.product);
  const std::size_t np = p.exports.products.size();
  p.exports.x.assign(p.exports.countries.size() * np, 0.0);
  for (const auto& [c, k, v] : cells) p.exports.x[c * np + k] += v;
  for (const auto& r : data.imports) {
    if (want.count(r.year) == 0U) continue;
    auto& v = p.imports[r.country];
    v.resize(np, 0.0);
    v[pid(r.product)] += r.value / n;
  }
  for (const auto& f : data.flows) {
    if (want.count(f.year) == 0U) continue;
    const auto key = std::make_pair(f.exporter, f.importer);
    auto& v = p.flows[key];
    auto& q = p.tonnes[key];
    v.resize(np, 0.0);
    q.resize(np, 0.0);
    v[pid(f.product)] += f.value / n;
    q[pid(f.product)] += std::isfinite(f.quantity_t) ? f.quantity_t / n : kNaN;
  }
  return p;
}

}  // namespace corridor::trade
