// Server-side rendering of the report: KPI cards, bars and tables are written into the
// HTML here so the page reads without JS; the page's JS (assets/report.js) draws the
// map and charts from the embedded JSON. Every figure comes from the Plan, from
// page_data.cpp / kpis.cpp or from the typed sim::SimResult; this file only formats.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "alternatives.hpp"
#include "assets.hpp"
#include "corridor/design.hpp"
#include "corridor/report.hpp"
#include "corridor/sim.hpp"
#include "format.hpp"
#include "page_data.hpp"
#include "phrases.hpp"

namespace corridor::report {
namespace {

constexpr const char* kDash = "\u2014";
// A zone is late when its mean delivery exceeds the promise by more than this (days),
// the tolerance design uses for ZoneResult::late, so rounding never makes one late.
constexpr double kLateEpsDays = 1e-9;

struct Ctx {
  const scenario::Scenario& scenario;
  std::string currency;
  core::Lang lang;
  std::unordered_map<std::string, const scenario::Node*> nodes;
  std::unordered_map<std::string, const scenario::Crossing*> crossings;
  std::unordered_map<std::string, std::string> site_node, zone_node;

  Ctx(const scenario::Scenario& s, std::string cur, core::Lang l)
      : scenario(s), currency(std::move(cur)), lang(l) {
    for (const auto& n : s.nodes) nodes[n.id] = &n;
    for (const auto& c : s.crossings) crossings[c.id] = &c;
    for (const auto& w : s.sites) site_node[w.id] = w.node;
    for (const auto& z : s.zones) zone_node[z.id] = z.node;
  }
  // The label `key` in the page's language (phrases.cpp).
  [[nodiscard]] std::string t(std::string_view key) const {
    return std::string(report_phrasebook().get(key, lang));
  }
  // A template label with its "{}" filled in order.
  template <typename... Args>
  [[nodiscard]] std::string f(std::string_view key, const Args&... args) const {
    return fmt::format(fmt::runtime(report_phrasebook().get(key, lang)), args...);
  }
  // A scenario word (mode, status) in the page's language; itself when the table lacks it.
  [[nodiscard]] std::string word(std::string_view prefix, const std::string& w) const {
    std::string key = std::string(prefix) + w;
    return report_phrasebook().has(key) ? t(key) : w;
  }
  [[nodiscard]] const scenario::Node* node(const std::string& id) const {
    auto it = nodes.find(id);
    return it == nodes.end() ? nullptr : it->second;
  }
};

// "Almaty <span class=local>Алматы</span>": the Latin name, then the local names.
std::string named(const std::string& name, const std::string& local) {
  std::string out = html_escape(name);
  if (!local.empty() && local != name) {
    out += fmt::format(" <span class=\"local\">{}</span>", html_escape(local));
  }
  return out;
}

std::string node_named(const Ctx& c, const std::string& node_id, const std::string& fallback) {
  const scenario::Node* n = c.node(node_id);
  if (n == nullptr) return html_escape(fallback.empty() ? node_id : fallback);
  return named(fallback.empty() ? n->name : fallback, n->name_local);
}

std::string crossing_named(const Ctx& c, const std::string& id, const std::string& name) {
  auto it = c.crossings.find(id);
  if (it == c.crossings.end()) return html_escape(name.empty() ? id : name);
  std::string local;
  for (const auto& nid : {it->second->kz_node, it->second->cn_node}) {
    const scenario::Node* n = c.node(nid);
    if (n == nullptr || n->name_local.empty()) continue;
    if (!local.empty()) local += " / ";
    local += n->name_local;
  }
  return named(name.empty() ? it->second->name : name, local);
}

std::string reason_text(const Ctx& c, const std::string& r) {
  static const std::map<std::string, std::string_view> kKey{{"no_path_within_promise", "r_no_path"},
                                                            {"crossing_capacity", "r_crossing"},
                                                            {"site_capacity", "r_site"},
                                                            {"hub_supply", "r_hub"},
                                                            {"link_capacity", "r_link"},
                                                            {"cost_above_penalty", "r_penalty"}};
  auto it = kKey.find(r);
  return it == kKey.end() ? r : c.t(it->second);
}

std::string status_text(const Ctx& c, const std::string& s) { return c.word("status_", s); }

std::string kpi_card(const std::string& key,
                     double value,
                     const std::string& label,
                     const std::string& text,
                     const std::string& sub,
                     const std::string& tone = {}) {
  // The figure itself never wraps; a unit after it (<small>) may go to the next line.
  std::size_t unit = text.find(" <small>");
  std::string shown = "<span class=\"v\">" + text.substr(0, unit) + "</span>" +
                      (unit == std::string::npos ? "" : text.substr(unit));
  return fmt::format(
      "<div class=\"kpi{}\" data-kpi=\"{}\" data-value=\"{}\"><div class=\"kpi-label\">{}</div>"
      "<div class=\"kpi-value\">{}</div><div class=\"kpi-sub\">{}</div></div>\n",
      tone.empty() ? "" : " " + tone,
      key,
      exact(value),
      label,
      shown,
      sub);
}

// "4.10 ± 0.03": a simulated figure as its mean across replications ± the 95 % CI
// half-width (the CI is left out when it is 0: one replication).
std::string stat_text(const sim::Stat& s, int decimals, double scale = 1.0) {
  std::string t = fmt_num(scale * s.mean, decimals);
  if (s.ci95 > 0.0) t += " \u00b1 " + fmt_num(scale * s.ci95, decimals);
  return t;
}

// `sim`, when given, is the simulation of this plan: its p95 of parcels goes beside the
// planned figure, each labelled as what it is.
std::string kpi_cards(const Ctx& c,
                      const design::Plan& p,
                      const Kpis& k,
                      const sim::SimResult* sim) {
  const std::string& cur = c.currency;
  std::string h = "<div class=\"kpis\">\n";
  h += kpi_card(
      "total_cost",
      k.total_cost_per_year,
      c.t("kpi_total"),
      html_escape(fmt_money_compact(k.total_cost_per_year, cur)),
      p.costs.unmet_penalty > 0.0
          ? html_escape(c.f("kpi_total_penalty", fmt_money_compact(p.costs.unmet_penalty, cur)))
          : c.t("kpi_total_sub"));
  h += kpi_card("cost_per_parcel",
                k.cost_per_parcel,
                c.t("kpi_cpp"),
                html_escape(fmt_money_unit(k.cost_per_parcel, cur)),
                c.t("kpi_cpp_sub"));
  h += kpi_card(
      "delivered",
      k.delivered_per_day,
      c.t("kpi_delivered"),
      html_escape(fmt_int(k.delivered_per_day)) + " <small>" + c.t("parcels_day") + "</small>",
      html_escape(c.f("kpi_of_demanded", fmt_int(k.demand_per_day))));
  h += kpi_card("mean_delivery_days",
                k.mean_delivery_days,
                c.t("kpi_mean"),
                html_escape(fmt_days(k.mean_delivery_days)),
                c.t("kpi_mean_sub"));
  h += kpi_card("planned_p95_zone_days",
                k.planned_p95_zone_days,
                c.t("kpi_p95"),
                html_escape(fmt_days(k.planned_p95_zone_days)),
                c.t("kpi_p95_sub"));
  if (sim != nullptr) {
    const sim::Stat& p95 = sim->overall.p95_days;
    std::string runs =
        c.f(sim->replications == 1 ? "replication_one" : "replication_many", sim->replications);
    std::string sub = c.t("kpi_sim_p95_sub") + "; " +
                      (p95.ci95 > 0.0 ? "\u00b1 " + fmt_num(p95.ci95, 2) + " " + c.t("unit_d") +
                                            " (" + c.t("ci95") + ", " + runs + ")"
                                      : "(" + runs + ")");
    h += kpi_card("simulated_p95_days",
                  p95.mean,
                  c.t("kpi_sim_p95"),
                  html_escape(fmt_num(p95.mean, 2)) + " <small>" + c.t("unit_d") + "</small>",
                  html_escape(sub));
  }
  h += kpi_card("within_promise",
                k.within_promise_share,
                c.t("kpi_promise_plan"),
                html_escape(fmt_pct(k.within_promise_share)),
                html_escape(c.t("kpi_promise_plan_sub")),
                k.within_promise_share < 0.999 ? "warn" : "");
  if (sim != nullptr) {
    // The plan's promise as the simulation kept it: parcels delivered within their
    // zone's promise, queues, closures and stock-outs included.
    const sim::Stat& on_time = sim->overall.on_time_share;
    std::string sub = c.t("kpi_promise_sim_sub");
    if (on_time.ci95 > 0.0) sub += "; \u00b1 " + fmt_pct(on_time.ci95) + " (" + c.t("ci95") + ")";
    h += kpi_card("simulated_on_time",
                  on_time.mean,
                  c.t("kpi_promise_sim"),
                  html_escape(fmt_pct(on_time.mean)),
                  html_escape(sub),
                  on_time.mean < 0.95    ? "bad"
                  : on_time.mean < 0.999 ? "warn"
                                         : "");
  }
  h += kpi_card("gap",
                k.gap,
                c.t("kpi_status"),
                html_escape(status_text(c, k.status)),
                html_escape(c.f("kpi_status_sub",
                                fmt_pct(k.gap, 2),
                                fmt_num(p.solve_seconds, 1),
                                fmt_int(static_cast<double>(p.nodes)))),
                k.status == "optimal" ? "" : "warn");
  h +=
      kpi_card("unmet",
               k.unmet_per_day,
               c.t("kpi_unmet"),
               html_escape(fmt_int(k.unmet_per_day)) + " <small>" + c.t("parcels_day") + "</small>",
               html_escape(c.f("kpi_of_demand", fmt_pct(k.unmet_share))),
               k.unmet_per_day > 0.0 ? "bad" : "");
  h += "</div>\n";
  return h;
}

// A horizontal bar list; widths are shares of the largest value (presentation only).
std::string bars(const std::vector<std::pair<std::string, double>>& rows,
                 const std::string& unit_suffix,
                 const std::function<std::string(double)>& fmt_value) {
  double max = 0.0;
  for (const auto& r : rows) max = std::max(max, r.second);
  std::string h = "<div class=\"bars\">\n";
  for (const auto& [label, v] : rows) {
    double w = max > 0.0 ? 100.0 * v / max : 0.0;
    h += fmt::format(
        "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"bar-track\">"
        "<span class=\"bar\" style=\"width:{:.1f}%\"></span></span><span class=\"bar-value\">{}{}"
        "</span></div>\n",
        label,
        w,
        html_escape(fmt_value(v)),
        unit_suffix);
  }
  h += "</div>\n";
  return h;
}

std::string side_panel(const Ctx& c, const design::Plan& p) {
  const auto& k = p.costs;
  auto money = [&](double v) { return fmt_money_compact(v, c.currency); };
  std::string h = "<h3>" + c.t("side_cost") + "</h3>\n";
  h += bars({{c.t("cost_fixed"), k.fixed},
             {c.t("cost_cn"), k.cn_linehaul},
             {c.t("cost_crossing"), k.crossing},
             {c.t("cost_kz"), k.kz_linehaul},
             {c.t("cost_handling"), k.handling},
             {c.t("cost_last_mile"), k.last_mile},
             {c.t("cost_direct"), k.direct},
             {c.t("cost_penalty"), k.unmet_penalty}},
            "",
            money);
  h += "<h3>" + c.t("side_modes") + "</h3>\n";
  std::vector<std::pair<std::string, double>> modes;
  for (const auto& m : crossing_flow_by_mode(p)) {
    modes.push_back({fmt::format("<span class=\"swatch {}\"></span>{} ({})",
                                 m.mode,
                                 c.t(m.mode == "rail" ? "mode_rail_cap" : "mode_road_cap"),
                                 fmt_pct(m.share, 0)),
                     m.parcels_per_day});
  }
  h += bars(modes, "", [&c](double v) { return c.f("per_day_suffix", fmt_int(v)); });
  h += "<h3>" + c.t("side_util") + "</h3>\n";
  std::vector<std::pair<std::string, double>> util;
  for (const auto& x : p.crossings) {
    if (!x.usable) continue;
    util.push_back(
        {html_escape(x.name) + " <small>" + html_escape(c.word("mode_", x.mode)) + "</small>",
         x.utilisation});
  }
  h += bars(util, "", [](double v) { return fmt_pct(v, 0); });
  return h;
}

std::string table_warehouses(const Ctx& c, const design::Plan& p) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"warehouses\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th>{}</th><th class=\"num\">{}<br><small>{}</small></th>"
      "<th class=\"num\">{}<br><small>{}</small></th><th class=\"num\">{}"
      "</th><th class=\"num\">{}<br><small>{}</small></th><th class=\"num\">{}"
      "<br><small>{}</small></th><th>{}</th></tr></thead><tbody>\n",
      c.t("tbl_warehouses"),
      c.t("col_site"),
      c.t("col_size"),
      c.t("col_capacity"),
      c.t("parcels_day"),
      c.t("col_throughput"),
      c.t("parcels_day"),
      c.t("col_util"),
      c.t("col_fixed"),
      c.t("per_year"),
      c.t("col_handling"),
      c.t("per_parcel"),
      c.t("col_zones_served"));
  for (const auto& w : p.warehouses) {
    std::string zones;
    for (const auto& z : w.zones) {
      auto it = c.zone_node.find(z);
      const scenario::Node* n = it == c.zone_node.end() ? nullptr : c.node(it->second);
      if (!zones.empty()) zones += ", ";
      zones += html_escape(n != nullptr ? n->name : z);
    }
    h += fmt::format(
        "<tr data-site=\"{}\"><td>{}{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td>{}</td>"
        "</tr>\n",
        html_escape(w.site),
        node_named(c, w.node, w.name),
        w.existing ? " <span class=\"tag\">" + c.t("existing") + "</span>" : "",
        html_escape(w.size),
        fmt_int(w.capacity_per_day),
        fmt_int(w.throughput_per_day),
        fmt_pct(w.utilisation, 0),
        html_escape(fmt_money(w.fixed_cost_per_year, c.currency)),
        html_escape(fmt_money_unit(w.handling_cost_per_parcel, c.currency)),
        zones.empty() ? kDash : zones);
  }
  if (p.warehouses.empty()) h += "<tr><td colspan=\"8\">" + c.t("no_warehouse") + "</td></tr>\n";
  h += "</tbody></table>\n";
  return h;
}

