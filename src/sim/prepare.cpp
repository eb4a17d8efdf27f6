// prepare(): Scenario + Plan + SimOptions -> ModelInput (see model.hpp), in named steps:
// options and dates, the plan's sites and zones, its flows (lanes and order choices),
// crossings (service, calendar, background), train groups, warehouse covers, demand
// factors and forecasts, and the offered-load warnings.
//
// Leg times come from the network module (network::build, the same graph and rules the
// plan was made on): a plan flow whose route the network lacks is bad input, never
// re-routed. The crossing itself is not a leg here: the model queues units at it.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/network.hpp"
#include "model.hpp"

namespace corridor::sim {
namespace {

using scenario::Mode;

/// Offered load at or above this share of a crossing's service capacity gets a warning:
/// an M/M/c queue's wait grows as 1 / (1 − ρ), so from ρ ≈ 0.98 on a run of months does
/// not settle (our threshold, not a standard).
constexpr double kSaturationShare = 0.98;
/// Nominal lead time counts each crossing's processing time this many times: once for
/// the service, once as an allowance for queueing (a rough allowance for the automatic
/// order-up-to cover, not a queueing result).
constexpr double kServiceTimesInLead = 2.0;
/// Crossing calendars run this many days past the horizon, so a unit still queued at the
/// end finds its next weekly opening.
constexpr int kCalendarTailDays = 8;
/// Relative tolerance under which a plan's leftover demand counts as zero (rounding of
/// the plan's flows, not demand).
constexpr double kUnmetTolerance = 1e-9;
/// Relative tolerance under which a parcels-per-unit factor counts as a whole number.
constexpr double kWholeTolerance = 1e-9;
constexpr double kHoursPerWeek = 168.0;

/// Scenario rows by id (indices into the Scenario's vectors).
struct Ids {
  std::unordered_map<std::string, int> hub, crossing, zone, site;
};

Ids index_ids(const scenario::Scenario& s) {
  Ids ids;
  for (int i = 0; i < static_cast<int>(s.hubs.size()); ++i) ids.hub[s.hubs[i].id] = i;
  for (int i = 0; i < static_cast<int>(s.crossings.size()); ++i)
    ids.crossing[s.crossings[i].id] = i;
  for (int i = 0; i < static_cast<int>(s.zones.size()); ++i) ids.zone[s.zones[i].id] = i;
  for (int i = 0; i < static_cast<int>(s.sites.size()); ++i) ids.site[s.sites[i].id] = i;
  return ids;
}

/// The network's routes by their ends (indices into Scenario / Network vectors).
struct Routes {
  std::map<std::tuple<int, int, int>, const network::SupplyRoute*> supply;  // hub, x, site
  std::map<std::tuple<int, int, int>, const network::DirectRoute*> direct;  // hub, x, zone
  std::map<std::pair<int, int>, const network::DeliveryLeg*> delivery;      // site, zone
};

Routes index_routes(const network::Network& net) {
  Routes r;
  for (const auto& p : net.supply) r.supply[{p.hub, p.crossing, p.site}] = &p;
  for (const auto& p : net.direct) r.direct[{p.hub, p.crossing, p.zone}] = &p;
  for (const auto& d : net.delivery) r.delivery[{d.site, d.zone}] = &d;
  return r;
}

/// Everything the steps share while ModelInput is built.
struct Builder {
  const scenario::Scenario& s;
  const design::Plan& plan;
  const SimOptions& o;
  network::Network net;
  Ids ids;
  Routes routes;
  DiagnosticSink sink;
  ModelInput in;
  std::unordered_map<std::string, std::uint32_t> site_index;  // plan site -> in.sites
  std::unordered_map<std::string, std::uint32_t> zone_index;  // zone id -> in.zones
  std::vector<double> zone_demand, zone_served;               // per in.zones
  std::map<std::tuple<std::string, std::string, std::string>, std::uint32_t> lane_index;
  std::unordered_map<int, std::uint32_t> crossing_slot;                // scenario -> in.crossings
  std::unordered_map<int, std::uint32_t> unit_parcels;                 // scenario crossing -> whole
  std::vector<std::vector<std::pair<std::uint32_t, double>>> inbound;  // per site: lane, flow

