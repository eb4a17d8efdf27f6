// canonical_text()/fingerprint() of the trade data, hs_name(), and the renderings of a
// NichesResult: niches.json (docs/artefacts.md header, schema corridor.niches/1), the
// CSV lists and the printed summary.

#include "corridor/core/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "corridor/core/artefact.hpp"
#include "corridor/trade.hpp"

namespace corridor::trade {

namespace {

using Json = nlohmann::ordered_json;

Json num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }
std::string cell(double v) { return std::isfinite(v) ? core::num(v) : std::string(); }

template <typename T, typename Line>
void sorted_lines(std::string& out, const char* name, const std::vector<T>& rows, Line line) {
  std::vector<std::string> lines;
  lines.reserve(rows.size());
  for (const auto& r : rows) lines.push_back(line(r));
  std::sort(lines.begin(), lines.end());
  out += fmt::format("[{}] {}\n", name, lines.size());
  for (const auto& l : lines) out += l + "\n";
}

}  // namespace

std::string canonical_text(const TradeData& d) {
  std::string out = "corridor trade data v1\n";
  sorted_lines(out, "exports", d.exports, [](const CountryValue& r) {
    return fmt::format("{},{},{},{}", r.year, r.country, r.product, core::num(r.value));
  });
  sorted_lines(out, "imports", d.imports, [](const CountryValue& r) {
    return fmt::format("{},{},{},{}", r.year, r.country, r.product, core::num(r.value));
  });
  sorted_lines(out, "flows", d.flows, [](const Flow& r) {
    return fmt::format("{},{},{},{},{},{}",
                       r.year,
                       r.exporter,
                       r.importer,
                       r.product,
                       core::num(r.value),
                       cell(r.quantity_t));
  });
  sorted_lines(out, "access", d.access, [](const MarketAccess& a) {
    return fmt::format("{},{},{},{},{},{}",
                       a.exporter,
                       a.importer,
                       a.product,
                       a.tariff_pct ? core::num(*a.tariff_pct) : "",
                       a.registration_required,
                       a.registered);
  });
  sorted_lines(out, "modes", d.modes, [](const ModeClass& m) { return m.hs + "," + m.cls; });
  return out;
}

std::string fingerprint(const TradeData& d) { return "sha256:" + sha256_hex(canonical_text(d)); }

std::string hs_name(const TradeData& data, const std::string& code, core::Lang lang) {
  auto lookup = [&](const std::string& c, core::Lang l) -> const std::string* {
    const std::string level = std::to_string(c.size());
    for (const auto& n : data.names)
      if (n.level == level && n.code == c) {
        const std::string* text[] = {&n.en, &n.ru, &n.kk, &n.zh};
        return text[static_cast<int>(l)]->empty() ? nullptr : text[static_cast<int>(l)];
      }
    return nullptr;
  };
  if (const auto* own = lookup(code, lang)) return *own;
  const std::string* en = lookup(code, core::Lang::kEn);
  // The nearest parent named in the language, then the English name marked as such.
  for (std::size_t len = code.size() - 2; len >= 2 && lang != core::Lang::kEn; len -= 2)
    if (const auto* parent = lookup(code.substr(0, len), lang))
      return en ? *parent + ": " + *en + " [en]" : *parent;
  return en ? *en + (lang == core::Lang::kEn ? "" : " [en]") : code;
}