std::string table_crossings(const Ctx& c, const design::Plan& p) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"crossings\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}<br><small>{}"
      "</small></th><th class=\"num\">{}<br><small>{}</small></th><th class=\"num\">{}"
      "<br><small>{}</small></th><th class=\"num\">{}</th><th class=\"num\">{}"
      "<br><small>{}</small></th></tr></thead><tbody>\n",
      c.t("tbl_crossings"),
      c.t("col_crossing"),
      c.t("col_mode"),
      c.t("col_status"),
      c.t("col_capacity"),
      c.t("parcels_day"),
      c.t("col_flow"),
      c.t("parcels_day"),
      c.t("col_units"),
      c.t("per_day"),
      c.t("col_util"),
      c.t("col_shadow"),
      html_escape(c.f("shadow_unit", c.currency)));
  for (const auto& x : p.crossings) {
    std::string status = html_escape(c.word("st_", x.status));
    auto it = c.crossings.find(x.crossing);
    if (it != c.crossings.end() && it->second->opening_year > 0 && x.status == "planned") {
      status += fmt::format(" ({})", it->second->opening_year);
    }
    if (!x.usable) status += " <span class=\"tag\">" + c.t("not_usable") + "</span>";
    std::string unit = c.t(x.mode == "rail" ? "containers" : "trucks");
    h += fmt::format(
        "<tr data-crossing=\"{}\"><td>{}</td><td><span class=\"swatch "
        "{}\"></span>{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} <small>{}</small>"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(x.crossing),
        crossing_named(c, x.crossing, x.name),
        html_escape(x.mode),
        html_escape(c.word("mode_", x.mode)),
        status,
        fmt_int(x.capacity_parcels_per_day),
        fmt_int(x.flow_parcels_per_day),
        fmt_num(x.flow_units_per_day, 1),
        unit,
        x.usable ? fmt_pct(x.utilisation, 0) : kDash,
        x.shadow_price_per_unit_day > 0.0
            ? html_escape(fmt_money(x.shadow_price_per_unit_day, c.currency))
            : std::string("0"));
  }
  h += "</tbody></table>\n";
  return h;
}

