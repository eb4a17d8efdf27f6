// fit_corridor(): the eastbound spare capacity of the scenario's crossings and the niches
// that fit it (method and sources: include/corridor/trade/corridor.hpp, docs/niches.md).

#include "corridor/trade/corridor.hpp"

#include <algorithm>
#include <cmath>

#include "corridor/core/artefact.hpp"
#include "corridor/core/output.hpp"
#include "corridor/network.hpp"

namespace corridor::trade {

namespace {

[[noreturn]] void bad_option(const std::string& field, const std::string& message) {
  throw InputError({Diagnostic{ErrorCode::kBadOption, Severity::kError, "", 0, 0, field, message}});
}

/// The plan must be a plan of this very scenario and variant (E505), with flows (E501).
void check_plan(const design::Plan& plan, const scenario::Scenario& s, const std::string& file) {
  check_made_for(
      ArtefactHeader{
          "", plan.corridor_version, plan.scenario, plan.variant, plan.scenario_fingerprint},
      scenario::fingerprint(s),
      s.name,
      s.variant,
      file);
  if (!design::has_plan(plan))
    throw InputError(
        {Diagnostic{ErrorCode::kBadPlanFile,
                    Severity::kError,
                    file,
                    0,
                    0,
                    "status",
                    "the solve found no plan (got \"" + design::to_string(plan.status) +
                        "\", expected optimal or time_limit)"}});
}

std::vector<Assumption> assumptions(const CorridorSettings& o) {
  std::vector<Assumption> a = {
      {"eastbound_loaded_share_rail",
       o.loaded_share_rail,
       "share",
       "estimate derived from Altynkol 2025: 16.1 Mt incl. 5.3 Mt exports to China, "
       "5.3 / (16.1 - 5.3) = 0.49 (corridor-facts crossings.csv X02, "
       "https://railways.kz/en/news2025/record-volume-train-transfers-china-altynkol-ijp/ ; "
       "https://agrosearch.kz/en/news/ktz-soobshhaet-o-perevypolnenii-plana-gruzoperevozok-po-"
       "altynkol-xorgos); 'trains return half empty from Kazakhstan' "
       "(https://en.inform.kz/news/kazakh-pm-charges-to-up-railway-transit-traffic-to-china_"
       "a2964888/, 2016)"},
      {"eastbound_loaded_share_road",
       o.loaded_share_road,
       "share",
       "estimate: no road figure in the corridor facts; rail's derived share taken"},
      {"payload_container_t",
       o.payload_container_t,
       "t",
       "estimate: a 40-ft container loaded to 20 t, below its ~26.7 t maximum payload "
       "(ISO 668: 30.48 t gross less ~3.8 t tare)"},
      {"payload_truck_t",
       o.payload_truck_t,
       "t",
       "CAREC road transport cost unit: US$ per 500 km per 20 t truckload "
       "(corridor-facts SOURCES.md, https://cpmm.carecprogram.org/2022-report/kazakhstan)"},
  };
  // A value set on the command line is the user's; the default's source stays beside it.
  const CorridorSettings d;
  const double defaults[] = {
      d.loaded_share_rail, d.loaded_share_road, d.payload_container_t, d.payload_truck_t};
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].value != defaults[i])
      a[i].source =
          "set on the command line (default " + core::num(defaults[i]) + ": " + a[i].source + ")";
  return a;
}

/// Eastbound time and cost from the crossing's Kazakh node to the destination: the
/// crossing, then the westbound CN route destination → crossing run backwards.
void transit(CrossingSpare& x,
             const network::Network& net,
             const network::CrossingArc& arc,
             const std::string& destination) {
  std::vector<std::string> cn_nodes;
  double hours = arc.hours, cost_parcel = arc.cost_per_parcel;
  if (arc.cn_node != destination) {
    const auto r =
        network::cheapest_route(net, destination, arc.cn_node, scenario::Country::kCN, arc.mode);
    if (!r) return;
    hours += r->hours;
    cost_parcel += r->cost_per_parcel;
    cn_nodes = r->nodes;
  } else {
    cn_nodes = {destination};
  }
  x.reachable = true;
  x.hours = hours;
  x.cost_per_unit = cost_parcel * arc.parcels_per_unit;
  x.cost_per_t = x.cost_per_unit / x.payload_t;
  x.route = {arc.kz_node};
  x.route.insert(x.route.end(), cn_nodes.rbegin(), cn_nodes.rend());
}

std::vector<CrossingSpare> spare_capacity(const scenario::Scenario& s,
                                          const design::Plan& plan,
                                          const CorridorSettings& o) {
  const network::Network net = network::build(s);
  std::vector<CrossingSpare> out;
  for (std::size_t i = 0; i < s.crossings.size(); ++i) {
    const auto& c = s.crossings[i];
    if (!s.crossing_usable(c)) continue;
    const bool rail = c.mode == scenario::Mode::kRail;
    CrossingSpare x;
    x.crossing = c.id;
    x.name = c.name;
    x.mode = scenario::to_string(c.mode);
    x.unit = scenario::to_string(c.unit);
    x.capacity_units_per_day = c.capacity_per_day;
    for (const auto& pc : plan.crossings)
      if (pc.crossing == c.id) x.plan_units_per_day = pc.flow_units_per_day;
    x.other_units_per_day = c.capacity_per_day * c.background_share;
    x.westbound_units_per_day =
        std::min(c.capacity_per_day, x.plan_units_per_day + x.other_units_per_day);
    x.loaded_share = rail ? o.loaded_share_rail : o.loaded_share_road;
    x.spare_units_per_day = x.westbound_units_per_day * (1 - x.loaded_share);
    x.payload_t = c.unit == scenario::Unit::kTruck ? o.payload_truck_t : o.payload_container_t;
    x.spare_t_per_day = x.spare_units_per_day * x.payload_t;
    transit(x, net, net.crossings[i], o.destination);
    out.push_back(std::move(x));
  }
  return out;
}