namespace {

Json product_json(const ProductScore& s, const TradeData& data) {
  Json j;
  j["rank"] = s.rank;
  j["product"] = s.product;
  j["name"] = hs_name(data, s.product, core::Lang::kEn);
  j["actual_usd"] = s.actual;
  j["quantity_t"] = num(s.quantity_t);
  j["usd_per_kg"] = num(s.quantity_t > 0 ? s.actual / s.quantity_t / 1000 : kNaN);
  j["exporter_exports_usd"] = s.exporter_exports;
  j["world_exports_usd"] = s.world_exports;
  j["market_imports_usd"] = s.market_imports;
  j["rca"] = num(s.rca);
  j["rca_symmetric"] = num(s.rca_sym);
  j["specialisation"] = num(s.specialisation);
  j["supply_share"] = s.supply;
  j["demand_usd"] = s.demand;
  j["access"] = s.access;
  j["tariff_pct"] = num(s.tariff_pct);
  j["registration_missing"] = s.registration_missing;
  j["potential_usd"] = s.potential;
  j["untapped_usd"] = s.untapped;
  j["density"] = num(s.density);
  j["distance"] = num(s.distance);
  j["pci"] = num(s.pci);
  j["cog"] = num(s.cog);
  j["mode_class"] = s.mode_class;
  j["rank_min"] = s.rank_min;
  j["rank_max"] = s.rank_max;
  j["in_list_share"] = s.in_list_share;
  j["reason"] = s.reason;
  return j;
}

Json direction_json(const DirectionResult& d, const TradeData& data, std::size_t top) {
  Json j;
  j["from"] = d.from;
  j["to"] = d.to;
  j["total_actual_usd"] = d.total_actual;
  j["from_exports_usd"] = d.from_exports;
  j["to_imports_usd"] = d.to_imports;
  j["complementarity"] = num(d.complementarity);
  j["intensity"] = num(d.intensity);
  j["ease"] = num(d.ease);
  j["eci_from"] = num(d.eci_from);
  j["coi_from"] = num(d.coi_from);
  j["products_considered"] = d.products.size();
  Json modes = Json::object();
  for (const auto& [mode, v] : d.untapped_by_mode) modes[mode] = v;
  j["untapped_by_mode_usd"] = std::move(modes);
  for (const char* list : {"grow", "diversify"}) {
    const auto& idx = std::string(list) == "grow" ? d.grow : d.diversify;
    Json a = Json::array();
    for (std::size_t r = 0; r < std::min(top, idx.size()); ++r)
      a.push_back(product_json(d.products[idx[r]], data));
    j[list + std::string("_total")] = idx.size();
    j[list] = std::move(a);
  }
  return j;
}

}  // namespace

std::string to_json(const NichesResult& r, const TradeData& data) {
  Json j = Json::object();
  write_header(j, make_header(kNichesSchema, kNichesSchemaVersion, r.data_name, "", r.fingerprint));
  j["attribution"] =
      "CEPII BACI (Gaulier & Zignago 2010), Etalab Licence Ouverte 2.0, where "
      "the data comes from BACI; see the data folder's SOURCES.md";
  j["sources"] = data.sources;
  j["years"] = r.years;
  j["hs_digits"] = r.hs_digits;
  j["countries"] = r.n_countries;
  j["products"] = r.n_products;
  std::size_t top = 0;
  for (const auto* d : {&r.forward, &r.reverse})
    for (const auto& s : d->products) top = std::max(top, static_cast<std::size_t>(s.rank));
  j["top"] = top;
  j["stability"] = {{"runs", r.stability_runs}, {"runs_described", r.stability_notes}};
  j["directions"] =
      Json::array({direction_json(r.forward, data, top), direction_json(r.reverse, data, top)});
  Json w = Json::array();
  for (const auto& d : r.warnings) w.push_back(d.to_string());
  j["warnings"] = std::move(w);
  return j.dump(2) + "\n";
}

std::string to_csv(const DirectionResult& d,
                   const std::vector<std::size_t>& rows,
                   const TradeData& data) {
  core::CsvWriter w({"rank",
                     "product",
                     "name",
                     "actual_usd",
                     "quantity_t",
                     "exporter_exports_usd",
                     "world_exports_usd",
                     "market_imports_usd",
                     "rca",
                     "rca_symmetric",
                     "specialisation",
                     "supply_share",
                     "access",
                     "potential_usd",
                     "untapped_usd",
                     "density",
                     "distance",
                     "pci",
                     "cog",
                     "mode_class",
                     "rank_min",
                     "rank_max",
                     "in_list_share",
                     "reason"});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& s = d.products[rows[r]];
    w.add_row({std::to_string(r + 1),
               s.product,
               hs_name(data, s.product, core::Lang::kEn),
               cell(s.actual),
               cell(s.quantity_t),
               cell(s.exporter_exports),
               cell(s.world_exports),
               cell(s.market_imports),
               cell(s.rca),
               cell(s.rca_sym),
               cell(s.specialisation),
               cell(s.supply),
               cell(s.access),
               cell(s.potential),
               cell(s.untapped),
               cell(s.density),
               cell(s.distance),
               cell(s.pci),
               cell(s.cog),
               s.mode_class,
               s.rank ? std::to_string(s.rank_min) : "",
               s.rank ? std::to_string(s.rank_max) : "",
               s.rank ? cell(s.in_list_share) : "",
               s.reason});
  }
  return w.str();
}