std::string table_zones(const Ctx& c, const design::Plan& p) {
  std::unordered_map<std::string, std::string> site_name;
  for (const auto& w : p.warehouses) site_name[w.site] = w.name;
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"zones\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th class=\"num\">{}<br><small>{}</small></th><th>{}</th>"
      "<th>{}</th><th class=\"num\">{}<br><small>{}</small></th><th class=\"num\">"
      "{}<br><small>{}</small></th><th class=\"num\">{}<br><small>{}</small></th>"
      "<th class=\"num\">{}<br><small>{}</small></th></tr></thead><tbody>\n",
      c.t("tbl_zones"),
      c.t("col_zone"),
      c.t("col_demand"),
      c.t("parcels_day"),
      c.t("col_served_from"),
      c.t("col_channel"),
      c.t("col_cost"),
      c.t("per_parcel"),
      c.t("col_delivery"),
      c.t("days"),
      c.t("col_promise"),
      c.t("days"),
      c.t("col_unmet"),
      c.t("parcels_day"));
  for (const auto& z : p.zones) {
    double delivered = z.stocked_per_day + z.direct_per_day;
    std::string channel;
    if (delivered <= 0.0) {
      channel = kDash;
    } else if (z.direct_per_day <= 0.0) {
      channel = c.t("ch_stocked");
    } else if (z.stocked_per_day <= 0.0) {
      channel = c.t("ch_direct");
    } else {
      channel = c.f("ch_mixed", fmt_pct(z.stocked_per_day / delivered, 0));
    }
    std::string from = kDash;
    if (!z.main_site.empty()) {
      auto it = site_name.find(z.main_site);
      from = html_escape(it != site_name.end() ? it->second : z.main_site);
    } else if (z.direct_per_day > 0.0) {
      from = c.t("direct_from_xj");
    }
    bool late = delivered > 0.0 && z.delivery_days > z.promise_days + kLateEpsDays;
    h += fmt::format(
        "<tr data-zone=\"{}\"{}><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        html_escape(z.zone),
        late ? " class=\"late\"" : "",
        node_named(c, z.node, z.name),
        fmt_int(z.demand_per_day),
        from,
        channel,
        delivered > 0.0 ? html_escape(fmt_money_unit(z.cost_per_parcel, c.currency)) : kDash,
        delivered > 0.0 ? fmt_num(z.delivery_days, 1) : kDash,
        fmt_num(z.promise_days, 1),
        z.unmet_per_day > 0.0 ? fmt_int(z.unmet_per_day) : "0");
  }
  h += "</tbody></table>\n";
  return h;
}

