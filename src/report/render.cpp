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

namespace corridor::report {
namespace {

constexpr const char* kDash = "\u2014";
// A zone is late when its mean delivery exceeds the promise by more than this (days),
// the tolerance design uses for ZoneResult::late, so rounding never makes one late.
constexpr double kLateEpsDays = 1e-9;

struct Ctx {
  const scenario::Scenario& scenario;
  std::string currency;
  std::unordered_map<std::string, const scenario::Node*> nodes;
  std::unordered_map<std::string, const scenario::Crossing*> crossings;
  std::unordered_map<std::string, std::string> site_node, zone_node;

  explicit Ctx(const scenario::Scenario& s, std::string cur)
      : scenario(s), currency(std::move(cur)) {
    for (const auto& n : s.nodes) nodes[n.id] = &n;
    for (const auto& c : s.crossings) crossings[c.id] = &c;
    for (const auto& w : s.sites) site_node[w.id] = w.node;
    for (const auto& z : s.zones) zone_node[z.id] = z.node;
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

std::string reason_text(const std::string& r) {
  static const std::map<std::string, std::string> kText{
      {"no_path_within_promise", "no path meets the delivery promise"},
      {"crossing_capacity", "border crossing capacity is exhausted"},
      {"site_capacity", "warehouse capacity is exhausted"},
      {"hub_supply", "hub supply is exhausted"},
      {"link_capacity", "a transport link is full"},
      {"cost_above_penalty", "serving it costs more than the unmet penalty"}};
  auto it = kText.find(r);
  return it == kText.end() ? r : it->second;
}

std::string status_text(const std::string& s) {
  static const std::map<std::string, std::string> kText{{"optimal", "Optimal"},
                                                        {"time_limit", "Time limit reached"},
                                                        {"no_solution", "No plan found"},
                                                        {"infeasible", "Infeasible"}};
  auto it = kText.find(s);
  return it == kText.end() ? s : it->second;
}

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
      "Total annual cost",
      html_escape(fmt_money_compact(k.total_cost_per_year, cur)),
      p.costs.unmet_penalty > 0.0
          ? html_escape("incl. " + fmt_money_compact(p.costs.unmet_penalty, cur) + " unmet penalty")
          : "fixed + variable, per year");
  h += kpi_card("cost_per_parcel",
                k.cost_per_parcel,
                "Cost per parcel",
                html_escape(fmt_money_unit(k.cost_per_parcel, cur)),
                "delivered parcel");
  h += kpi_card("delivered",
                k.delivered_per_day,
                "Delivered",
                html_escape(fmt_int(k.delivered_per_day)) + " <small>parcels/day</small>",
                html_escape("of " + fmt_int(k.demand_per_day) + " demanded"));
  h += kpi_card("mean_delivery_days",
                k.mean_delivery_days,
                "Mean delivery time",
                html_escape(fmt_days(k.mean_delivery_days)),
                "flow-weighted over zones");
  h += kpi_card("planned_p95_zone_days",
                k.planned_p95_zone_days,
                "Planned p95 delivery, zone means",
                html_escape(fmt_days(k.planned_p95_zone_days)),
                "95 % of the flow goes to zones planned within this; not per parcel");
  if (sim != nullptr) {
    const sim::Stat& p95 = sim->overall.p95_days;
    std::string runs =
        fmt::format("{} replication{}", sim->replications, sim->replications == 1 ? "" : "s");
    std::string sub =
        "95 % of simulated parcels within; " +
        (p95.ci95 > 0.0 ? "\u00b1 " + fmt_num(p95.ci95, 2) + " d (95 % CI, " + runs + ")"
                        : "(" + runs + ")");
    h += kpi_card("simulated_p95_days",
                  p95.mean,
                  "Simulated p95 delivery, parcels",
                  html_escape(fmt_num(p95.mean, 2)) + " <small>d</small>",
                  html_escape(sub));
  }
  h += kpi_card("within_promise",
                k.within_promise_share,
                "Promise met, as planned",
                html_escape(fmt_pct(k.within_promise_share)),
                "of delivered parcels, by the plan's path times",
                k.within_promise_share < 0.999 ? "warn" : "");
  if (sim != nullptr) {
    // The plan's promise as the simulation kept it: parcels delivered within their
    // zone's promise, queues, closures and stock-outs included.
    const sim::Stat& on_time = sim->overall.on_time_share;
    std::string sub = "of simulated parcels delivered within their promise";
    if (on_time.ci95 > 0.0) sub += "; \u00b1 " + fmt_pct(on_time.ci95) + " (95 % CI)";
    h += kpi_card("simulated_on_time",
                  on_time.mean,
                  "Promise met, simulated",
                  html_escape(fmt_pct(on_time.mean)),
                  html_escape(sub),
                  on_time.mean < 0.95    ? "bad"
                  : on_time.mean < 0.999 ? "warn"
                                         : "");
  }
  h += kpi_card("gap",
                k.gap,
                "Solve status",
                html_escape(status_text(k.status)),
                html_escape(fmt::format("gap {}, {} s, {} nodes",
                                        fmt_pct(k.gap, 2),
                                        fmt_num(p.solve_seconds, 1),
                                        fmt_int(static_cast<double>(p.nodes)))),
                k.status == "optimal" ? "" : "warn");
  h += kpi_card("unmet",
                k.unmet_per_day,
                "Unmet demand",
                html_escape(fmt_int(k.unmet_per_day)) + " <small>parcels/day</small>",
                html_escape(fmt_pct(k.unmet_share) + " of demand"),
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
  std::string h = "<h3>Annual cost by component</h3>\n";
  h += bars({{"Warehouses (fixed)", k.fixed},
             {"Xinjiang linehaul", k.cn_linehaul},
             {"Border crossing", k.crossing},
             {"Kazakhstan linehaul", k.kz_linehaul},
             {"Handling", k.handling},
             {"Last mile", k.last_mile},
             {"Direct channel", k.direct},
             {"Unmet penalty", k.unmet_penalty}},
            "",
            money);
  h += "<h3>Border flow by mode</h3>\n";
  std::vector<std::pair<std::string, double>> modes;
  for (const auto& m : crossing_flow_by_mode(p)) {
    modes.push_back({fmt::format("<span class=\"swatch {}\"></span>{} ({})",
                                 m.mode,
                                 m.mode == "rail" ? "Rail" : "Road",
                                 fmt_pct(m.share, 0)),
                     m.parcels_per_day});
  }
  h += bars(modes, "", [](double v) { return fmt_int(v) + "/day"; });
  h += "<h3>Crossing utilisation</h3>\n";
  std::vector<std::pair<std::string, double>> util;
  for (const auto& x : p.crossings) {
    if (!x.usable) continue;
    util.push_back({html_escape(x.name) + " <small>" + x.mode + "</small>", x.utilisation});
  }
  h += bars(util, "", [](double v) { return fmt_pct(v, 0); });
  return h;
}

std::string table_warehouses(const Ctx& c, const design::Plan& p) {
  std::string h =
      "<table class=\"data\" data-table=\"warehouses\"><caption>Open "
      "warehouses</caption><thead><tr>"
      "<th>Site</th><th>Size</th><th class=\"num\">Capacity<br><small>parcels/day</small></th>"
      "<th class=\"num\">Throughput<br><small>parcels/day</small></th><th class=\"num\">Utilisation"
      "</th><th class=\"num\">Fixed cost<br><small>per year</small></th><th class=\"num\">Handling"
      "<br><small>per parcel</small></th><th>Zones served</th></tr></thead><tbody>\n";
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
        w.existing ? " <span class=\"tag\">existing</span>" : "",
        html_escape(w.size),
        fmt_int(w.capacity_per_day),
        fmt_int(w.throughput_per_day),
        fmt_pct(w.utilisation, 0),
        html_escape(fmt_money(w.fixed_cost_per_year, c.currency)),
        html_escape(fmt_money_unit(w.handling_cost_per_parcel, c.currency)),
        zones.empty() ? kDash : zones);
  }
  if (p.warehouses.empty()) h += "<tr><td colspan=\"8\">No warehouse is open.</td></tr>\n";
  h += "</tbody></table>\n";
  return h;
}

std::string table_crossings(const Ctx& c, const design::Plan& p) {
  std::string h = fmt::format(
      "<table class=\"data\" data-table=\"crossings\"><caption>Border "
      "crossings</caption><thead><tr>"
      "<th>Crossing</th><th>Mode</th><th>Status</th><th "
      "class=\"num\">Capacity<br><small>parcels/day"
      "</small></th><th class=\"num\">Flow<br><small>parcels/day</small></th><th "
      "class=\"num\">Units"
      "<br><small>per day</small></th><th class=\"num\">Utilisation</th><th class=\"num\">Shadow "
      "price<br><small>{}/yr per +1 unit/day</small></th></tr></thead><tbody>\n",
      html_escape(c.currency));
  for (const auto& x : p.crossings) {
    std::string status = html_escape(x.status);
    auto it = c.crossings.find(x.crossing);
    if (it != c.crossings.end() && it->second->opening_year > 0 && x.status == "planned") {
      status += fmt::format(" ({})", it->second->opening_year);
    }
    if (!x.usable) status += " <span class=\"tag\">not usable</span>";
    std::string unit = x.mode == "rail" ? "containers" : "trucks";
    h += fmt::format(
        "<tr data-crossing=\"{}\"><td>{}</td><td><span class=\"swatch "
        "{}\"></span>{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} <small>{}</small>"
        "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(x.crossing),
        crossing_named(c, x.crossing, x.name),
        html_escape(x.mode),
        html_escape(x.mode),
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
  std::string h =
      "<table class=\"data\" data-table=\"zones\"><caption>Demand zones</caption><thead><tr>"
      "<th>Zone</th><th class=\"num\">Demand<br><small>parcels/day</small></th><th>Served from</th>"
      "<th>Channel</th><th class=\"num\">Cost<br><small>per parcel</small></th><th class=\"num\">"
      "Delivery<br><small>days</small></th><th class=\"num\">Promise<br><small>days</small></th>"
      "<th class=\"num\">Unmet<br><small>parcels/day</small></th></tr></thead><tbody>\n";
  for (const auto& z : p.zones) {
    double delivered = z.stocked_per_day + z.direct_per_day;
    std::string channel;
    if (delivered <= 0.0) {
      channel = kDash;
    } else if (z.direct_per_day <= 0.0) {
      channel = "stocked";
    } else if (z.stocked_per_day <= 0.0) {
      channel = "direct";
    } else {
      channel = fmt::format("mixed, {} stocked", fmt_pct(z.stocked_per_day / delivered, 0));
    }
    std::string from = kDash;
    if (!z.main_site.empty()) {
      auto it = site_name.find(z.main_site);
      from = html_escape(it != site_name.end() ? it->second : z.main_site);
    } else if (z.direct_per_day > 0.0) {
      from = "direct from Xinjiang";
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
  std::string h =
      "<table class=\"data\" data-table=\"unmet\"><caption>Unmet demand</caption><thead><tr>"
      "<th>Zone</th><th>Part</th><th class=\"num\">Parcels/day</th><th>Reason</th><th>Binding"
      "</th></tr></thead><tbody>\n";
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
        html_escape(u.part.empty() || u.part == "any" ? "all" : u.part),
        fmt_int(u.parcels_per_day),
        html_escape(reason_text(u.reason)),
        binding.empty() ? kDash : html_escape(binding));
  }
  if (p.unmet.empty()) h += "<tr><td colspan=\"5\">All demand is served.</td></tr>\n";
  h += "</tbody></table>\n";
  return h;
}

std::string mode_label(const std::string& m) {
  if (m == "last_mile") return "last mile";
  if (m == "direct") return "direct (last leg)";
  return m;
}

std::string table_segments(const Ctx& c, const design::Plan& p) {
  std::string h =
      "<details><summary>Flow legs drawn on the map</summary><table class=\"data\" "
      "data-table=\"segments\"><thead><tr><th>From</th><th>To</th><th>Mode</th><th class=\"num\">"
      "Stocked<br><small>parcels/day</small></th><th class=\"num\">Direct<br><small>parcels/day"
      "</small></th></tr></thead><tbody>\n";
  for (const auto& g : flow_segments(c.scenario, p)) {
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><span class=\"swatch {}\"></span>{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td></tr>\n",
        node_named(c, g.from, ""),
        node_named(c, g.to, ""),
        g.mode,
        mode_label(g.mode),
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
std::string base_kpi_row(const Kpis& b, const std::string& cur) {
  return fmt::format(
      "<tr class=\"base\"><td>base</td><td class=\"num\">{}</td><td></td><td "
      "class=\"num\">{}</td>"
      "<td></td><td class=\"num\">{}</td><td></td><td class=\"num\">{}</td><td></td>"
      "<td class=\"num\">{}</td><td></td></tr>\n",
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
  std::string h =
      "<table class=\"data\" data-table=\"deltas\"><thead><tr><th>Variant</th>"
      "<th class=\"num\">Total cost<br><small>per year</small></th><th class=\"num\">Change</th>"
      "<th class=\"num\">Cost per parcel</th><th class=\"num\">Change</th><th class=\"num\">Mean "
      "delivery</th><th class=\"num\">Change</th><th class=\"num\">Planned p95<br><small>zone "
      "means</small></th><th "
      "class=\"num\">Change</th><th class=\"num\">Unmet<br><small>parcels/day</small></th>"
      "<th class=\"num\">Change</th></tr></thead><tbody>\n";
  if (!deltas.empty()) h += base_kpi_row(deltas.front().base, c.currency);
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
          "<tr><td>{} <small>{}</small> <span class=\"tag\">only in {}</span></td><td "
          "class=\"num\">0</td><td class=\"num\" colspan=\"{}\">{} parcels/day</td></tr>\n",
          crossing_named(c, x.crossing, x.name),
          html_escape(x.mode),
          html_escape(d.label),
          2 * deltas.size(),
          fmt_int(x.flow));
    }
  }
  return h;
}

// Flow by crossing: one row per crossing of the first variant's list, one column pair
// per variant; then crossings that only a variant has.
std::string crossing_deltas_table(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  std::string h =
      "<table class=\"data\" data-table=\"crossing-deltas\"><caption>Border flow by crossing, "
      "parcels/day</caption><thead><tr><th>Crossing</th><th class=\"num\">base</th>";
  for (const auto& d : deltas) {
    h +=
        fmt::format("<th class=\"num\">{}</th><th class=\"num\">Change</th>", html_escape(d.label));
  }
  h += "</tr></thead><tbody>\n";
  if (!deltas.empty()) {
    for (const auto& x : deltas.front().crossings) {
      h += fmt::format("<tr><td>{} <small>{}</small></td><td class=\"num\">{}</td>",
                       crossing_named(c, x.crossing, x.name),
                       html_escape(x.mode),
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

std::string site_changes_table(const std::vector<PlanDelta>& deltas) {
  std::string h =
      "<table class=\"data\" data-table=\"site-changes\"><caption>Warehouse changes</caption>"
      "<thead><tr><th>Variant</th><th>Site</th><th>Change</th></tr></thead><tbody>\n";
  std::size_t n = 0;
  for (const auto& d : deltas) {
    for (const auto& w : d.sites) {
      std::string what = w.change == "opened"   ? "opened (" + w.size + ")"
                         : w.change == "closed" ? "closed (was " + w.base_size + ")"
                                                : "resized " + w.base_size + " \u2192 " + w.size;
      h += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
                       html_escape(d.label),
                       html_escape(w.name.empty() ? w.site : w.name),
                       html_escape(w.change),
                       html_escape(what));
      ++n;
    }
  }
  if (n == 0) h += "<tr><td colspan=\"3\">Every variant opens the same warehouses.</td></tr>\n";
  h += "</tbody></table>";  // the section closes on the same line
  return h;
}

std::string changes_section(const Ctx& c, const std::vector<PlanDelta>& deltas) {
  return "<section id=\"changes\" class=\"card\"><h2>Variants against the base</h2>\n" +
         kpi_deltas_table(c, deltas) + crossing_deltas_table(c, deltas) +
         site_changes_table(deltas) + "</section>\n";
}

// Simulated shares (0..1) are shown in per cent.
constexpr double kPercent = 100.0;

// What was simulated: days, warm-up, replications, seed.
std::string sim_intro(const sim::SimResult& r) {
  return fmt::format(
      "<p class=\"muted\">{} measured days from {} after {} warm-up days, {} replications, "
      "seed {}. Figures are means across replications \u00b1 95 % confidence "
      "half-width.</p>\n",
      fmt_int(r.days),
      html_escape(r.start_date),
      fmt_int(r.warmup_days),
      fmt_int(r.replications),
      r.seed);
}

// Empty chart frames; the page's JS draws into them from the embedded result.
std::string sim_charts() {
  return "<div class=\"sim-charts\"><figure><figcaption>Delivery time by zone: 95th percentile "
         "(bar) against the promise (tick), days</figcaption><svg id=\"sim-delivery\" "
         "class=\"chart\" viewBox=\"0 0 480 260\" role=\"img\" aria-label=\"Delivery time by "
         "zone\"></svg></figure><figure><figcaption>Queue at each crossing, units waiting"
         "</figcaption><svg id=\"sim-queue\" class=\"chart\" viewBox=\"0 0 480 260\" role=\"img\" "
         "aria-label=\"Queue at crossings\"></svg></figure></div>\n";
}

std::string sim_delivery_table(const sim::DeliveryStats& o) {
  std::string h =
      "<table class=\"data\" data-table=\"sim-delivery\"><caption>Delivery time, order to "
      "door, all zones (days)</caption><thead><tr>";
  for (const char* n : {"Mean", "Median", "p90", "p95", "p99", "Max"})
    h += fmt::format("<th class=\"num\">{}</th>", n);
  h += "<th class=\"num\">On time</th></tr></thead><tbody><tr>";
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
  std::string h =
      "<details><summary>Delivery time by zone</summary><table class=\"data\" "
      "data-table=\"sim-zones\"><thead><tr><th>Zone</th><th class=\"num\">Promise</th><th "
      "class=\"num\">Mean</th><th class=\"num\">p95</th><th class=\"num\">On time</th><th "
      "class=\"num\">Orders delivered</th></tr></thead><tbody>\n";
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
  std::string h =
      "<table class=\"data\" data-table=\"sim-crossings\"><caption>Crossings under "
      "simulation</caption><thead><tr><th>Crossing</th><th class=\"num\">Parcels/day</th><th "
      "class=\"num\">Utilisation</th><th class=\"num\">Mean wait, h</th><th class=\"num\">"
      "Max wait, h</th><th class=\"num\">Mean queue, units</th><th class=\"num\">Max queue, "
      "units</th></tr></thead><tbody>\n";
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
  std::string h =
      "<table class=\"data\" data-table=\"sim-sites\"><caption>Warehouses under simulation"
      "</caption><thead><tr><th>Site</th><th class=\"num\">Fill rate</th><th class=\"num\">"
      "Stock-out days</th><th class=\"num\">Mean stock, parcels</th><th class=\"num\">Pick "
      "utilisation</th></tr></thead><tbody>\n";
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
  std::string h = "<section id=\"sim\" class=\"card\"><h2>Simulation</h2>\n";
  if (sim == nullptr) {
    h += "<p class=\"muted\">No simulation results were given. Run <code>corridor simulate"
         "</code> on this plan (with its report.html in the output folder) to include "
         "delivery-time and queue charts here.</p></section>\n";
    return h;
  }
  const sim::SimResult& r = *sim;
  h += sim_intro(r) + sim_charts() + sim_delivery_table(r.overall) + sim_zones_table(c, r.zones) +
       sim_crossings_table(c, r.crossings) + sim_sites_table(c, r.sites);
  h += "</section>\n";
  return h;
}

std::string plan_sim_crossings(const Ctx& c, const PlanVsSim& v) {
  std::string h =
      "<table class=\"data\" data-table=\"plan-sim-crossings\"><caption>Crossings: planned "
      "against simulated</caption><thead><tr><th>Crossing</th><th class=\"num\">Parcels/day"
      "</th><th class=\"num\">Planned utilisation</th><th class=\"num\">Predicted wait, h</th>"
      "<th class=\"num\">Simulated wait, h</th><th class=\"num\">Difference</th></tr></thead>"
      "<tbody>\n";
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
  std::string h =
      "<table class=\"data\" data-table=\"plan-sim-zones\"><caption>Zones: p95 delivery time "
      "against the promise (days)</caption><thead><tr><th>Zone</th><th class=\"num\">Promise"
      "</th><th class=\"num\">Planned p95</th><th class=\"num\">Simulated p95</th><th "
      "class=\"num\">Simulated on time</th></tr></thead><tbody>\n";
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
  std::string h = "<section id=\"plan-sim\" class=\"card\"><h2>Plan against simulation</h2>\n<p>";
  h += v.congestion_modelled
           ? "The plan modelled the queue at each crossing (M/G/c with its servers, hours, "
             "holidays and other freight); the simulation measured the waits parcel by parcel."
           : "The plan did not model queues at the crossings (congestion-blind): it predicts "
             "no wait.";
  h += "</p>\n";
  if (v.has_blind)
    h += fmt::format(
        "<p class=\"price\">Price of reliability: <b>{}</b> per year (this plan {} against {} "
        "for the congestion-blind plan).</p>\n",
        fmt_delta_money(v.price_of_reliability, c.currency),
        fmt_money(v.cost, c.currency),
        fmt_money(v.blind_cost, c.currency));
  return h + plan_sim_crossings(c, v) + plan_sim_zones(c, v) + "</section>\n";
}

std::string legend() {
  return R"(<div class="legend" aria-label="Map legend">
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow rail"/></svg>rail</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow road"/></svg>road</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow last_mile"/></svg>last mile</span>
<span class="plan-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow direct"/></svg>direct parcels</span>
<span><svg width="14" height="14"><path d="M7 1L13 13H1Z" class="hub"/></svg>Xinjiang hub</span>
<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" class="crossing operating"/></svg>crossing (open)</span>
<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" class="crossing planned"/></svg>crossing (planned)</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="site open"/></svg>warehouse (size = capacity)</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="4" class="site closed"/></svg>candidate site, not opened</span>
<span><svg width="12" height="12"><circle cx="6" cy="6" r="3.5" class="zone"/></svg>demand zone</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow more"/></svg>more flow</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow less"/></svg>less flow</span>
<span class="change-only"><svg width="34" height="10"><line x1="1" y1="5" x2="33" y2="5" class="flow ghost" style="stroke-width:4"/></svg>the variant's flows</span>
</div>
)";
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
                   const design::Plan* blind = nullptr) {
  if (plans.empty()) throw std::invalid_argument("render report: no plan given");
  for (const auto& lp : plans) {
    if (lp.plan == nullptr) throw std::invalid_argument("render report: null plan");
  }
  const design::Plan& first = *plans.front().plan;
  Ctx c(s, !first.currency.empty() ? first.currency : s.currency);
  std::string scenario_name = !first.scenario.empty() ? first.scenario : s.name;
  std::string title = compare ? "Corridor comparison \u00b7 " + scenario_name
                              : "Corridor plan \u00b7 " + scenario_name;

  std::string header = fmt::format("<h1>{}</h1>\n<p class=\"sub\">", html_escape(title));
  if (!compare) {
    header += fmt::format("Variant <b>{}</b> \u00b7 ",
                          html_escape(first.variant.empty() ? "base" : first.variant));
  } else {
    header += fmt::format("{} plans \u00b7 ", plans.size());
  }
  header += fmt::format("costs in {} per year, flows in parcels per day \u00b7 {} planning days",
                        html_escape(c.currency),
                        first.planning_days_per_year);
  header += "</p>\n";
  if (!s.description.empty()) {
    header += "<details class=\"about\"><summary>About the scenario</summary><p>" +
              html_escape(s.description) + "</p></details>\n";
  }
  if (compare) {
    header +=
        "<nav class=\"variants\" aria-label=\"Variant\"><span class=\"nav-label\">Show"
        "</span>";
    for (std::size_t i = 0; i < plans.size(); ++i) {
      header +=
          fmt::format("<button type=\"button\" data-select=\"{}\" aria-pressed=\"{}\">{}</button>",
                      i,
                      i == 0 ? "true" : "false",
                      html_escape(plans[i].label));
    }
    header +=
        "<span class=\"nav-label\">Map</span><button type=\"button\" id=\"view-plan\" "
        "aria-pressed=\"true\">flows</button><button type=\"button\" id=\"view-change\" "
        "aria-pressed=\"false\">change vs base</button></nav>\n";
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
      "<section class=\"map-row\"><div class=\"card map-card\"><h2 id=\"map-title\">Network "
      "and flows</h2><div class=\"map-wrap\"><svg id=\"map\" viewBox=\"0 0 {} {}\" ",
      outline["view"]["width"].get<int>(),
      outline["view"]["height"].get<int>());
  body +=
      "role=\"group\" aria-labelledby=\"map-title\" data-elements=\"0\"><title>Map of the "
      "corridor: hubs, crossings, warehouses, zones and flows</title></svg><div id=\"tooltip\" "
      "role=\"status\" aria-live=\"polite\" hidden></div><noscript><p class=\"muted\">The map "
      "needs JavaScript; every element on it is in the tables below.</p></noscript></div>\n";
  body += legend();
  body +=
      "<p class=\"muted small\">Line width follows parcels per day. Hover or focus (Tab) "
      "an element for its figures.</p></div>\n<aside class=\"card side\">\n";
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
        "<section class=\"variant-block card tables\" data-variant=\"{}\"><h2>Details{}</h2>\n",
        i,
        compare ? " \u00b7 " + html_escape(plans[i].label) : "");
    body += table_warehouses(c, p);
    body += table_crossings(c, p);
    body += table_zones(c, p);
    body += table_unmet(c, p);
    body += table_segments(c, p);
    body += "</section>\n";
  }
  if (!compare) body += alternatives_section(first, c.currency);
  body += sim_section(c, sim);
  if (!compare && sim != nullptr) body += plan_sim_section(c, compare_plan_sim(first, *sim, blind));

  return expand(asset("template.html"),
                {{"title", html_escape(title)},
                 {"css", std::string(asset("report.css"))},
                 {"header", header},
                 {"body", body},
                 {"provenance", html_escape(outline.value("provenance", std::string()))},
                 {"generator", "corridor " CORRIDOR_VERSION},
                 {"data", script_json(page_data(compare ? "compare" : "plan", s, plans, sim))},
                 {"outline", std::string(asset("outline.json"))},
                 {"js", page_script()}});
}

}  // namespace

std::string render_plan_report(const scenario::Scenario& scenario,
                               const design::Plan& plan,
                               const sim::SimResult* sim,
                               const design::Plan* blind) {
  std::string label = plan.variant.empty() ? "base" : plan.variant;
  return render(scenario, {{label, &plan}}, sim, false, blind);
}

std::string render_compare_report(const scenario::Scenario& scenario,
                                  const std::vector<LabelledPlan>& plans,
                                  const sim::SimResult* sim) {
  return render(scenario, plans, sim, true);
}

std::string render_compare_report(const scenario::Scenario& scenario,
                                  const design::Comparison& comparison,
                                  const sim::SimResult* sim) {
  std::vector<LabelledPlan> plans;
  for (std::size_t i = 0; i < comparison.plans.size(); ++i) {
    std::string label = i < comparison.rows.size() ? comparison.rows[i].variant : "";
    if (label.empty()) label = comparison.plans[i].variant;
    plans.push_back({label.empty() ? "base" : label, &comparison.plans[i]});
  }
  return render(scenario, plans, sim, true);
}

}  // namespace corridor::report
