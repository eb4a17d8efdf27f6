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

Json corridor_json(const CorridorFit& c,
                   const DirectionResult& d,
                   const TradeData& data,
                   std::size_t top) {
  Json j;
  j["scenario"] = c.scenario;
  j["variant"] = c.variant;
  j["scenario_fingerprint"] = c.scenario_fingerprint;
  j["plan"] = c.plan;
  j["from"] = c.from;
  j["to"] = c.to;
  j["destination"] = c.destination;
  j["destination_name"] = c.destination_name;
  j["days_per_year"] = c.days_per_year;
  Json a = Json::array();
  for (const auto& s : c.assumptions)
    a.push_back({{"name", s.name}, {"value", s.value}, {"unit", s.unit}, {"source", s.source}});
  j["assumptions"] = std::move(a);
  Json xs = Json::array();
  for (const auto& x : c.crossings) {
    Json o;
    o["crossing"] = x.crossing;
    o["name"] = x.name;
    o["mode"] = x.mode;
    o["unit"] = x.unit;
    o["capacity_units_per_day"] = x.capacity_units_per_day;
    o["plan_westbound_units_per_day"] = x.plan_units_per_day;
    o["other_westbound_units_per_day"] = x.other_units_per_day;
    o["westbound_units_per_day"] = x.westbound_units_per_day;
    o["eastbound_loaded_share"] = x.loaded_share;
    o["spare_eastbound_units_per_day"] = x.spare_units_per_day;
    o["payload_t"] = x.payload_t;
    o["spare_eastbound_t_per_day"] = x.spare_t_per_day;
    o["reachable"] = x.reachable;
    o["hours_to_destination"] = num(x.hours);
    o["cost_per_unit_to_destination"] = num(x.cost_per_unit);
    o["cost_per_t_to_destination"] = num(x.cost_per_t);
    o["route"] = x.route;
    xs.push_back(std::move(o));
  }
  j["crossings"] = std::move(xs);
  j["spare_eastbound"] = {{"rail_units_per_day", c.spare_units_rail},
                          {"road_units_per_day", c.spare_units_road},
                          {"t_per_day", c.spare_t_per_day},
                          {"t_per_year", c.spare_t_per_day * c.days_per_year}};
  j["niches_total"] = c.niches.size();
  j["niches_other_modes"] = {{"count", c.candidates_other_modes},
                             {"untapped_usd", c.untapped_other_modes_usd}};
  Json ns = Json::array();  // the first `top`; corridor_niches.csv holds them all
  for (std::size_t i = 0; i < std::min(top, c.niches.size()); ++i) {
    const auto& n = c.niches[i];
    const auto& p = d.products[n.product];
    Json o;
    o["rank"] = i + 1;
    o["product"] = p.product;
    o["name"] = hs_name(data, p.product, core::Lang::kEn);
    o["list"] = n.list;
    o["untapped_usd"] = n.untapped_usd;
    o["usd_per_kg"] = num(n.usd_per_kg);
    o["t_per_day"] = num(n.t_per_day);
    o["containers_per_day"] = num(n.units_per_day);
    o["fit_share"] = num(n.fit_share);
    o["fitted_usd"] = n.fitted_usd;
    o["break_even_usd_per_kg"] = num(n.break_even_usd_per_kg);
    o["cumulative_untapped_usd"] = n.cumulative_usd;
    o["cumulative_break_even_usd_per_kg"] = num(n.cumulative_break_even_usd_per_kg);
    o["crossing"] = n.crossing;
    o["cost_per_t_to_destination"] = num(n.cost_per_t);
    o["cost_share_of_value"] = num(n.cost_share_of_value);
    ns.push_back(std::move(o));
  }
  j["niches"] = std::move(ns);
  return j;
}

const DirectionResult& corridor_direction(const NichesResult& r) {
  return r.corridor && r.reverse.from == r.corridor->from ? r.reverse : r.forward;
}

}  // namespace

std::string corridor_crossings_csv(const CorridorFit& c) {
  core::CsvWriter w({"crossing",
                     "name",
                     "mode",
                     "unit",
                     "capacity_units_per_day",
                     "plan_westbound_units_per_day",
                     "other_westbound_units_per_day",
                     "westbound_units_per_day",
                     "eastbound_loaded_share",
                     "spare_eastbound_units_per_day",
                     "payload_t",
                     "spare_eastbound_t_per_day",
                     "hours_to_destination",
                     "cost_per_unit_to_destination",
                     "cost_per_t_to_destination",
                     "route"});
  for (const auto& x : c.crossings) {
    std::string route;
    for (const auto& n : x.route) route += (route.empty() ? "" : " > ") + n;
    w.add_row({x.crossing,
               x.name,
               x.mode,
               x.unit,
               cell(x.capacity_units_per_day),
               cell(x.plan_units_per_day),
               cell(x.other_units_per_day),
               cell(x.westbound_units_per_day),
               cell(x.loaded_share),
               cell(x.spare_units_per_day),
               cell(x.payload_t),
               cell(x.spare_t_per_day),
               cell(x.hours),
               cell(x.cost_per_unit),
               cell(x.cost_per_t),
               route});
  }
  return w.str();
}