std::string table_unmet(const Ctx& c, const design::Plan& p) {
  std::unordered_map<std::string, std::string> site_name;
  for (const auto& w : c.scenario.sites) {
    const scenario::Node* n = c.node(w.node);
    site_name[w.id] = n != nullptr ? n->name : w.id;
  }
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"unmet\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th><th>{}"
      "</th></tr></thead><tbody>\n",
      c.t("tbl_unmet"),
      c.t("col_zone"),
      c.t("col_part"),
      c.t("col_parcels_day"),
      c.t("col_reason"),
      c.t("col_binding"));
  for (const auto& u : p.unmet) {
    auto it = c.zone_node.find(u.zone);
    std::string name =
        it == c.zone_node.end() ? html_escape(u.zone) : node_named(c, it->second, "");
    // The binding resource by its name where the scenario knows it.
    std::string binding = u.binding;
    if (auto x = c.crossings.find(u.binding); x != c.crossings.end()) binding = x->second->name;
    if (auto w = site_name.find(u.binding); w != site_name.end()) binding = w->second;
    h += fmt::format(
        "<tr data-zone=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}"
        "</td></tr>\n",
        html_escape(u.zone),
        name,
        html_escape(u.part.empty() || u.part == "any" ? c.t("part_all") : u.part),
        fmt_int(u.parcels_per_day),
        html_escape(reason_text(c, u.reason)),
        binding.empty() ? kDash : html_escape(binding));
  }
  if (p.unmet.empty()) h += "<tr><td colspan=\"5\">" + c.t("all_served") + "</td></tr>\n";
  h += "</tbody></table>\n";
  return h;
}

std::string mode_label(const Ctx& c, const std::string& m) {
  if (m == "direct") return c.t("mode_direct_leg");
  return c.word("mode_", m);
}

std::string table_segments(const Ctx& c, const design::Plan& p) {
  std::string h = fmt::format(
      "<details><summary>{}</summary><table class=\"data\" "
      "data-table=\"segments\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">"
      "{}<br><small>{}</small></th><th class=\"num\">{}<br><small>{}"
      "</small></th></tr></thead><tbody>\n",
      c.t("tbl_segments"),
      c.t("col_from"),
      c.t("col_to"),
      c.t("col_mode"),
      c.t("col_stocked"),
      c.t("parcels_day"),
      c.t("col_direct"),
      c.t("parcels_day"));
  for (const auto& g : flow_segments(c.scenario, p)) {
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><span class=\"swatch {}\"></span>{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td></tr>\n",
        node_named(c, g.from, ""),
        node_named(c, g.to, ""),
        g.mode,
        html_escape(mode_label(c, g.mode)),
        fmt_int(g.stocked_per_day),
        fmt_int(g.direct_per_day));
  }
  h += "</tbody></table></details>\n";
  return h;
}

// "+112.4 M USD", "−924,696 USD": a signed change of money in compact form.
std::string fmt_delta_money(double v, const std::string& cur) {
  std::string body = fmt_money_compact(std::abs(v), cur);
  if (fmt_delta(v, 0) == "0") return "0 " + cur;
  return (v > 0 ? "+" : "\u2212") + body;
}

// CSS class of a change: coloured only when it shows as one after rounding.
const char* change_class(double d, int decimals = 0) {
  std::string t = fmt_delta(d, decimals);
  return t[0] == '+' ? "up" : (t[0] >= '0' && t[0] <= '9') ? "" : "down";
}

// The base's KPIs: the first row of the deltas table, without changes.
std::string base_kpi_row(const Ctx& c, const Kpis& b) {
  const std::string& cur = c.currency;
  return fmt::format(
      "<tr class=\"base\"><td>{}</td><td class=\"num\">{}</td><td></td><td "
      "class=\"num\">{}</td>"
      "<td></td><td class=\"num\">{}</td><td></td><td class=\"num\">{}</td><td></td>"
      "<td class=\"num\">{}</td><td></td></tr>\n",
      c.t("base"),
      html_escape(fmt_money_compact(b.total_cost_per_year, cur)),
      html_escape(fmt_money_unit(b.cost_per_parcel, cur)),
      fmt_days(b.mean_delivery_days),
      fmt_days(b.planned_p95_zone_days),
      fmt_int(b.unmet_per_day));
}

// A variant's KPIs, each beside its change from the base.
std::string variant_kpi_row(const PlanDelta& d, const std::string& cur) {
  const Kpis& b = d.base;
  const Kpis& v = d.variant;
  double dc = v.total_cost_per_year - b.total_cost_per_year;
  double dp = v.cost_per_parcel - b.cost_per_parcel;
  double dm = v.mean_delivery_days - b.mean_delivery_days;
  double d95 = v.planned_p95_zone_days - b.planned_p95_zone_days;
  double du = v.unmet_per_day - b.unmet_per_day;
  return fmt::format(
      "<tr data-delta=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num {}\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num {}\">{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num {}\">{}</td></tr>\n",
      html_escape(d.label),
      html_escape(d.label),
      html_escape(fmt_money_compact(v.total_cost_per_year, cur)),
      change_class(dc),
      html_escape(fmt_delta_money(dc, cur)),
      html_escape(fmt_money_unit(v.cost_per_parcel, cur)),
      change_class(dp, 2),
      html_escape(fmt_delta(dp, 2)),
      fmt_days(v.mean_delivery_days),
      change_class(dm, 1),
      html_escape(fmt_delta(dm, 1)),
      fmt_days(v.planned_p95_zone_days),
      change_class(d95, 1),
      html_escape(fmt_delta(d95, 1)),
      fmt_int(v.unmet_per_day),
      change_class(du),
      html_escape(fmt_delta(du, 0)));
}