  Builder(const scenario::Scenario& scen, const design::Plan& p, const SimOptions& opt)
      : s(scen), plan(p), o(opt) {}

  void plan_error(const std::string& field, const std::string& message) {
    sink.error(ErrorCode::kBadPlanFile, "plan", 0, 0, field, message);
  }
};

void check_options(const SimOptions& o, DiagnosticSink& sink) {
  auto bad = [&](const char* field, const std::string& msg) {
    sink.error(ErrorCode::kBadOption, "options", 0, 0, field, msg);
  };
  if (o.days < 1) bad("days", fmt::format("must be >= 1, got {}", o.days));
  if (o.warmup_days < 0) bad("warmup", fmt::format("must be >= 0, got {}", o.warmup_days));
  if (o.replications < 1) bad("replications", fmt::format("must be >= 1, got {}", o.replications));
  if (o.threads < 0) bad("threads", fmt::format("must be >= 0, got {}", o.threads));
  if (!(o.demand_scale >= 0.0) || !std::isfinite(o.demand_scale))
    bad("demand_scale", "must be a finite number >= 0");
  if (!(o.capacity_scale > 0.0) || !std::isfinite(o.capacity_scale))
    bad("capacity_scale", "must be a finite number > 0");
  for (double w : o.weekday_profile)
    if (!(w >= 0.0) || !std::isfinite(w)) bad("weekday_profile", "entries must be >= 0");
  for (double w : o.month_profile)
    if (!(w >= 0.0) || !std::isfinite(w)) bad("month_profile", "entries must be >= 0");
  if (!(o.review_hour >= 0.0 && o.review_hour < 24.0)) bad("review_hour", "must be in [0, 24)");
  if (!(o.safety_days >= 0.0)) bad("safety_days", "must be >= 0");
  if (!(o.order_up_to_days >= 0.0)) bad("order_up_to_days", "must be >= 0");
  if (o.train_hours.empty()) bad("train_hours", "needs at least one departure hour");
  for (double h : o.train_hours)
    if (!(h >= 0.0 && h < 24.0)) bad("train_hours", fmt::format("{} is not in [0, 24)", h));
  if ((o.train_weekdays & 0x7F) == 0) bad("train_weekdays", "needs at least one day");
  if (!(o.truck_max_wait_hours > 0.0)) bad("truck_max_wait_hours", "must be > 0");
  for (auto [name, v] : {std::pair{"service_cv", o.service_cv},
                         {"transshipment_cv", o.transshipment_cv},
                         {"linehaul_cv", o.linehaul_cv},
                         {"last_mile_cv", o.last_mile_cv},
                         {"clearance_cv", o.clearance_cv}})
    if (!(v >= 0.0) || !std::isfinite(v)) bad(name, "must be a finite number >= 0");
  if (!(o.histogram_bin_days > 0.0) || !(o.histogram_max_days > 2 * o.histogram_bin_days))
    bad("histogram_bin_days", "need 0 < histogram_bin_days < histogram_max_days / 2");
}

/// First measured day (days since 1970-01-01): --start-date, else 1 January of the
/// scenario's base_year (scenario::kDefaultPlanYear when it has none).
long resolve_start_day(const scenario::Scenario& s, const SimOptions& o, DiagnosticSink& sink) {
  long start = 0;
  std::string text = o.start_date;
  if (text.empty()) text = fmt::format("{:04d}-01-01", scenario::plan_year(s));
  if (!parse_iso_date(text, start))
    sink.error(ErrorCode::kBadOption,
               "options",
               0,
               0,
               "start_date",
               fmt::format("'{}' is not a yyyy-mm-dd date", o.start_date));
  return start;
}

/// Horizon and the options the model reads as they are.
void copy_options(const SimOptions& o, const scenario::Scenario& s, long start, ModelInput& in) {
  in.warmup_days = o.warmup_days;
  in.days = o.days;
  in.total_days = o.warmup_days + o.days;
  in.first_day = start - o.warmup_days;
  in.train_hours = o.train_hours;
  std::sort(in.train_hours.begin(), in.train_hours.end());
  in.train_weekdays = o.train_weekdays & 0x7F;
  in.truck_max_wait = o.truck_max_wait_hours;
  in.unit_per_parcel = o.unit_per_parcel;
  in.background = o.background_traffic;
  in.review_hour = o.review_hour;
  in.safety_days = o.safety_days;
  in.forecast_peaks = o.forecast_peaks;
  in.bin_days = o.histogram_bin_days;
  in.max_days = o.histogram_max_days;
  in.time_series = o.time_series;
  in.clearance = Duration(Dist::kLognormal, s.direct.clearance_hours.value(), o.clearance_cv);
}

/// The plan's open warehouses, each a scenario site at the scenario's node.
void add_sites(Builder& b) {
  for (std::size_t i = 0; i < b.plan.warehouses.size(); ++i) {
    const auto& w = b.plan.warehouses[i];
    if (b.site_index.count(w.site)) continue;
    auto it = b.ids.site.find(w.site);
    if (it == b.ids.site.end()) {
      b.plan_error(fmt::format("warehouses[{}].site", i),
                   fmt::format("site '{}' is not in the scenario", w.site));
      continue;
    }
    const auto& node = b.s.sites[static_cast<std::size_t>(it->second)].node;
    if (!w.node.empty() && w.node != node) {
      b.plan_error(
          fmt::format("warehouses[{}].node", i),
          fmt::format("site '{}' is at node '{}' in the scenario, not '{}'", w.site, node, w.node));
      continue;
    }
    b.site_index[w.site] = static_cast<std::uint32_t>(b.in.sites.size());
    SiteIn site;
    site.id = w.site;
    site.capacity_per_day = w.capacity_per_day * b.o.capacity_scale;
    site.pick_hours = site.capacity_per_day > 0 ? 24.0 / site.capacity_per_day : 0.0;
    if (site.capacity_per_day <= 0)
      b.in.warnings.push_back(
          fmt::format("warehouse {}: no pick capacity: picks are instant", w.site));
    b.in.sites.push_back(site);
  }
  b.inbound.resize(b.in.sites.size());
}

/// A zone of the simulation; its promise is the plan's, else the scenario's.
void add_zone(Builder& b, const std::string& id, double demand, double promise) {
  b.zone_index[id] = static_cast<std::uint32_t>(b.in.zones.size());
  ZoneIn z;
  z.id = id;
  z.promise_days = promise;
  if (z.promise_days <= 0) z.promise_days = b.s.zones[b.ids.zone.at(id)].promise_days;
  b.in.zones.push_back(z);
  b.zone_demand.push_back(demand);
  b.zone_served.push_back(0.0);
}

void add_plan_zones(Builder& b) {
  for (const auto& z : b.plan.zones) {
    if (b.zone_index.count(z.zone)) continue;
    if (!b.ids.zone.count(z.zone)) {
      b.plan_error("zones", fmt::format("zone '{}' is not in the scenario", z.zone));
      continue;
    }
    add_zone(b, z.zone, z.demand_per_day, z.promise_days);
  }
}

/// Scenario index of a flow's hub and crossing, or an error naming what is unknown or
/// not usable in this scenario (the plan was made for another variant).
std::optional<std::pair<int, int>> hub_and_crossing(Builder& b, std::size_t i) {
  const auto& f = b.plan.flows[i];
  const auto field = fmt::format("flows[{}]", i);
  auto h = b.ids.hub.find(f.hub);
  auto x = b.ids.crossing.find(f.crossing);
  if (h == b.ids.hub.end()) {
    b.plan_error(field, fmt::format("unknown hub '{}'", f.hub));
    return std::nullopt;
  }
  if (x == b.ids.crossing.end()) {
    b.plan_error(field, fmt::format("unknown crossing '{}'", f.crossing));
    return std::nullopt;
  }
  const auto& arc = b.net.crossings[static_cast<std::size_t>(x->second)];
  if (!arc.usable) {
    b.plan_error(field,
                 fmt::format("{} flow {} -> {} -> {}: crossing {} is {} in this scenario "
                             "(variant '{}'), not operating: the plan was made for another variant",
                             f.channel,
                             f.hub,
                             f.crossing,
                             f.channel == "inbound" ? f.site : f.zone,
                             f.crossing,
                             scenario::to_string(arc.status),
                             b.s.variant.empty() ? "base" : b.s.variant));
    return std::nullopt;
  }
  return std::make_pair(h->second, x->second);
}

/// Why the network has no route hub -> crossing -> `dest_node` (for the error message).
std::string missing_route_reason(const Builder& b, int hub, int xi, const std::string& dest_node) {
  const auto& x = b.net.crossings[static_cast<std::size_t>(xi)];
  const auto& hub_node = b.s.hubs[static_cast<std::size_t>(hub)].node;
  if (!network::cheapest_route(b.net, hub_node, x.cn_node, scenario::Country::kCN, x.mode))
    return fmt::format("no {} path on the CN side from {} to {}",
                       scenario::to_string(x.mode),
                       hub_node,
                       x.cn_node);
  return fmt::format("no path on the KZ side from {} to {}", x.kz_node, dest_node);
}

/// The in.crossings slot of scenario crossing `xi` (slots in order of first use).
std::uint32_t crossing_slot(Builder& b, int xi) {
  if (auto it = b.crossing_slot.find(xi); it != b.crossing_slot.end()) return it->second;
  const auto slot = static_cast<std::uint32_t>(b.in.crossings.size());
  CrossingIn x;
  x.id = b.s.crossings[static_cast<std::size_t>(xi)].id;
  b.in.crossings.push_back(x);
  b.crossing_slot[xi] = slot;
  return slot;
}

/// Parcels per container or truck at crossing `xi`, as the whole number consolidation
/// needs: the scenario's factor (network::parcels_per_unit) rounded to the nearest, at
/// least 1, with one warning per crossing when that changes it.
std::uint32_t whole_parcels_per_unit(Builder& b, int xi) {
  if (b.o.unit_per_parcel) return 1;
  if (auto it = b.unit_parcels.find(xi); it != b.unit_parcels.end()) return it->second;
  const auto& x = b.net.crossings[static_cast<std::size_t>(xi)];
  const double factor = x.parcels_per_unit;
  const double whole = std::max(1.0, std::round(factor));
  if (std::fabs(factor - whole) > kWholeTolerance * std::max(1.0, factor)) {
    const auto unit = scenario::to_string(b.s.crossings[static_cast<std::size_t>(xi)].unit);
    b.in.warnings.push_back(fmt::format(
        "crossing {}: {} parcels per {} is not a whole number: the simulation loads {} per {}",
        x.id,
        factor,
        unit,
        whole,
        unit));
  }
  b.unit_parcels[xi] = static_cast<std::uint32_t>(whole);
  return b.unit_parcels[xi];
}

/// The lane hub -> crossing -> site (site "" = direct parcels), made on first use with
/// the CN route's hours and, for a site, the KZ route's.
std::uint32_t lane_for(Builder& b,
                       int hub,
                       int xi,
                       const std::string& site,
                       const network::Route& cn,
                       const network::Route* kz) {
  auto key = std::make_tuple(b.s.hubs[static_cast<std::size_t>(hub)].id,
                             b.s.crossings[static_cast<std::size_t>(xi)].id,
                             site);
  if (auto it = b.lane_index.find(key); it != b.lane_index.end()) return it->second;
  LaneIn lane;
  lane.hub = static_cast<std::uint32_t>(hub);
  lane.crossing = crossing_slot(b, xi);
  lane.rail = b.net.crossings[static_cast<std::size_t>(xi)].mode == Mode::kRail;
  lane.unit_parcels = whole_parcels_per_unit(b, xi);
  lane.to_crossing = Duration(Dist::kLognormal, cn.hours, b.o.linehaul_cv);
  if (kz) {
    lane.site = b.site_index.at(site);
    lane.to_site = Duration(Dist::kLognormal, kz->hours, b.o.linehaul_cv);
  }
  const auto li = static_cast<std::uint32_t>(b.in.lanes.size());
  b.in.lanes.push_back(lane);
  b.lane_index[key] = li;
  return li;
}

/// Inbound flow hub -> crossing -> site: a lane feeding the site's stock.
void add_inbound_flow(Builder& b, std::size_t i) {
  const auto& f = b.plan.flows[i];
  auto si = b.site_index.find(f.site);
  if (si == b.site_index.end()) {
    b.plan_error(fmt::format("flows[{}].site", i),
                 fmt::format("inbound flow to '{}', which the plan does not open", f.site));
    return;
  }
  const auto hx = hub_and_crossing(b, i);
  if (!hx) return;
  const auto [hub, xi] = *hx;
  const int site = b.ids.site.at(f.site);
  auto r = b.routes.supply.find({hub, xi, site});
  if (r == b.routes.supply.end()) {
    b.plan_error(fmt::format("flows[{}]", i),
                 fmt::format("inbound route {} -> {} -> {} is not in the network: {}",
                             f.hub,
                             f.crossing,
                             f.site,
                             missing_route_reason(b, hub, xi, b.s.sites[site].node)));
    return;
  }
  const auto li = lane_for(b, hub, xi, f.site, r->second->cn, &r->second->kz);
  b.inbound[si->second].emplace_back(li, f.parcels_per_day);
}

/// Outbound flow site -> zone: orders served from the site's stock, then the last mile.
bool add_outbound_choice(Builder& b, std::size_t i, ChoiceIn& ch) {
  const auto& f = b.plan.flows[i];
  auto si = b.site_index.find(f.site);
  if (si == b.site_index.end()) {
    b.plan_error(fmt::format("flows[{}].site", i),
                 fmt::format("outbound flow from '{}', which the plan does not open", f.site));
    return false;
  }
  const auto& leg = *b.routes.delivery.at({b.ids.site.at(f.site), b.ids.zone.at(f.zone)});
  ch.kind = ChoiceIn::kStocked;
  ch.site = si->second;
  ch.to_door = Duration(Dist::kLognormal, leg.leg.hours, b.o.last_mile_cv);
  return true;
}

/// Direct flow hub -> crossing -> zone: the lane of direct parcels, then (after the
/// crossing and the per-parcel clearance the model draws itself) the direct last mile.
bool add_direct_choice(Builder& b, std::size_t i, ChoiceIn& ch) {
  const auto& f = b.plan.flows[i];
  const auto hx = hub_and_crossing(b, i);
  if (!hx) return false;
  const auto [hub, xi] = *hx;
  const int zone = b.ids.zone.at(f.zone);
  auto r = b.routes.direct.find({hub, xi, zone});
  if (r == b.routes.direct.end()) {
    const auto& z = b.s.zones[static_cast<std::size_t>(zone)];
    b.plan_error(fmt::format("flows[{}]", i),
                 fmt::format("direct route {} -> {} -> {} is not in the network: {}",
                             f.hub,
                             f.crossing,
                             f.zone,
                             z.direct_allowed ? missing_route_reason(b, hub, xi, z.node)
                                              : "the zone does not allow direct parcels"));
    return false;
  }
  ch.kind = ChoiceIn::kDirect;
  ch.lane = lane_for(b, hub, xi, "", r->second->cn, nullptr);
  ch.to_door = Duration(Dist::kLognormal, r->second->leg.hours, b.o.last_mile_cv);
  return true;
}

/// Outbound or direct flow: one way its zone's orders are served.
void add_zone_flow(Builder& b, std::size_t i) {
  const auto& f = b.plan.flows[i];
  auto zi = b.zone_index.find(f.zone);
  if (zi == b.zone_index.end()) {
    if (!b.ids.zone.count(f.zone)) {
      b.plan_error(fmt::format("flows[{}].zone", i),
                   fmt::format("zone '{}' is not in the scenario", f.zone));
      return;
    }
    add_zone(b, f.zone, 0.0, 0.0);
    zi = b.zone_index.find(f.zone);
  }
  ChoiceIn ch;
  ch.zone = zi->second;
  ch.base_per_day = f.parcels_per_day * b.o.demand_scale;
  const bool ok =
      f.channel == "outbound" ? add_outbound_choice(b, i, ch) : add_direct_choice(b, i, ch);
  if (!ok) return;
  b.zone_served[ch.zone] += f.parcels_per_day;
  b.in.choices.push_back(ch);
}

void add_flows(Builder& b) {
  for (std::size_t i = 0; i < b.plan.flows.size(); ++i) {
    const auto& f = b.plan.flows[i];
    if (f.parcels_per_day <= 0.0) continue;
    if (f.channel == "inbound")
      add_inbound_flow(b, i);
    else if (f.channel == "outbound" || f.channel == "direct")
      add_zone_flow(b, i);
    else
      b.plan_error(fmt::format("flows[{}].channel", i),
                   fmt::format("unknown channel '{}'", f.channel));
  }
}

/// Demand the plan leaves unmet becomes an `unserved` choice of its zone.
void add_unserved_choices(Builder& b) {
  for (std::uint32_t z = 0; z < b.in.zones.size(); ++z) {
    const double unmet = b.zone_demand[z] - b.zone_served[z];
    if (unmet > kUnmetTolerance * std::max(1.0, b.zone_demand[z])) {
      ChoiceIn ch;
      ch.kind = ChoiceIn::kUnserved;
      ch.zone = z;
      ch.base_per_day = unmet * b.o.demand_scale;
      b.in.choices.push_back(ch);
    }
  }
}

Dist service_dist(Distribution d) {
  switch (d) {
    case Distribution::kExponential:
      return Dist::kExponential;
    case Distribution::kLognormal:
      return Dist::kLognormal;
    case Distribution::kDeterministic:
      return Dist::kDeterministic;
  }
  return Dist::kExponential;
}

/// Processing, inspection and gauge change of a crossing, from its scenario row.
void set_crossing_service(CrossingIn& x, const scenario::Crossing& cr, const SimOptions& o) {
  x.name = cr.name;
  x.mode = cr.mode == Mode::kRail ? "rail" : "road";
  x.servers = std::max(1, cr.servers);
  x.service_mean = cr.processing_hours.value() / o.capacity_scale;
  x.service = Duration(service_dist(o.service_distribution), x.service_mean, o.service_cv);
  x.inspection_p = cr.inspection_probability;
  x.inspection = Duration(Dist::kExponential, cr.inspection_hours.value());
  if (cr.mode == Mode::kRail && cr.gauge_change)
    x.transshipment =
        Duration(Dist::kLognormal, cr.transshipment_hours.value(), o.transshipment_cv);
}

/// Day-by-day opening calendar and capacity-cut speeds (scenario::crossing_schedule, the
/// schedule the planner's queue model reads too), and the background freight rate:
/// background_share of the crossing's service capacity over the run (open hours weighted
/// by speed, holidays and closures included), so other freight never exceeds what the
/// crossing can serve over the run.
void set_crossing_calendar(CrossingIn& x,
                           const scenario::Scenario& s,
                           const scenario::Crossing& cr,
                           const SimOptions& o,
                           ModelInput& in) {
  const int cal_days = in.total_days + kCalendarTailDays;
  const auto sched = scenario::crossing_schedule(s, cr, in.first_day, cal_days, o.closures);
  if (!sched.calendar_known)
    in.warnings.push_back(
        fmt::format("crossing {}: calendar '{}' has no rows: always open", cr.id, cr.calendar));
  x.calendar = OpeningCalendar(sched.open);
  x.speed = sched.speed;
  const double run_hours = 24.0 * in.total_days;
  const double open_share =
      run_hours > 0 ? sched.open_hours(0, in.total_days, true) / run_hours : 0.0;
  if (in.background && cr.background_share > 0.0 && x.service_mean > 0.0)
    x.background_per_hour = cr.background_share * x.servers * open_share / x.service_mean;
}

void set_crossings(Builder& b) {
  for (auto& x : b.in.crossings) {
    const auto& cr = b.s.crossings[static_cast<std::size_t>(b.ids.crossing.at(x.id))];
    set_crossing_service(x, cr, b.o);
    set_crossing_calendar(x, b.s, cr, b.o, b.in);
  }
}

/// Rail lanes sharing a hub and a crossing leave on the same trains.
void group_trains(ModelInput& in) {
  if (in.unit_per_parcel) return;
  for (std::uint32_t li = 0; li < in.lanes.size(); ++li) {
    auto& lane = in.lanes[li];
    if (!lane.rail) continue;
    std::uint32_t g = kNone;
    for (std::uint32_t k = 0; k < in.groups.size(); ++k)
      if (in.groups[k].hub == lane.hub && in.groups[k].crossing == lane.crossing) g = k;
    if (g == kNone) {
      g = static_cast<std::uint32_t>(in.groups.size());
      GroupIn grp;
      grp.hub = lane.hub;
      grp.crossing = lane.crossing;
      grp.to_crossing = lane.to_crossing;
      in.groups.push_back(grp);
    }
    lane.group = g;
    in.groups[g].lanes.push_back(li);
  }
}

/// Nominal hours from a warehouse's order to its receipt through `lane`: linehaul, one
/// consolidation interval, processing with its queueing allowance, expected inspection,
/// gauge change, linehaul.
double nominal_lead_hours(const ModelInput& in, const LaneIn& lane) {
  int train_days = 0;
  for (int w = 0; w < 7; ++w) train_days += (in.train_weekdays >> w) & 1u;
  const double train_gap =
      kHoursPerWeek / (train_days * static_cast<double>(in.train_hours.size()));
  const auto& x = in.crossings[lane.crossing];
  const double wait = in.unit_per_parcel ? 0.0 : lane.rail ? train_gap : in.truck_max_wait;
  return lane.to_crossing.mean() + wait + kServiceTimesInLead * x.service_mean +
         x.inspection_p * x.inspection.mean() + x.transshipment.mean() + lane.to_site.mean();
}

/// Each warehouse's inbound lanes (cumulative shares of the plan's flows), its mean
/// demand and its order-up-to cover.
void set_site_supply(Builder& b) {
  for (std::uint32_t si = 0; si < b.in.sites.size(); ++si) {
    auto& site = b.in.sites[si];
    double total = 0.0;
    for (const auto& [li, ppd] : b.inbound[si]) total += ppd;
    double cum = 0.0, lead = 0.0;
    for (const auto& [li, ppd] : b.inbound[si]) {
      cum += ppd;
      site.inbound.emplace_back(li, total > 0 ? cum / total : 1.0);
      lead = std::max(lead, nominal_lead_hours(b.in, b.in.lanes[li]));
    }
    if (!site.inbound.empty()) site.inbound.back().second = 1.0;
    for (const auto& ch : b.in.choices)
      if (ch.kind == ChoiceIn::kStocked && ch.site == si) site.base_per_day += ch.base_per_day;
    site.cover_days = b.o.order_up_to_days > 0 ? b.o.order_up_to_days : 1.0 + lead / 24.0;
    if (site.inbound.empty() && site.base_per_day > 0)
      b.in.warnings.push_back(fmt::format(
          "warehouse {}: serves zones but has no inbound flow: stock runs out", site.id));
  }
}

double mean_of(const double* v, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += v[i];
  return s / static_cast<double>(n);
}

/// Demand multiplier per day and zone (weekday x month profile x peak events), over the
/// run and the longest forecast cover after it (day d's review looks cover days ahead).
void set_demand_factors(Builder& b) {
  const auto& o = b.o;
  auto& in = b.in;
  double max_cover = 0.0;
  for (const auto& site : in.sites) max_cover = std::max(max_cover, site.cover_days);
  const int factor_days = in.total_days + static_cast<int>(std::ceil(max_cover)) + 1;
  const double wk_mean = mean_of(o.weekday_profile.data(), 7);
  const double mo_mean = mean_of(o.month_profile.data(), 12);
  std::vector<std::tuple<long, long, double, std::string>> peaks;
  long a = 0, e = 0;
  if (o.peaks)
    for (const auto& ev : b.s.events)
      if (ev.kind == scenario::Event::Kind::kPeak && parse_iso_date(ev.date_from, a) &&
          parse_iso_date(ev.date_to, e))
        peaks.emplace_back(a, e, ev.factor, ev.target);
  const std::size_t nz = in.zones.size();
  in.zone_factor.assign(static_cast<std::size_t>(factor_days) * nz, 1.0);
  for (int d = 0; d < factor_days; ++d) {
    const long date = in.first_day + d;
    const double base = (wk_mean > 0 ? o.weekday_profile[weekday_of(date)] / wk_mean : 1.0) *
                        (mo_mean > 0 ? o.month_profile[month_of(date)] / mo_mean : 1.0);
    for (std::size_t z = 0; z < nz; ++z) {
      double f = base;
      for (const auto& [from, to, k, target] : peaks)
        if (date >= from && date <= to && (target == "*" || target == in.zones[z].id)) f *= k;
      in.zone_factor[static_cast<std::size_t>(d) * nz + z] = f;
    }
  }
}

/// Each warehouse's expected orders per day: flat, or following the profiles and peaks.
void set_site_forecasts(Builder& b) {
  auto& in = b.in;
  const std::size_t nz = in.zones.size();
  const std::size_t days = nz ? in.zone_factor.size() / nz : 0;
  for (std::uint32_t si = 0; si < in.sites.size(); ++si) {
    auto& site = in.sites[si];
    site.rate.assign(days, site.base_per_day);
    if (!b.o.forecast_peaks) continue;
    std::fill(site.rate.begin(), site.rate.end(), 0.0);
    for (const auto& ch : in.choices)
      if (ch.kind == ChoiceIn::kStocked && ch.site == si)
        for (std::size_t d = 0; d < days; ++d)
          site.rate[d] += ch.base_per_day * in.zone_factor[d * nz + ch.zone];
  }
}

/// A warning for each crossing whose offered load (plan units + background) reaches
/// kSaturationShare of its service capacity over the run's open hours.
void warn_offered_load(ModelInput& in) {
  std::vector<double> corridor_units_per_day(in.crossings.size(), 0.0);
  for (const auto& site : in.sites)
    for (std::size_t k = 0; k < site.inbound.size(); ++k) {
      const double prev = k ? site.inbound[k - 1].second : 0.0;
      const auto& lane = in.lanes[site.inbound[k].first];
      corridor_units_per_day[lane.crossing] +=
          site.base_per_day * (site.inbound[k].second - prev) / lane.unit_parcels;
    }
  for (const auto& ch : in.choices)
    if (ch.kind == ChoiceIn::kDirect)
      corridor_units_per_day[in.lanes[ch.lane].crossing] +=
          ch.base_per_day / in.lanes[ch.lane].unit_parcels;
  for (std::size_t xi = 0; xi < in.crossings.size(); ++xi) {
    const auto& x = in.crossings[xi];
    const double open = x.calendar.open_hours(0.0, 24.0 * in.total_days) / in.total_days;
    const double capacity = x.service_mean > 0 ? x.servers * open / x.service_mean
                                               : std::numeric_limits<double>::infinity();
    const double load = corridor_units_per_day[xi] + x.background_per_hour * 24.0;
    if (load >= kSaturationShare * capacity)
      in.warnings.push_back(fmt::format(
          "crossing {}: offered load {:.1f} units/day against a service capacity of {:.1f}: its "
          "queue will keep growing",
          x.id,
          load,
          capacity));
  }
}

}  // namespace

ModelInput prepare(const scenario::Scenario& s, const design::Plan& plan, const SimOptions& o) {
  Builder b(s, plan, o);
  check_options(o, b.sink);
  const long start = resolve_start_day(s, o, b.sink);
  b.sink.throw_if_errors();
  copy_options(o, s, start, b.in);

  b.net = network::build(s);
  b.ids = index_ids(s);
  b.routes = index_routes(b.net);
  add_sites(b);
  add_plan_zones(b);
  add_flows(b);
  b.sink.throw_if_errors();
  add_unserved_choices(b);

  set_crossings(b);
  group_trains(b.in);
  set_site_supply(b);
  set_demand_factors(b);
  set_site_forecasts(b);
  warn_offered_load(b.in);
  return std::move(b.in);
}

}  // namespace corridor::sim