std::string corridor_niches_csv(const CorridorFit& c,
                                const DirectionResult& d,
                                const TradeData& data) {
  core::CsvWriter w({"rank",
                     "product",
                     "name",
                     "list",
                     "untapped_usd",
                     "usd_per_kg",
                     "t_per_day",
                     "containers_per_day",
                     "fit_share",
                     "fitted_usd",
                     "break_even_usd_per_kg",
                     "cumulative_untapped_usd",
                     "cumulative_break_even_usd_per_kg",
                     "crossing",
                     "cost_per_t_to_destination",
                     "cost_share_of_value"});
  for (std::size_t i = 0; i < c.niches.size(); ++i) {
    const auto& n = c.niches[i];
    const auto& p = d.products[n.product];
    w.add_row({std::to_string(i + 1),
               p.product,
               hs_name(data, p.product, core::Lang::kEn),
               n.list,
               cell(n.untapped_usd),
               cell(n.usd_per_kg),
               cell(n.t_per_day),
               cell(n.units_per_day),
               cell(n.fit_share),
               cell(n.fitted_usd),
               cell(n.break_even_usd_per_kg),
               cell(n.cumulative_usd),
               cell(n.cumulative_break_even_usd_per_kg),
               n.crossing,
               cell(n.cost_per_t),
               cell(n.cost_share_of_value)});
  }
  return w.str();
}

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
  j["corridor"] =
      r.corridor ? corridor_json(*r.corridor, corridor_direction(r), data, top) : Json(nullptr);
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

void corridor_table(std::string& out,
                    const CorridorFit& c,
                    const DirectionResult& d,
                    const TradeData& data,
                    std::size_t top) {
  out += fmt::format("\nWHAT THE CORRIDOR CAN CARRY {} -> {} (scenario {}{}, plan {}; to {})\n",
                     c.from,
                     c.to,
                     c.scenario,
                     c.variant.empty() ? "" : " variant " + c.variant,
                     c.plan,
                     c.destination_name);
  out += fmt::format("{:<18} {:<5} {:>9} {:>9} {:>7} {:>9} {:>9} {:>7} {:>9}\n",
                     "crossing",
                     "mode",
                     "west u/d",
                     "of plan",
                     "loaded",
                     "spare u/d",
                     "spare t/d",
                     "hours",
                     "cost/t");
  for (const auto& x : c.crossings)
    out +=
        fmt::format("{:<18} {:<5} {:>9.1f} {:>9.2f} {:>7.2f} {:>9.1f} {:>9.0f} {:>7.1f} {:>9.1f}\n",
                    x.crossing,
                    x.mode,
                    x.westbound_units_per_day,
                    x.plan_units_per_day,
                    x.loaded_share,
                    x.spare_units_per_day,
                    x.spare_t_per_day,
                    x.hours,
                    x.cost_per_t);
  out += fmt::format(
      "spare eastbound: {:.0f} containers + {:.0f} trucks a day = {:.0f} t/day ({:.2f} Mt/yr)\n",
      c.spare_units_rail,
      c.spare_units_road,
      c.spare_t_per_day,
      c.spare_t_per_day * c.days_per_year / 1e6);
  out +=
      fmt::format("containerisable niches: {} (not containerisable: {}, US${:.2f} bn untapped)\n",
                  c.niches.size(),
                  c.candidates_other_modes,
                  c.untapped_other_modes_usd / 1e9);
  out += fmt::format("{:>3} {:<6} {:<40} {:>9} {:>9} {:>7} {:>9} {:>10}\n",
                     "#",
                     "HS",
                     "product",
                     "list",
                     "fits $m",
                     "$/kg",
                     "cum $m",
                     "cum >=$/kg");
  for (std::size_t i = 0; i < std::min(top, c.niches.size()); ++i) {
    const auto& n = c.niches[i];
    const auto& p = d.products[n.product];
    out += fmt::format("{:>3} {:<6} {:<40} {:>9} {:>9.1f} {:>7} {:>9.1f} {:>10.3f}\n",
                       i + 1,
                       p.product,
                       cut(hs_name(data, p.product, core::Lang::kEn), 40),
                       n.list,
                       n.fitted_usd / 1e6,
                       std::isfinite(n.usd_per_kg) ? fmt::format("{:.2f}", n.usd_per_kg) : "?",
                       n.cumulative_usd / 1e6,
                       n.cumulative_break_even_usd_per_kg);
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
  if (r.corridor) corridor_table(out, *r.corridor, corridor_direction(r), data, top);
  return out;
}

}  // namespace corridor::trade