std::string kpi_deltas_table(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  const std::string change = "<th class=\"num\">" + c.t("col_change") + "</th>";
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"deltas\"><thead><tr><th>{}</th>"
      "<th class=\"num\">{}<br><small>{}</small></th>{}"
      "<th class=\"num\">{}</th>{}<th class=\"num\">{}</th>{}"
      "<th class=\"num\">{}<br><small>{}</small></th>{}"
      "<th class=\"num\">{}<br><small>{}</small></th>{}</tr></thead><tbody>\n",
      c.t("col_variant"),
      c.t("col_total_cost"),
      c.t("per_year"),
      change,
      c.t("col_cpp"),
      change,
      c.t("col_mean_delivery"),
      change,
      c.t("col_planned_p95"),
      c.t("zone_means"),
      change,
      c.t("col_unmet"),
      c.t("parcels_day"),
      change);
  if (!deltas.empty()) h += base_kpi_row(c, deltas.front().base);
  for (const auto& d : deltas) h += variant_kpi_row(d, c.currency);
  h += "</tbody></table>\n";
  return h;
}

// Crossings that only a variant has (e.g. a variant adds one).
std::string variant_only_crossing_rows(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  std::string h;
  for (const auto& d : deltas) {
    for (const auto& x : d.crossings) {
      bool in_first = std::any_of(deltas.front().crossings.begin(),
                                  deltas.front().crossings.end(),
                                  [&](const auto& y) { return y.crossing == x.crossing; });
      if (in_first) continue;
      h += fmt::format(
          "<tr><td>{} <small>{}</small> <span class=\"tag\">{}</span></td><td "
          "class=\"num\">0</td><td class=\"num\" colspan=\"{}\">{}</td></tr>\n",
          crossing_named(c, x.crossing, x.name),
          html_escape(c.word("mode_", x.mode)),
          c.f("only_in", html_escape(d.label)),
          2 * deltas.size(),
          c.f("n_parcels_day", fmt_int(x.flow)));
    }
  }
  return h;
}

// Flow by crossing: one row per crossing of the first variant's list, one column pair
// per variant; then crossings that only a variant has.
std::string crossing_deltas_table(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"crossing-deltas\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th class=\"num\">{}</th>",
      c.t("tbl_crossing_deltas"),
      c.t("col_crossing"),
      c.t("base"));
  for (const auto& d : deltas) {
    h += fmt::format("<th class=\"num\">{}</th><th class=\"num\">{}</th>",
                     html_escape(d.label),
                     c.t("col_change"));
  }
  h += "</tr></thead><tbody>\n";
  if (!deltas.empty()) {
    for (const auto& x : deltas.front().crossings) {
      h += fmt::format("<tr><td>{} <small>{}</small></td><td class=\"num\">{}</td>",
                       crossing_named(c, x.crossing, x.name),
                       html_escape(c.word("mode_", x.mode)),
                       fmt_int(x.base_flow));
      for (const auto& d : deltas) {
        auto it = std::find_if(d.crossings.begin(), d.crossings.end(), [&](const auto& y) {
          return y.crossing == x.crossing;
        });
        double f = it == d.crossings.end() ? 0.0 : it->flow;
        h += fmt::format("<td class=\"num\">{}</td><td class=\"num {}\">{}</td>",
                         fmt_int(f),
                         change_class(f - x.base_flow),
                         fmt_delta(f - x.base_flow, 0));
      }
      h += "</tr>\n";
    }
    h += variant_only_crossing_rows(c, deltas);
  }
  h += "</tbody></table>\n";
  return h;
}

std::string site_changes_table(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"site-changes\"><caption>{}</caption>"
      "<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      c.t("tbl_site_changes"),
      c.t("col_variant"),
      c.t("col_site"),
      c.t("col_change"));
  std::size_t n = 0;
  for (const auto& d : deltas) {
    for (const auto& w : d.sites) {
      std::string what = w.change == "opened" ? c.f("site_opened", w.size)
                         : w.change == "closed"
                             ? c.f("site_closed", w.base_size)
                             : c.f("site_resized", w.base_size + " \u2192 " + w.size);
      h += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
                       html_escape(d.label),
                       html_escape(w.name.empty() ? w.site : w.name),
                       html_escape(w.change),
                       html_escape(what));
      ++n;
    }
  }
  if (n == 0) h += "<tr><td colspan=\"3\">" + c.t("same_sites") + "</td></tr>\n";
  h += "</tbody></table>";  // the section closes on the same line
  return h;
}

std::string changes_section(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  return "<section id=\"changes\" class=\"card\"><h2>" + c.t("sec_changes") + "</h2>\n" +
         kpi_deltas_table(c, deltas) + crossing_deltas_table(c, deltas) +
         site_changes_table(c, deltas) + "</section>\n";
}

// Simulated shares (0..1) are shown in per cent.
constexpr double kPercent = 100.0;

// What was simulated: days, warm-up, replications, seed.
std::string sim_intro(const Ctx& c, const sim::SimResult& r) {
  return "<p class=\"muted\">" +
         c.f("sim_intro",
             fmt_int(r.days),
             html_escape(r.start_date),
             fmt_int(r.warmup_days),
             fmt_int(r.replications),
             r.seed) +
         "</p>\n";
}

// Empty chart frames; the page's JS draws into them from the embedded result.
std::string sim_charts(const Ctx& c) {
  return fmt::format(
      "<div class=\"sim-charts\"><figure><figcaption>{}</figcaption><svg id=\"sim-delivery\" "
      "class=\"chart\" viewBox=\"0 0 480 260\" role=\"img\" aria-label=\"{}\"></svg></figure>"
      "<figure><figcaption>{}</figcaption><svg id=\"sim-queue\" class=\"chart\" viewBox=\"0 0 "
      "480 260\" role=\"img\" aria-label=\"{}\"></svg></figure></div>\n",
      c.t("chart_delivery"),
      html_escape(c.t("chart_delivery_aria")),
      c.t("chart_queue"),
      html_escape(c.t("chart_queue_aria")));
}

