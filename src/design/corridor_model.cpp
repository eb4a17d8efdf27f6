#include "corridor_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace corridor::design {

namespace {

using network::Network;

// Flows below this (parcels/day) are solver noise, not flow.
constexpr double kFlowEps = 1e-6;
// Shadow values below this (per year per parcel/day) do not count as binding.
constexpr double kValueEps = 1e-6;

std::string crossing_status_name(scenario::CrossingStatus s) {
  switch (s) {
    case scenario::CrossingStatus::kOperating:
      return "operating";
    case scenario::CrossingStatus::kPlanned:
      return "planned";
    case scenario::CrossingStatus::kClosed:
      return "closed";
  }
  return "closed";
}

std::string mode_name(scenario::Mode m) { return m == scenario::Mode::kRail ? "rail" : "road"; }

std::string node_name(const scenario::Scenario& s, const std::string& id) {
  const scenario::Node* n = s.find_node(id);
  return n ? n->name : std::string();
}

// Resources used by a route: capacitated links on `links`, then the crossing and hub.
class ResourceIndex {
 public:
  explicit ResourceIndex(CorridorModel& cm) : cm_(cm) {}

  std::vector<int> for_route(int hub, int crossing, const std::vector<int>& links) {
    std::vector<int> r;
    r.push_back(get(CorridorModel::ResourceKind::kCrossing, crossing));
    for (int li : links)
      if (cm_.net.links[li].capacity_parcels_per_day)
        r.push_back(get(CorridorModel::ResourceKind::kLink, li));
    if (cm_.net.scenario.hubs[hub].supply_cap_per_day)
      r.push_back(get(CorridorModel::ResourceKind::kHub, hub));
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
  }

 private:
  int get(CorridorModel::ResourceKind kind, int index) {
    const auto key = std::make_pair(static_cast<int>(kind), index);
    auto it = ids_.find(key);
    if (it != ids_.end()) return it->second;
    solver::Resource res;
    const Network& net = cm_.net;
    switch (kind) {
      case CorridorModel::ResourceKind::kCrossing:
        res.name = "crossing:" + net.crossings[index].id;
        res.capacity = net.crossings[index].capacity_parcels_per_day;
        break;
      case CorridorModel::ResourceKind::kLink:
        res.name = "link:" + net.links[index].id;
        res.capacity = *net.links[index].capacity_parcels_per_day;
        break;
      case CorridorModel::ResourceKind::kHub:
        res.name = "hub:" + net.scenario.hubs[index].id;
        res.capacity = *net.scenario.hubs[index].supply_cap_per_day;
        break;
    }
    const int id = static_cast<int>(cm_.model.resources.size());
    cm_.model.resources.push_back(std::move(res));
    cm_.resources.push_back({kind, index});
    ids_[key] = id;
    return id;
  }

  CorridorModel& cm_;
  std::map<std::pair<int, int>, int> ids_;
};

std::vector<std::string> concat_route(const network::Route& cn, const network::Route& kz) {
  std::vector<std::string> r = cn.nodes;
  r.insert(r.end(), kz.nodes.begin(), kz.nodes.end());
  return r;
}

}  // namespace

namespace {

// Share of the solve done: see PlanOptions::on_progress.
double solve_fraction(const PlanOptions& o, double elapsed, double upper, double lower) {
  double f = o.time_limit_seconds < 1e29 ? elapsed / o.time_limit_seconds : 0.0;
  if (std::isfinite(upper) && std::isfinite(lower)) {
    // The gap closes roughly geometrically: count decades from 100% down to the target.
    const double gap = std::max(0.0, upper - lower) / std::max(1.0, std::abs(upper));
    const double target = std::max(o.gap, 1e-9);
    f = std::max(f, gap <= target ? 1.0 : std::log(1.0 / gap) / std::log(1.0 / target));
  }
  return std::clamp(f, 0.0, 1.0);
}

}  // namespace

solver::SolveOptions solve_options(const PlanOptions& o) {
  solver::SolveOptions so;
  so.time_limit_seconds = o.time_limit_seconds;
  so.relative_gap = o.gap;
  so.threads = o.threads;
  so.alternatives = o.alternatives;
  so.progress = o.progress;
  if (o.on_progress)
    so.on_bound = [&o](double elapsed, double upper, double lower, long long nodes) {
      o.on_progress(0.1 + 0.85 * solve_fraction(o, elapsed, upper, lower),
                    fmt::format("branch and bound: {} nodes, {:.1f} s", nodes, elapsed));
    };
  return so;
}