const DirectionResult& eastbound(const NichesResult& r, const CorridorSettings& o) {
  for (const auto* d : {&r.forward, &r.reverse})
    if (d->from == o.kz && d->to == o.cn) return *d;
  bad_option("--scenario",
             "the corridor section is for " + o.kz + " -> " + o.cn + " (got --from " +
                 r.forward.from + " --to " + r.forward.to + ", expected " + o.kz + " and " + o.cn +
                 " in either order)");
}

/// The niche's own candidates: container class, untapped > 0, in either list.
std::vector<NicheFit> candidates(const DirectionResult& d, CorridorFit& fit) {
  std::vector<NicheFit> out;
  std::vector<bool> seen(d.products.size(), false);
  for (const auto* list : {&d.grow, &d.diversify})
    for (std::size_t i : *list) {
      const auto& p = d.products[i];
      if (seen[i] || !(p.untapped > 0)) continue;
      seen[i] = true;
      if (p.mode_class != "container") {
        ++fit.candidates_other_modes;
        fit.untapped_other_modes_usd += p.untapped;
        continue;
      }
      NicheFit n;
      n.product = i;
      n.list = list == &d.grow ? "grow" : "diversify";
      n.untapped_usd = p.untapped;
      if (p.quantity_t > 0 && p.actual > 0) n.usd_per_kg = p.actual / p.quantity_t / 1000;
      out.push_back(n);
    }
  return out;
}

void rank(std::vector<NicheFit>& niches,
          const DirectionResult& d,
          const CorridorFit& fit,
          const CorridorSettings& o) {
  const double spare_t_year = fit.spare_t_per_day * fit.days_per_year;
  const CrossingSpare* cheapest = nullptr;
  for (const auto& x : fit.crossings)
    if (x.reachable && x.spare_t_per_day > 0 && (!cheapest || x.cost_per_t < cheapest->cost_per_t))
      cheapest = &x;
  for (auto& n : niches) {
    if (spare_t_year > 0) n.break_even_usd_per_kg = n.untapped_usd / (spare_t_year * 1000);
    n.fitted_usd = n.untapped_usd;
    if (std::isfinite(n.usd_per_kg)) {
      const double t_year = n.untapped_usd / (n.usd_per_kg * 1000);
      n.t_per_day = t_year / fit.days_per_year;
      n.units_per_day = n.t_per_day / o.payload_container_t;
      n.fit_share = std::min(1.0, spare_t_year / t_year);
      n.fitted_usd = n.untapped_usd * n.fit_share;
    }
    if (cheapest) {
      n.crossing = cheapest->crossing;
      n.cost_per_t = cheapest->cost_per_t;
      if (std::isfinite(n.usd_per_kg)) n.cost_share_of_value = n.cost_per_t / 1000 / n.usd_per_kg;
    }
  }
  std::stable_sort(niches.begin(), niches.end(), [&](const NicheFit& a, const NicheFit& b) {
    if (a.fitted_usd != b.fitted_usd) return a.fitted_usd > b.fitted_usd;
    return d.products[a.product].product < d.products[b.product].product;
  });
  double cumulative = 0;
  for (auto& n : niches) {
    cumulative += n.untapped_usd;
    n.cumulative_usd = cumulative;
    if (spare_t_year > 0) n.cumulative_break_even_usd_per_kg = cumulative / (spare_t_year * 1000);
  }
}

}  // namespace

CorridorFit fit_corridor(const NichesResult& r,
                         const scenario::Scenario& s,
                         const design::Plan& plan,
                         const CorridorSettings& o) {
  check_plan(plan, s, o.plan_file);
  const DirectionResult& d = eastbound(r, o);
  const scenario::Node* dest = s.find_node(o.destination);
  if (!dest)
    bad_option("--destination",
               "not a node of scenario \"" + s.name + "\" (got \"" + o.destination +
                   "\", expected a node id of its nodes.csv)");
  CorridorFit fit;
  fit.scenario = s.name;
  fit.variant = s.variant;
  fit.scenario_fingerprint = scenario::fingerprint(s);
  fit.plan = o.plan_file;
  fit.from = d.from;
  fit.to = d.to;
  fit.destination = dest->id;
  fit.destination_name = dest->name;
  fit.days_per_year = s.planning_days_per_year;
  fit.assumptions = assumptions(o);
  fit.crossings = spare_capacity(s, plan, o);
  for (const auto& x : fit.crossings) {
    (x.mode == "rail" ? fit.spare_units_rail : fit.spare_units_road) += x.spare_units_per_day;
    fit.spare_t_per_day += x.spare_t_per_day;
  }
  fit.niches = candidates(d, fit);
  rank(fit.niches, d, fit, o);
  return fit;
}

}  // namespace corridor::trade