std::string sim_delivery_table(const Ctx& c, const sim::DeliveryStats& o) {
  std::string h = "<table class=\"data\" data-table=\"sim-delivery\"><caption>" +
                  c.t("tbl_sim_delivery") + "</caption><thead><tr>";
  for (const std::string& n : {c.t("col_mean"),
                               c.t("col_median"),
                               std::string("p90"),
                               std::string("p95"),
                               std::string("p99"),
                               c.t("col_max")})
    h += fmt::format("<th class=\"num\">{}</th>", n);
  h += "<th class=\"num\">" + c.t("col_on_time") + "</th></tr></thead><tbody><tr>";
  for (const sim::Stat* st :
       {&o.mean_days, &o.p50_days, &o.p90_days, &o.p95_days, &o.p99_days, &o.max_days}) {
    h += fmt::format("<td class=\"num\">{}</td>", stat_text(*st, 2));
  }
  h += fmt::format("<td class=\"num\">{} %</td></tr></tbody></table>\n",
                   stat_text(o.on_time_share, 1, kPercent));
  return h;
}

std::string sim_zones_table(const Ctx& c, const std::vector<sim::DeliveryStats>& zones) {
  if (zones.empty()) return std::string();
  std::string h = fmt::format(
      "<details><summary>{}</summary><table class=\"data\" "
      "data-table=\"sim-zones\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">p95</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th></tr></thead><tbody>\n",
      c.t("tbl_sim_zones"),
      c.t("col_zone"),
      c.t("col_promise"),
      c.t("col_mean"),
      c.t("col_on_time"),
      c.t("col_orders"));
  for (const auto& z : zones) {
    auto it = c.zone_node.find(z.zone);
    h += fmt::format(
        "<tr data-zone=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} %</td><td class=\"num\">{}</td></tr>\n",
        html_escape(z.zone),
        it == c.zone_node.end() ? html_escape(z.zone) : node_named(c, it->second, ""),
        fmt_num(z.promise_days, 1),
        stat_text(z.mean_days, 2),
        stat_text(z.p95_days, 2),
        stat_text(z.on_time_share, 1, kPercent),
        fmt_int(z.delivered.mean));
  }
  h += "</tbody></table></details>\n";
  return h;
}

std::string sim_crossings_table(const Ctx& c, const std::vector<sim::CrossingStats>& crossings) {
  if (crossings.empty()) return std::string();
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"sim-crossings\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}"
      "</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
      "</tr></thead><tbody>\n",
      c.t("tbl_sim_crossings"),
      c.t("col_crossing"),
      c.t("col_parcels_day"),
      c.t("col_util"),
      c.t("col_mean_wait"),
      c.t("col_max_wait"),
      c.t("col_mean_queue"),
      c.t("col_max_queue"));
  for (const auto& x : crossings) {
    h += fmt::format(
        "<tr data-crossing=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} %"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td></tr>\n",
        html_escape(x.crossing),
        crossing_named(c, x.crossing, x.name),
        fmt_int(x.parcels_per_day.mean),
        stat_text(x.utilisation, 0, kPercent),
        stat_text(x.wait_hours_mean, 1),
        fmt_num(x.wait_hours_max.mean, 1),
        stat_text(x.queue_mean, 1),
        fmt_num(x.queue_max.mean, 0));
  }
  h += "</tbody></table>\n";
  return h;
}

std::string sim_sites_table(const Ctx& c, const std::vector<sim::SiteStats>& sites) {
  if (sites.empty()) return std::string();
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"sim-sites\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}"
      "</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
      c.t("tbl_sim_sites"),
      c.t("col_site"),
      c.t("col_fill_rate"),
      c.t("col_stockout"),
      c.t("col_mean_stock"),
      c.t("col_pick_util"));
  for (const auto& w : sites) {
    auto it = c.site_node.find(w.site);
    h += fmt::format(
        "<tr data-site=\"{}\"><td>{}</td><td class=\"num\">{} %</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} %</td></tr>\n",
        html_escape(w.site),
        it == c.site_node.end() ? html_escape(w.site) : node_named(c, it->second, ""),
        stat_text(w.fill_rate, 1, kPercent),
        stat_text(w.stockout_days, 1),
        fmt_int(w.stock_mean.mean),
        stat_text(w.pick_utilisation, 0, kPercent));
  }
  h += "</tbody></table>\n";
  return h;
}

// The simulation section (a sim::SimResult, docs/simulation.md): tables here, charts
// drawn by the page's JS from the same result embedded in the data block.
std::string sim_section(const Ctx& c, const sim::SimResult* sim) {
  std::string h = "<section id=\"sim\" class=\"card\"><h2>" + c.t("sec_sim") + "</h2>\n";
  if (sim == nullptr) {
    h += "<p class=\"muted\">" + c.t("no_sim") + "</p></section>\n";
    return h;
  }
  const sim::SimResult& r = *sim;
  h += sim_intro(c, r) + sim_charts(c) + sim_delivery_table(c, r.overall) +
       sim_zones_table(c, r.zones) + sim_crossings_table(c, r.crossings) +
       sim_sites_table(c, r.sites);
  h += "</section>\n";
  return h;
}

std::string plan_sim_crossings(const Ctx& c, const PlanVsSim& v) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"plan-sim-crossings\"><caption>{}</caption><thead>"
      "<tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}"
      "</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
      c.t("tbl_ps_crossings"),
      c.t("col_crossing"),
      c.t("col_parcels_day"),
      c.t("col_planned_util"),
      c.t("col_pred_wait"),
      c.t("col_sim_wait"),
      c.t("col_difference"));
  for (const auto& x : v.crossings) {
    const bool both = x.predicted && x.simulated && x.predicted_wait_hours > 0.0;
    h += fmt::format(
        "<tr data-crossing=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "</tr>\n",
        html_escape(x.crossing),
        crossing_named(c, x.crossing, x.crossing),
        fmt_int(x.flow_parcels_per_day),
        fmt_pct(x.planned_utilisation, 1),
        x.predicted ? fmt_num(x.predicted_wait_hours, 1) : std::string(kDash),
        x.simulated
            ? fmt_num(x.simulated_wait_hours, 1) + " \u00b1 " + fmt_num(x.simulated_wait_ci95, 1)
            : std::string(kDash),
        both ? fmt_delta(100.0 * x.relative_error, 0) + " %" : std::string(kDash));
  }
  return h + "</tbody></table>\n";
}