CorridorModel build_corridor_model(const scenario::Scenario& s, const PlanOptions& options) {
  CorridorModel cm;
  cm.net = network::build(s);
  cm.days = s.planning_days_per_year;
  const double days = cm.days;
  solver::Model& m = cm.model;
  const Network& net = cm.net;

  for (const auto& site : s.sites) {
    solver::Facility f;
    f.name = site.id;
    f.forced_open = site.existing;
    for (const auto& opt : site.sizes)
      f.options.push_back({opt.capacity_per_day,
                           opt.fixed_cost_per_year.value(),
                           opt.handling_cost_per_parcel.value() * days});
    m.facilities.push_back(std::move(f));
  }

  // Customers: one per zone, or a stocked and a direct part for a fixed stocked_share.
  std::vector<int> stocked_customer(s.zones.size(), -1);
  std::vector<int> direct_customer(s.zones.size(), -1);
  for (int zi = 0; zi < static_cast<int>(s.zones.size()); ++zi) {
    const scenario::Zone& z = s.zones[zi];
    auto add = [&](CorridorModel::Part part, double demand) {
      const int c = static_cast<int>(m.demand.size());
      m.demand.push_back(demand);
      cm.customers.push_back({zi, part});
      return c;
    };
    if (!z.stocked_share) {
      const int c = add(CorridorModel::Part::kAny, z.parcels_per_day);
      stocked_customer[zi] = direct_customer[zi] = c;
    } else {
      const double share = *z.stocked_share;
      if (share > 0.0)
        stocked_customer[zi] = add(CorridorModel::Part::kStocked, z.parcels_per_day * share);
      if (share < 1.0)
        direct_customer[zi] = add(CorridorModel::Part::kDirect, z.parcels_per_day * (1.0 - share));
    }
  }

  for (int di = 0; di < static_cast<int>(net.delivery.size()); ++di) {
    const network::DeliveryLeg& d = net.delivery[di];
    const int c = stocked_customer[d.zone];
    if (c < 0 || !d.within_promise) continue;
    m.arcs.push_back({d.site, c, d.leg.cost_per_parcel * days});
    cm.arc_delivery.push_back(di);
  }

  m.needs_supply = true;
  ResourceIndex res(cm);
  for (int si = 0; si < static_cast<int>(net.supply.size()); ++si) {
    const network::SupplyRoute& r = net.supply[si];
    std::vector<int> links = r.cn.links;
    links.insert(links.end(), r.kz.links.begin(), r.kz.links.end());
    m.supply.push_back(
        {r.site, r.cost_per_parcel(net.crossings) * days, res.for_route(r.hub, r.crossing, links)});
    cm.supply_route.push_back(si);
  }
  for (int di = 0; di < static_cast<int>(net.direct.size()); ++di) {
    const network::DirectRoute& r = net.direct[di];
    const int c = direct_customer[r.zone];
    if (c < 0 || !r.within_promise) continue;
    std::vector<int> links = r.cn.links;
    if (r.leg.link >= 0) links.push_back(r.leg.link);
    m.direct.push_back({c, r.cost_per_parcel * days, res.for_route(r.hub, r.crossing, links)});
    cm.direct_route.push_back(di);
  }

  m.unmet_penalty = s.unmet_penalty_per_parcel.value() * days;
  m.max_open = options.max_open;
  m.single_sourcing = options.single_sourcing;
  return cm;
}

namespace {

// The solver's own status, in the Plan's words (the solver knows no Plan).
SolveStatus plan_status(solver::SolveStatus s) {
  switch (s) {
    case solver::SolveStatus::kOptimal:
      return SolveStatus::kOptimal;
    case solver::SolveStatus::kTimeLimit:
      return SolveStatus::kTimeLimit;
    case solver::SolveStatus::kNoSolution:
      return SolveStatus::kNoSolution;
    case solver::SolveStatus::kInfeasible:
      return SolveStatus::kInfeasible;
  }
  return SolveStatus::kInfeasible;
}

}  // namespace