namespace {

std::string cut(std::string s, std::size_t n) {
  if (s.size() <= n) return s;
  s.resize(n);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
  return s + "~";
}

void list_table(
    std::string& out, const DirectionResult& d, const TradeData& data, bool grow, std::size_t top) {
  const auto& idx = grow ? d.grow : d.diversify;
  out += fmt::format("\n{} {} -> {} ({} products qualify; top {})\n",
                     grow ? "GROW" : "DIVERSIFY",
                     d.from,
                     d.to,
                     idx.size(),
                     std::min(top, idx.size()));
  out += fmt::format("{:>3} {:<6} {:<40} {:>12} {:>7} {:>7} {:>7}  {}\n",
                     "#",
                     "HS",
                     "product",
                     grow ? "untapped $m" : "imports $m",
                     "RCA",
                     grow ? "ease" : "density",
                     grow ? "stable" : "COG",
                     "ranks");
  for (std::size_t r = 0; r < std::min(top, idx.size()); ++r) {
    const auto& s = d.products[idx[r]];
    out += fmt::format("{:>3} {:<6} {:<40} {:>12.1f} {:>7.2f} {:>7.3f} {:>7.2f}  {}-{}\n",
                       r + 1,
                       s.product,
                       cut(hs_name(data, s.product, core::Lang::kEn), 40),
                       (grow ? s.untapped : s.market_imports) / 1e6,
                       s.rca,
                       grow ? d.ease : s.density,
                       grow ? s.in_list_share : s.cog,
                       s.rank_min,
                       s.rank_max == 0 ? std::string("out") : std::to_string(s.rank_max));
  }
}

}  // namespace

std::string to_table(const NichesResult& r, const TradeData& data) {
  std::string years;
  for (int y : r.years) years += (years.empty() ? "" : ",") + std::to_string(y);
  std::string out = fmt::format(
      "niches from {} (years {}, HS{}, {} countries, {} products; "
      "rank stability over {} runs)\n",
      r.data_name,
      years,
      r.hs_digits,
      r.n_countries,
      r.n_products,
      r.stability_runs);
  std::size_t top = 0;
  for (const auto* d : {&r.forward, &r.reverse})
    for (const auto& s : d->products) top = std::max(top, static_cast<std::size_t>(s.rank));
  for (const auto* d : {&r.forward, &r.reverse}) {
    out += fmt::format(
        "\n{} -> {}: trade US${:.2f} bn; complementarity {:.1f}; intensity "
        "{:.2f}; ease {:.3f}; ECI of {} {:.2f}\n",
        d->from,
        d->to,
        d->total_actual / 1e9,
        d->complementarity,
        d->intensity,
        d->ease,
        d->from,
        d->eci_from);
    double all = 0;
    for (const auto& [m, v] : d->untapped_by_mode) all += v;
    std::string modes;
    for (const auto& [m, v] : d->untapped_by_mode)
      modes +=
          fmt::format("{}{} {:.0f}%", modes.empty() ? "" : ", ", m, all > 0 ? 100 * v / all : 0.0);
    out += fmt::format("untapped potential US${:.2f} bn by how it travels: {}\n", all / 1e9, modes);
    list_table(out, *d, data, true, top);
    list_table(out, *d, data, false, top);
  }
  return out;
}

}  // namespace corridor::trade