std::string plan_sim_zones(const Ctx& c, const PlanVsSim& v) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"plan-sim-zones\"><caption>{}</caption><thead><tr>"
      "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}"
      "</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
      c.t("tbl_ps_zones"),
      c.t("col_zone"),
      c.t("col_promise"),
      c.t("col_planned_p95"),
      c.t("col_sim_p95"),
      c.t("col_sim_on_time"));
  for (const auto& z : v.zones) {
    auto it = c.zone_node.find(z.zone);
    const bool late = z.simulated && z.simulated_p95_days > z.promise_days;
    h += fmt::format(
        "<tr data-zone=\"{}\"{}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(z.zone),
        late ? " class=\"late\"" : "",
        it == c.zone_node.end() ? html_escape(z.zone) : node_named(c, it->second, ""),
        fmt_num(z.promise_days, 1),
        fmt_num(z.planned_p95_days, 2),
        z.simulated ? fmt_num(z.simulated_p95_days, 2) : std::string(kDash),
        z.simulated ? fmt_pct(z.simulated_on_time, 1) : std::string(kDash));
  }
  return h + "</tbody></table>\n";
}

// "Plan against simulation": what the planner predicted beside what the simulation of
// the same plan measured, and the price of reliability (docs/report.md).
std::string plan_sim_section(const Ctx& c, const PlanVsSim& v) {
  std::string h =
      "<section id=\"plan-sim\" class=\"card\"><h2>" + c.t("sec_plan_sim") + "</h2>\n<p>";
  h += c.t(v.congestion_modelled ? "plan_sim_congestion" : "plan_sim_blind");
  h += "</p>\n";
  if (v.has_blind)
    h += "<p class=\"price\">" +
         c.f("price_reliability",
             html_escape(fmt_delta_money(v.price_of_reliability, c.currency)),
             html_escape(fmt_money(v.cost, c.currency)),
             html_escape(fmt_money(v.blind_cost, c.currency))) +
         "</p>\n";
  return h + plan_sim_crossings(c, v) + plan_sim_zones(c, v) + "</section>\n";
}

std::string legend(const Ctx& c) {
  return fmt::format(
      R"(<div class="legend" aria-label="{}">
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow rail"/></svg>{}</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow road"/></svg>{}</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow last_mile"/></svg>{}</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow direct"/></svg>{}</span>
<span><svg width="14" height="14"><path d="M7 1L13 13H1Z" class="hub"/></svg>{}</span>
<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" class="crossing operating"/></svg>{}</span>
<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" class="crossing planned"/></svg>{}</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="site open"/></svg>{}</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="4" class="site closed"/></svg>{}</span>
<span><svg width="12" height="12"><circle cx="6" cy="6" r="3.5" class="zone"/></svg>{}</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow more"/></svg>{}</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow less"/></svg>{}</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow ghost" style="stroke-width:4"/></svg>{}</span>
</div>
)",
      html_escape(c.t("legend_aria")),
      html_escape(c.t("lg_rail")),
      html_escape(c.t("lg_road")),
      html_escape(c.t("lg_last_mile")),
      html_escape(c.t("lg_direct")),
      html_escape(c.t("lg_hub")),
      html_escape(c.t("lg_crossing_open")),
      html_escape(c.t("lg_crossing_planned")),
      html_escape(c.t("lg_warehouse")),
      html_escape(c.t("lg_candidate")),
      html_escape(c.t("lg_zone")),
      html_escape(c.t("lg_more")),
      html_escape(c.t("lg_less")),
      html_escape(c.t("lg_ghost")));
}

// Expands {{name}} placeholders of the template in one pass.
std::string expand(std::string_view tpl, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t open = tpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    std::size_t close = tpl.find("}}", open);
    if (close == std::string_view::npos) break;
    out.append(tpl.substr(pos, open - pos));
    std::string key(tpl.substr(open + 2, close - open - 2));
    auto it = values.find(key);
    if (it == values.end()) throw std::logic_error("report template: no value for " + key);
    out += it->second;
    pos = close + 2;
  }
  out.append(tpl.substr(pos));
  return out;
}