Plan plan_outcome(const solver::Solution& sol) {
  Plan p;
  p.status = plan_status(sol.status);
  p.objective = sol.objective;
  p.lower_bound = sol.lower_bound;
  p.gap = sol.gap;
  p.solve_seconds = sol.seconds;
  p.nodes = sol.nodes;
  return p;
}

namespace {

// Relative slack under which a resource counts as saturated when its dual is degenerate
// (zero): of the order of Clp's default primal feasibility tolerance (1e-7), so a flow
// the LP put "at capacity" passes the test.
constexpr double kSaturationTol = 1e-7;
// A zone is late only when its mean delivery time exceeds the promise by more than this
// (days): guards against rounding in hours / parcels / 24 turning "on time" into "late".
constexpr double kLateEpsDays = 1e-9;
// Delivery times are in hours, promises in days.
constexpr double kHoursPerDay = 24.0;

// What make_plan's steps read: the model, the solution and its scenario.
struct PlanInputs {
  PlanInputs(const CorridorModel& model, const solver::Solution& solution)
      : cm(model),
        sol(solution),
        net(model.net),
        s(model.net.scenario),
        m(model.model),
        days(model.days) {}

  // A solution vector shorter than the model (nothing solved) reads as zero.
  static double at(const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
  }
  // The chosen size option of facility f, -1 when closed.
  int option_of(int f) const {
    return f < static_cast<int>(sol.option.size()) ? sol.option[f] : -1;
  }