// JSON for a <script type="application/json"> block: '<' is escaped so no string in the
// data can close the element; invalid UTF-8 is replaced rather than thrown on.
std::string script_json(const nlohmann::json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch == '<') {
      out += "\\u003c";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string render(const scenario::Scenario& s,
                   const std::vector<LabelledPlan>& plans,
                   const sim::SimResult* sim,
                   bool compare,
                   const design::Plan* blind,
                   core::Lang lang) {
  if (plans.empty()) throw std::invalid_argument("render report: no plan given");
  for (const auto& lp : plans) {
    if (lp.plan == nullptr) throw std::invalid_argument("render report: null plan");
  }
  const design::Plan& first = *plans.front().plan;
  Ctx c(s, !first.currency.empty() ? first.currency : s.currency, lang);
  std::string scenario_name = !first.scenario.empty() ? first.scenario : s.name;
  std::string title = c.f(compare ? "title_compare" : "title_plan", scenario_name);

  std::string header = fmt::format("<h1>{}</h1>\n<p class=\"sub\">", html_escape(title));
  if (!compare) {
    header += fmt::format("{} <b>{}</b> \u00b7 ",
                          c.t("variant"),
                          html_escape(first.variant.empty() ? "base" : first.variant));
  } else {
    header += c.f("n_plans", plans.size()) + " \u00b7 ";
  }
  header += c.f("units_line", html_escape(c.currency), first.planning_days_per_year);
  header += "</p>\n";
  if (!s.description.empty()) {
    header += "<details class=\"about\"><summary>" + c.t("about") + "</summary><p>" +
              html_escape(s.description) + "</p></details>\n";
  }
  if (compare) {
    header +=
        fmt::format("<nav class=\"variants\" aria-label=\"{}\"><span class=\"nav-label\">{}</span>",
                    html_escape(c.t("variant")),
                    c.t("show"));
    for (std::size_t i = 0; i < plans.size(); ++i) {
      header +=
          fmt::format("<button type=\"button\" data-select=\"{}\" aria-pressed=\"{}\">{}</button>",
                      i,
                      i == 0 ? "true" : "false",
                      html_escape(plans[i].label));
    }
    header += fmt::format(
        "<span class=\"nav-label\">{}</span><button type=\"button\" id=\"view-plan\" "
        "aria-pressed=\"true\">{}</button><button type=\"button\" id=\"view-change\" "
        "aria-pressed=\"false\">{}</button></nav>\n",
        c.t("map"),
        c.t("flows"),
        c.t("change_vs_base"));
  }

  std::string body;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const design::Plan& p = *plans[i].plan;
    body += fmt::format("<section class=\"variant-block\" data-variant=\"{}\" aria-label=\"{}\">\n",
                        i,
                        html_escape(plans[i].label));
    if (compare) {
      body += fmt::format("<h2 class=\"variant-title\">{}</h2>\n", html_escape(plans[i].label));
    }
    // The simulation is of one plan: the plan of a plan report, or the plan of a
    // comparison whose variant is the simulation's.
    const bool simulated =
        sim != nullptr && (plans.size() == 1 || (sim->variant.empty() ? "base" : sim->variant) ==
                                                    (p.variant.empty() ? "base" : p.variant));
    body += kpi_cards(c, p, compute_kpis(p), simulated ? sim : nullptr);
    body += "</section>\n";
  }
  nlohmann::json outline = nlohmann::json::parse(asset("outline.json"));
  body += fmt::format(
      "<section class=\"map-row\"><div class=\"card map-card\"><h2 id=\"map-title\">{}"
      "</h2><div class=\"map-wrap\"><svg id=\"map\" viewBox=\"0 0 {} {}\" ",
      c.t("map_title"),
      outline["view"]["width"].get<int>(),
      outline["view"]["height"].get<int>());
  body += fmt::format(
      "role=\"group\" aria-labelledby=\"map-title\" data-elements=\"0\"><title>{}</title></svg>"
      "<div id=\"tooltip\" role=\"status\" aria-live=\"polite\" hidden></div><noscript><p "
      "class=\"muted\">{}</p></noscript></div>\n",
      c.t("map_svg_title"),
      c.t("map_noscript"));
  body += legend(c);
  body +=
      "<p class=\"muted small\">" + c.t("map_hint") + "</p></div>\n<aside class=\"card side\">\n";
  for (std::size_t i = 0; i < plans.size(); ++i) {
    body += fmt::format("<div class=\"variant-block\" data-variant=\"{}\">\n{}</div>\n",
                        i,
                        side_panel(c, *plans[i].plan));
  }
  body += "</aside></section>\n";
  if (compare) {
    std::vector<PlanDelta> deltas;
    for (std::size_t i = 1; i < plans.size(); ++i) {
      deltas.push_back(compute_delta(s, plans[i].label, first, *plans[i].plan));
    }
    body += changes_section(c, deltas);
  }
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const design::Plan& p = *plans[i].plan;
    body += fmt::format(
        "<section class=\"variant-block card tables\" data-variant=\"{}\"><h2>{}{}</h2>\n",
        i,
        c.t("details"),
        compare ? " \u00b7 " + html_escape(plans[i].label) : "");
    body += table_warehouses(c, p);
    body += table_crossings(c, p);
    body += table_zones(c, p);
    body += table_unmet(c, p);
    body += table_segments(c, p);
    body += "</section>\n";
  }
  if (!compare) body += alternatives_section(first, c.currency, lang);
  body += sim_section(c, sim);
  if (!compare && sim != nullptr) body += plan_sim_section(c, compare_plan_sim(first, *sim, blind));

  nlohmann::json data = page_data(compare ? "compare" : "plan", s, plans, sim);
  data["report"]["lang"] = std::string(core::code(lang));
  data["phrases"] = script_phrases(lang);
  const std::string generator = "corridor " CORRIDOR_VERSION;
  return expand(asset("template.html"),
                {{"lang", std::string(core::code(lang))},
                 {"title", html_escape(title)},
                 {"css", std::string(asset("report.css"))},
                 {"header", header},
                 {"body", body},
                 {"footer",
                  c.f("footer",
                      html_escape(generator),
                      html_escape(outline.value("provenance", std::string())))},
                 {"generator", generator},
                 {"data", script_json(data)},
                 {"outline", std::string(asset("outline.json"))},
                 {"js", page_script()}});
}

}  // namespace

std::string render_plan_report(const scenario::Scenario& scenario,
                               const design::Plan& plan,
                               const sim::SimResult* sim,
                               const design::Plan* blind,
                               core::Lang lang) {
  std::string label = plan.variant.empty() ? "base" : plan.variant;
  return render(scenario, {{label, &plan}}, sim, false, blind, lang);
}

std::string render_compare_report(const scenario::Scenario& scenario,
                                  const std::vector<LabelledPlan>& plans,
                                  const sim::SimResult* sim,
                                  core::Lang lang) {
  return render(scenario, plans, sim, true, nullptr, lang);
}

std::string render_compare_report(const scenario::Scenario& scenario,
                                  const design::Comparison& comparison,
                                  const sim::SimResult* sim,
                                  core::Lang lang) {
  std::vector<LabelledPlan> plans;
  for (std::size_t i = 0; i < comparison.plans.size(); ++i) {
    std::string label = i < comparison.rows.size() ? comparison.rows[i].variant : "";
    if (label.empty()) label = comparison.plans[i].variant;
    plans.push_back({label.empty() ? "base" : label, &comparison.plans[i]});
  }
  return render(scenario, plans, sim, true, nullptr, lang);
}

}  // namespace corridor::report