  const CorridorModel& cm;
  const solver::Solution& sol;
  const Network& net;
  const scenario::Scenario& s;
  const solver::Model& m;
  double days;
};

// Per site: parcels out to zones and in from supply routes, the inbound cost, the zones
// served, and the open option's fixed cost and handling cost per parcel (0 when closed).
struct SiteTotals {
  std::vector<double> out_flow, in_flow, in_cost;
  std::vector<std::set<std::string>> zones;
  std::vector<double> fixed, handling;
};

// Per zone: parcels stocked, direct and unmet, and the flow-weighted hours and cost.
struct ZoneTotals {
  explicit ZoneTotals(std::size_t n)
      : stocked(n, 0.0), direct(n, 0.0), unmet(n, 0.0), hours(n, 0.0), cost(n, 0.0), site_flow(n) {}
  std::vector<double> stocked, direct, unmet, hours, cost;
  std::vector<std::map<int, double>> site_flow;  // site -> parcels/day delivered from it
};

SiteTotals site_throughput(const PlanInputs& in) {
  const std::size_t n_sites = in.s.sites.size();
  SiteTotals t;
  t.out_flow.assign(n_sites, 0.0);
  t.in_flow.assign(n_sites, 0.0);
  t.in_cost.assign(n_sites, 0.0);
  t.zones.resize(n_sites);
  t.fixed.assign(n_sites, 0.0);
  t.handling.assign(n_sites, 0.0);
  for (std::size_t a = 0; a < in.m.arcs.size(); ++a) {
    const double f = PlanInputs::at(in.sol.arc_flow, a);
    if (f <= kFlowEps) continue;
    const auto& d = in.net.delivery[in.cm.arc_delivery[a]];
    t.out_flow[d.site] += f;
    t.zones[d.site].insert(in.s.zones[d.zone].id);
  }
  for (std::size_t k = 0; k < in.m.supply.size(); ++k) {
    const double f = PlanInputs::at(in.sol.supply_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = in.net.supply[in.cm.supply_route[k]];
    t.in_flow[r.site] += f;
    t.in_cost[r.site] += f * r.cost_per_parcel(in.net.crossings);
  }
  return t;
}

// One WarehouseDecision per open site; fills the sites' fixed and handling costs.
void add_warehouses(const PlanInputs& in, SiteTotals& sites, Plan& p) {
  const scenario::Scenario& s = in.s;
  CostBreakdown& c = p.costs;
  for (std::size_t fi = 0; fi < s.sites.size(); ++fi) {
    const int o = in.option_of(static_cast<int>(fi));
    if (o < 0) continue;
    const scenario::WarehouseSite& site = s.sites[fi];
    const scenario::SizeOption& opt = site.sizes[o];
    const double out = sites.out_flow[fi];
    WarehouseDecision w;
    w.site = site.id;
    w.node = site.node;
    w.name = node_name(s, site.node);
    w.size = opt.size;
    w.capacity_per_day = opt.capacity_per_day;
    w.fixed_cost_per_year = opt.fixed_cost_per_year.value();
    w.handling_cost_per_parcel = opt.handling_cost_per_parcel.value();
    w.throughput_per_day = out;
    w.utilisation = opt.capacity_per_day > 0 ? out / opt.capacity_per_day : 0.0;
    w.existing = site.existing;
    w.zones.assign(sites.zones[fi].begin(), sites.zones[fi].end());
    p.warehouses.push_back(std::move(w));
    sites.fixed[fi] = opt.fixed_cost_per_year.value();
    sites.handling[fi] = opt.handling_cost_per_parcel.value();
    c.fixed += sites.fixed[fi];
    c.handling += out * sites.handling[fi] * in.days;
  }
}

// Hub -> crossing -> site flows: their costs by leg and the crossings' flow.
void add_inbound_flows(const PlanInputs& in, std::vector<double>& crossing_flow, Plan& p) {
  const Network& net = in.net;
  CostBreakdown& c = p.costs;
  for (std::size_t k = 0; k < in.m.supply.size(); ++k) {
    const double f = PlanInputs::at(in.sol.supply_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = net.supply[in.cm.supply_route[k]];
    const auto& x = net.crossings[r.crossing];
    crossing_flow[r.crossing] += f;
    c.cn_linehaul += f * r.cn.cost_per_parcel * in.days;
    c.crossing += f * x.cost_per_parcel * in.days;
    c.kz_linehaul += f * r.kz.cost_per_parcel * in.days;
    FlowPath fp;
    fp.channel = "inbound";
    fp.hub = in.s.hubs[r.hub].id;
    fp.crossing = x.id;
    fp.site = in.s.sites[r.site].id;
    fp.parcels_per_day = f;
    fp.cost_per_parcel = r.cost_per_parcel(net.crossings);
    fp.hours = r.hours(net.crossings);
    fp.mode = mode_name(x.mode);
    fp.route = concat_route(r.cn, r.kz);
    for (int li : r.cn.links) fp.legs.push_back(net.links[li].id);
    fp.legs.push_back(x.id);
    for (int li : r.kz.links) fp.legs.push_back(net.links[li].id);
    p.flows.push_back(std::move(fp));
  }
}

// Site -> zone last-mile flows: last-mile cost, and each zone's stocked parcels, hours
// and full cost per parcel.
void add_outbound_flows(const PlanInputs& in, const SiteTotals& sites, ZoneTotals& zones, Plan& p) {
  const Network& net = in.net;
  const double days = in.days;
  for (std::size_t a = 0; a < in.m.arcs.size(); ++a) {
    const double f = PlanInputs::at(in.sol.arc_flow, a);
    if (f <= kFlowEps) continue;
    const auto& d = net.delivery[in.cm.arc_delivery[a]];
    p.costs.last_mile += f * d.leg.cost_per_parcel * days;
    zones.stocked[d.zone] += f;
    zones.hours[d.zone] += f * d.leg.hours;
    zones.site_flow[d.zone][d.site] += f;
    // Variable cost of a stocked parcel: the site's mean inbound cost, handling, last
    // mile, plus the site's fixed cost spread over its parcels.
    const double inbound =
        sites.in_flow[d.site] > 0 ? sites.in_cost[d.site] / sites.in_flow[d.site] : 0.0;
    const double fixed =
        sites.out_flow[d.site] > 0 ? sites.fixed[d.site] / (sites.out_flow[d.site] * days) : 0.0;
    zones.cost[d.zone] += f * (inbound + sites.handling[d.site] + d.leg.cost_per_parcel + fixed);
    FlowPath fp;
    fp.channel = "outbound";
    fp.site = in.s.sites[d.site].id;
    fp.zone = in.s.zones[d.zone].id;
    fp.parcels_per_day = f;
    fp.cost_per_parcel = d.leg.cost_per_parcel;
    fp.hours = d.leg.hours;
    fp.route = {d.leg.from_node, d.leg.zone_node};
    fp.legs = {d.leg.link >= 0 ? net.links[d.leg.link].id : std::string("last_mile")};
    p.flows.push_back(std::move(fp));
  }
}

// Hub -> crossing -> zone flows that skip the warehouses: their costs by leg, the
// crossings' flow, and each zone's direct parcels, hours and cost.
void add_direct_flows(const PlanInputs& in,
                      std::vector<double>& crossing_flow,
                      ZoneTotals& zones,
                      Plan& p) {
  const Network& net = in.net;
  const double days = in.days;
  CostBreakdown& c = p.costs;
  for (std::size_t k = 0; k < in.m.direct.size(); ++k) {
    const double f = PlanInputs::at(in.sol.direct_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = net.direct[in.cm.direct_route[k]];
    const auto& x = net.crossings[r.crossing];
    crossing_flow[r.crossing] += f;
    c.cn_linehaul += f * r.cn.cost_per_parcel * days;
    c.crossing += f * x.cost_per_parcel * days;
    c.direct += f * in.s.direct.cost_per_parcel.value() * days;
    c.last_mile += f * r.leg.cost_per_parcel * days;
    zones.direct[r.zone] += f;
    zones.hours[r.zone] += f * r.hours;
    zones.cost[r.zone] += f * r.cost_per_parcel;
    FlowPath fp;
    fp.channel = "direct";
    fp.hub = in.s.hubs[r.hub].id;
    fp.crossing = x.id;
    fp.zone = in.s.zones[r.zone].id;
    fp.parcels_per_day = f;
    fp.cost_per_parcel = r.cost_per_parcel;
    fp.hours = r.hours;
    fp.mode = mode_name(x.mode);
    fp.route = r.cn.nodes;
    fp.route.push_back(x.kz_node);
    fp.route.push_back(r.leg.zone_node);
    for (int li : r.cn.links) fp.legs.push_back(net.links[li].id);
    fp.legs.push_back(x.id);
    fp.legs.push_back(r.leg.link >= 0 ? net.links[r.leg.link].id : std::string("last_mile"));
    p.flows.push_back(std::move(fp));
  }
}

// Every crossing of the scenario, used or not, with its flow and shadow price.
void add_crossings(const PlanInputs& in, const std::vector<double>& crossing_flow, Plan& p) {
  const Network& net = in.net;
  std::vector<double> crossing_value(net.crossings.size(), 0.0);
  for (std::size_t ri = 0; ri < in.cm.resources.size(); ++ri)
    if (in.cm.resources[ri].kind == CorridorModel::ResourceKind::kCrossing)
      crossing_value[in.cm.resources[ri].index] = PlanInputs::at(in.sol.resource_value, ri);

  for (std::size_t xi = 0; xi < net.crossings.size(); ++xi) {
    const auto& x = net.crossings[xi];
    CrossingResult r;
    r.crossing = x.id;
    r.name = x.name;
    r.mode = mode_name(x.mode);
    r.status = crossing_status_name(x.status);
    r.usable = x.usable;
    r.capacity_parcels_per_day = x.capacity_parcels_per_day;
    r.flow_parcels_per_day = crossing_flow[xi];
    r.flow_units_per_day = x.parcels_per_unit > 0 ? crossing_flow[xi] / x.parcels_per_unit : 0.0;
    r.utilisation =
        x.capacity_parcels_per_day > 0 ? crossing_flow[xi] / x.capacity_parcels_per_day : 0.0;
    // resource_value is per parcel/day of capacity; one more container or truck per day
    // lets parcels_per_unit more parcels through.
    r.shadow_price_per_unit_day = crossing_value[xi] * x.parcels_per_unit;
    p.crossings.push_back(std::move(r));
  }
}

// Why a customer's demand went unmet: the binding resource or site on its
// promise-feasible paths, else "cost_above_penalty" or "no_path_within_promise".
class UnmetReasons {
 public:
  UnmetReasons(const PlanInputs& in, const std::vector<double>& site_out_flow)
      : in_(in),
        out_flow_(site_out_flow),
        customer_arcs_(in.m.demand.size()),
        customer_direct_(in.m.demand.size()),
        facility_supply_(in.s.sites.size()),
        resource_use_(in.m.resources.size(), 0.0) {
    const solver::Model& m = in.m;
    for (std::size_t a = 0; a < m.arcs.size(); ++a)
      customer_arcs_[m.arcs[a].customer].push_back(static_cast<int>(a));
    for (std::size_t k = 0; k < m.direct.size(); ++k)
      customer_direct_[m.direct[k].customer].push_back(static_cast<int>(k));
    for (std::size_t k = 0; k < m.supply.size(); ++k)
      facility_supply_[m.supply[k].facility].push_back(static_cast<int>(k));
    for (std::size_t k = 0; k < m.supply.size(); ++k)
      for (int r : m.supply[k].resources) resource_use_[r] += PlanInputs::at(in.sol.supply_flow, k);
    for (std::size_t k = 0; k < m.direct.size(); ++k)
      for (int r : m.direct[k].resources) resource_use_[r] += PlanInputs::at(in.sol.direct_flow, k);
  }

  // The reason code; `binding` gets the id of the binding crossing, link, hub or site.
  std::string reason(int cust, std::string& binding) const {
    std::set<int> res;
    std::set<int> sites;
    candidates(cust, res, sites);
    if (customer_direct_[cust].empty() && sites.empty()) return "no_path_within_promise";
    std::string r = largest_shadow_value(res, sites, binding);
    if (r.empty()) r = saturated(res, sites, binding);
    // Nothing binds: serving it would cost more than the penalty.
    return r.empty() ? "cost_above_penalty" : r;
  }

 private:
  // Candidate resources and sites: those on any promise-feasible path to the customer.
  void candidates(int cust, std::set<int>& res, std::set<int>& sites) const {
    const solver::Model& m = in_.m;
    for (int k : customer_direct_[cust])
      for (int r : m.direct[k].resources) res.insert(r);
    for (int a : customer_arcs_[cust]) {
      const int f = m.arcs[a].facility;
      if (facility_supply_[f].empty()) continue;  // a site nothing can feed is no path
      sites.insert(f);
      for (int k : facility_supply_[f])
        for (int r : m.supply[k].resources) res.insert(r);
    }
  }

  // 1. The candidate with the largest positive shadow value binds ("" if none has one).
  std::string largest_shadow_value(const std::set<int>& res,
                                   const std::set<int>& sites,
                                   std::string& binding) const {
    double best = kValueEps;
    int best_res = -1, best_site = -1;
    for (int r : res) {
      const double v = PlanInputs::at(in_.sol.resource_value, r);
      if (v > best) best = v, best_res = r, best_site = -1;
    }
    for (int f : sites) {
      if (in_.option_of(f) < 0) continue;
      const double v = PlanInputs::at(in_.sol.facility_capacity_value, f);
      if (v > best) best = v, best_site = f, best_res = -1;
    }
    if (best_site >= 0) {
      binding = in_.s.sites[best_site].id;
      return "site_capacity";
    }
    if (best_res >= 0) return resource_reason(best_res, binding);
    return std::string();
  }

  // 2. Degenerate duals: a saturated candidate, in the order crossing, link, hub, site
  // ("" if none is).
  std::string saturated(const std::set<int>& res,
                        const std::set<int>& sites,
                        std::string& binding) const {
    const solver::Model& m = in_.m;
    for (auto kind : {CorridorModel::ResourceKind::kCrossing,
                      CorridorModel::ResourceKind::kLink,
                      CorridorModel::ResourceKind::kHub})
      for (int r : res)
        if (in_.cm.resources[r].kind == kind &&
            resource_use_[r] >= m.resources[r].capacity * (1.0 - kSaturationTol) - kFlowEps)
          return resource_reason(r, binding);
    for (int f : sites) {
      const int o = in_.option_of(f);
      if (o >= 0 &&
          out_flow_[f] >= m.facilities[f].options[o].capacity * (1.0 - kSaturationTol) - kFlowEps) {
        binding = in_.s.sites[f].id;
        return "site_capacity";
      }
    }
    return std::string();
  }

  std::string resource_reason(int r, std::string& binding) const {
    const CorridorModel::ResourceRef& ref = in_.cm.resources[r];
    switch (ref.kind) {
      case CorridorModel::ResourceKind::kCrossing:
        binding = in_.net.crossings[ref.index].id;
        return "crossing_capacity";
      case CorridorModel::ResourceKind::kLink:
        binding = in_.net.links[ref.index].id;
        return "link_capacity";
      case CorridorModel::ResourceKind::kHub:
        binding = in_.s.hubs[ref.index].id;
        return "hub_supply";
    }
    return std::string();
  }

  const PlanInputs& in_;
  const std::vector<double>& out_flow_;
  std::vector<std::vector<int>> customer_arcs_, customer_direct_;  // per customer
  std::vector<std::vector<int>> facility_supply_;                  // per site
  std::vector<double> resource_use_;                               // parcels/day
};

// Unmet demand per customer with its reason; the penalty's cost and each zone's unmet.
void add_unmet(const PlanInputs& in, const UnmetReasons& reasons, ZoneTotals& zones, Plan& p) {
  const double penalty = in.s.unmet_penalty_per_parcel.value();
  for (std::size_t cu = 0; cu < in.m.demand.size(); ++cu) {
    const double u = PlanInputs::at(in.sol.unmet, cu);
    if (u <= kFlowEps) continue;
    const auto& cref = in.cm.customers[cu];
    zones.unmet[cref.zone] += u;
    p.costs.unmet_penalty += u * penalty * in.days;
    UnmetDemand ud;
    ud.zone = in.s.zones[cref.zone].id;
    ud.parcels_per_day = u;
    ud.part = cref.part == CorridorModel::Part::kAny
                  ? "any"
                  : (cref.part == CorridorModel::Part::kStocked ? "stocked" : "direct");
    ud.reason = reasons.reason(static_cast<int>(cu), ud.binding);
    p.unmet.push_back(std::move(ud));
  }
}

// One ZoneResult per zone, and the plan's demand, delivered and unmet totals.
void add_zones(const PlanInputs& in, const ZoneTotals& zones, Plan& p) {
  const scenario::Scenario& s = in.s;
  for (std::size_t zi = 0; zi < s.zones.size(); ++zi) {
    const scenario::Zone& z = s.zones[zi];
    ZoneResult r;
    r.zone = z.id;
    r.node = z.node;
    r.name = node_name(s, z.node);
    r.demand_per_day = z.parcels_per_day;
    r.stocked_per_day = zones.stocked[zi];
    r.direct_per_day = zones.direct[zi];
    r.unmet_per_day = zones.unmet[zi];
    double best = 0.0;
    for (const auto& [site, f] : zones.site_flow[zi])
      if (f > best) best = f, r.main_site = s.sites[site].id;
    r.promise_days = z.promise_days;
    const double served = zones.stocked[zi] + zones.direct[zi];
    r.delivery_days = served > 0 ? zones.hours[zi] / served / kHoursPerDay : 0.0;
    r.cost_per_parcel = served > 0 ? zones.cost[zi] / served : 0.0;
    r.late = served > 0 && r.delivery_days > r.promise_days + kLateEpsDays;
    p.demand_per_day += z.parcels_per_day;
    p.delivered_per_day += served;
    p.unmet_per_day += zones.unmet[zi];
    p.zones.push_back(std::move(r));
  }
}

}  // namespace

// The steps run in this order because costs accumulate by leg in it (inbound, outbound,
// direct, unmet), and zone costs need the sites' fixed and handling costs first.
Plan make_plan(const CorridorModel& cm, const solver::Solution& sol) {
  const PlanInputs in(cm, sol);
  const scenario::Scenario& s = in.s;

  Plan p = plan_outcome(sol);
  p.scenario = s.name;
  p.variant = s.variant;
  p.currency = s.currency;
  p.planning_days_per_year = s.planning_days_per_year;

  SiteTotals sites = site_throughput(in);
  add_warehouses(in, sites, p);

  std::vector<double> crossing_flow(in.net.crossings.size(), 0.0);
  ZoneTotals zones(s.zones.size());
  add_inbound_flows(in, crossing_flow, p);
  add_outbound_flows(in, sites, zones, p);
  add_direct_flows(in, crossing_flow, zones, p);
  add_crossings(in, crossing_flow, p);

  add_unmet(in, UnmetReasons(in, sites.out_flow), zones, p);
  add_zones(in, zones, p);
  p.cost_per_parcel = p.delivered_per_day > 0 ? p.objective / (p.delivered_per_day * in.days) : 0.0;
  return p;
}

}  // namespace corridor::design
