#include "corridor_model.hpp"

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

solver::SolveOptions solve_options(const PlanOptions& o) {
  solver::SolveOptions so;
  so.time_limit_seconds = o.time_limit_seconds;
  so.relative_gap = o.gap;
  so.threads = o.threads;
  so.progress = o.progress;
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

Plan make_plan(const CorridorModel& cm, const solver::Solution& sol) {
  const Network& net = cm.net;
  const scenario::Scenario& s = net.scenario;
  const solver::Model& m = cm.model;
  const double days = cm.days;

  Plan p = plan_outcome(sol);
  p.scenario = s.name;
  p.variant = s.variant;
  p.currency = s.currency;
  p.planning_days_per_year = s.planning_days_per_year;

  auto flow_at = [](const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
  };
  auto option_of = [&](int f) {
    return f < static_cast<int>(sol.option.size()) ? sol.option[f] : -1;
  };

  // Site throughput and inbound.
  const std::size_t n_sites = s.sites.size();
  std::vector<double> out_flow(n_sites, 0.0), in_flow(n_sites, 0.0), in_cost(n_sites, 0.0);
  std::vector<std::set<std::string>> site_zones(n_sites);
  for (std::size_t a = 0; a < m.arcs.size(); ++a) {
    const double f = flow_at(sol.arc_flow, a);
    if (f <= kFlowEps) continue;
    const auto& d = net.delivery[cm.arc_delivery[a]];
    out_flow[d.site] += f;
    site_zones[d.site].insert(s.zones[d.zone].id);
  }
  for (std::size_t k = 0; k < m.supply.size(); ++k) {
    const double f = flow_at(sol.supply_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = net.supply[cm.supply_route[k]];
    in_flow[r.site] += f;
    in_cost[r.site] += f * r.cost_per_parcel(net.crossings);
  }

  CostBreakdown& c = p.costs;
  std::vector<double> site_fixed(n_sites, 0.0), site_handling(n_sites, 0.0);
  for (std::size_t fi = 0; fi < n_sites; ++fi) {
    const int o = option_of(static_cast<int>(fi));
    if (o < 0) continue;
    const scenario::WarehouseSite& site = s.sites[fi];
    const scenario::SizeOption& opt = site.sizes[o];
    WarehouseDecision w;
    w.site = site.id;
    w.node = site.node;
    w.name = node_name(s, site.node);
    w.size = opt.size;
    w.capacity_per_day = opt.capacity_per_day;
    w.fixed_cost_per_year = opt.fixed_cost_per_year.value();
    w.handling_cost_per_parcel = opt.handling_cost_per_parcel.value();
    w.throughput_per_day = out_flow[fi];
    w.utilisation = opt.capacity_per_day > 0 ? out_flow[fi] / opt.capacity_per_day : 0.0;
    w.existing = site.existing;
    w.zones.assign(site_zones[fi].begin(), site_zones[fi].end());
    p.warehouses.push_back(std::move(w));
    site_fixed[fi] = opt.fixed_cost_per_year.value();
    site_handling[fi] = opt.handling_cost_per_parcel.value();
    c.fixed += site_fixed[fi];
    c.handling += out_flow[fi] * site_handling[fi] * days;
  }

  // Crossings: every crossing of the scenario.
  std::vector<double> crossing_flow(net.crossings.size(), 0.0);
  std::vector<double> crossing_value(net.crossings.size(), 0.0);

  // Flows.
  for (std::size_t k = 0; k < m.supply.size(); ++k) {
    const double f = flow_at(sol.supply_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = net.supply[cm.supply_route[k]];
    const auto& x = net.crossings[r.crossing];
    crossing_flow[r.crossing] += f;
    c.cn_linehaul += f * r.cn.cost_per_parcel * days;
    c.crossing += f * x.cost_per_parcel * days;
    c.kz_linehaul += f * r.kz.cost_per_parcel * days;
    FlowPath fp;
    fp.channel = "inbound";
    fp.hub = s.hubs[r.hub].id;
    fp.crossing = x.id;
    fp.site = s.sites[r.site].id;
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

  const std::size_t n_zones = s.zones.size();
  std::vector<double> z_stocked(n_zones, 0.0), z_direct(n_zones, 0.0), z_unmet(n_zones, 0.0);
  std::vector<double> z_hours(n_zones, 0.0), z_cost(n_zones, 0.0);
  std::vector<std::map<int, double>> z_site_flow(n_zones);
  for (std::size_t a = 0; a < m.arcs.size(); ++a) {
    const double f = flow_at(sol.arc_flow, a);
    if (f <= kFlowEps) continue;
    const auto& d = net.delivery[cm.arc_delivery[a]];
    c.last_mile += f * d.leg.cost_per_parcel * days;
    z_stocked[d.zone] += f;
    z_hours[d.zone] += f * d.leg.hours;
    z_site_flow[d.zone][d.site] += f;
    // Variable cost of a stocked parcel: the site's mean inbound cost, handling, last
    // mile, plus the site's fixed cost spread over its parcels.
    const double inbound = in_flow[d.site] > 0 ? in_cost[d.site] / in_flow[d.site] : 0.0;
    const double fixed =
        out_flow[d.site] > 0 ? site_fixed[d.site] / (out_flow[d.site] * days) : 0.0;
    z_cost[d.zone] += f * (inbound + site_handling[d.site] + d.leg.cost_per_parcel + fixed);
    FlowPath fp;
    fp.channel = "outbound";
    fp.site = s.sites[d.site].id;
    fp.zone = s.zones[d.zone].id;
    fp.parcels_per_day = f;
    fp.cost_per_parcel = d.leg.cost_per_parcel;
    fp.hours = d.leg.hours;
    fp.route = {d.leg.from_node, d.leg.zone_node};
    fp.legs = {d.leg.link >= 0 ? net.links[d.leg.link].id : std::string("last_mile")};
    p.flows.push_back(std::move(fp));
  }
  for (std::size_t k = 0; k < m.direct.size(); ++k) {
    const double f = flow_at(sol.direct_flow, k);
    if (f <= kFlowEps) continue;
    const auto& r = net.direct[cm.direct_route[k]];
    const auto& x = net.crossings[r.crossing];
    crossing_flow[r.crossing] += f;
    c.cn_linehaul += f * r.cn.cost_per_parcel * days;
    c.crossing += f * x.cost_per_parcel * days;
    c.direct += f * s.direct.cost_per_parcel.value() * days;
    c.last_mile += f * r.leg.cost_per_parcel * days;
    z_direct[r.zone] += f;
    z_hours[r.zone] += f * r.hours;
    z_cost[r.zone] += f * r.cost_per_parcel;
    FlowPath fp;
    fp.channel = "direct";
    fp.hub = s.hubs[r.hub].id;
    fp.crossing = x.id;
    fp.zone = s.zones[r.zone].id;
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

  // Resource shadow values back to crossings.
  for (std::size_t ri = 0; ri < cm.resources.size(); ++ri)
    if (cm.resources[ri].kind == CorridorModel::ResourceKind::kCrossing)
      crossing_value[cm.resources[ri].index] = flow_at(sol.resource_value, ri);

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

  // Unmet demand and its reason.
  std::vector<std::vector<int>> customer_arcs(m.demand.size()), customer_direct(m.demand.size());
  for (std::size_t a = 0; a < m.arcs.size(); ++a)
    customer_arcs[m.arcs[a].customer].push_back(static_cast<int>(a));
  for (std::size_t k = 0; k < m.direct.size(); ++k)
    customer_direct[m.direct[k].customer].push_back(static_cast<int>(k));
  std::vector<std::vector<int>> facility_supply(n_sites);
  for (std::size_t k = 0; k < m.supply.size(); ++k)
    facility_supply[m.supply[k].facility].push_back(static_cast<int>(k));

  std::vector<double> resource_use(m.resources.size(), 0.0);
  for (std::size_t k = 0; k < m.supply.size(); ++k)
    for (int r : m.supply[k].resources) resource_use[r] += flow_at(sol.supply_flow, k);
  for (std::size_t k = 0; k < m.direct.size(); ++k)
    for (int r : m.direct[k].resources) resource_use[r] += flow_at(sol.direct_flow, k);

  auto reason_of = [&](int cust, std::string& binding) -> std::string {
    // Candidate resources and sites: those on any promise-feasible path to the customer.
    std::set<int> res;
    std::set<int> sites;
    for (int k : customer_direct[cust])
      for (int r : m.direct[k].resources) res.insert(r);
    for (int a : customer_arcs[cust]) {
      const int f = m.arcs[a].facility;
      if (facility_supply[f].empty()) continue;  // a site nothing can feed is no path
      sites.insert(f);
      for (int k : facility_supply[f])
        for (int r : m.supply[k].resources) res.insert(r);
    }
    if (customer_direct[cust].empty() && sites.empty()) return "no_path_within_promise";
    auto kind_name = [&](int r) {
      switch (cm.resources[r].kind) {
        case CorridorModel::ResourceKind::kCrossing:
          binding = net.crossings[cm.resources[r].index].id;
          return std::string("crossing_capacity");
        case CorridorModel::ResourceKind::kLink:
          binding = net.links[cm.resources[r].index].id;
          return std::string("link_capacity");
        case CorridorModel::ResourceKind::kHub:
          binding = s.hubs[cm.resources[r].index].id;
          return std::string("hub_supply");
      }
      return std::string();
    };
    // 1. The candidate with the largest positive shadow value binds.
    double best = kValueEps;
    int best_res = -1, best_site = -1;
    for (int r : res) {
      const double v = flow_at(sol.resource_value, r);
      if (v > best) best = v, best_res = r, best_site = -1;
    }
    for (int f : sites) {
      if (option_of(f) < 0) continue;
      const double v = flow_at(sol.facility_capacity_value, f);
      if (v > best) best = v, best_site = f, best_res = -1;
    }
    if (best_site >= 0) {
      binding = s.sites[best_site].id;
      return "site_capacity";
    }
    if (best_res >= 0) return kind_name(best_res);
    // 2. Degenerate duals: a saturated candidate, in the order crossing, link, hub, site.
    for (auto kind : {CorridorModel::ResourceKind::kCrossing,
                      CorridorModel::ResourceKind::kLink,
                      CorridorModel::ResourceKind::kHub})
      for (int r : res)
        if (cm.resources[r].kind == kind &&
            resource_use[r] >= m.resources[r].capacity * (1.0 - 1e-7) - kFlowEps)
          return kind_name(r);
    for (int f : sites) {
      const int o = option_of(f);
      if (o >= 0 && out_flow[f] >= m.facilities[f].options[o].capacity * (1.0 - 1e-7) - kFlowEps) {
        binding = s.sites[f].id;
        return "site_capacity";
      }
    }
    // 3. Nothing binds: serving it would cost more than the penalty.
    return "cost_above_penalty";
  };

  const double penalty = s.unmet_penalty_per_parcel.value();
  for (std::size_t cu = 0; cu < m.demand.size(); ++cu) {
    const double u = flow_at(sol.unmet, cu);
    if (u <= kFlowEps) continue;
    const auto& cref = cm.customers[cu];
    z_unmet[cref.zone] += u;
    c.unmet_penalty += u * penalty * days;
    UnmetDemand ud;
    ud.zone = s.zones[cref.zone].id;
    ud.parcels_per_day = u;
    ud.part = cref.part == CorridorModel::Part::kAny
                  ? "any"
                  : (cref.part == CorridorModel::Part::kStocked ? "stocked" : "direct");
    ud.reason = reason_of(static_cast<int>(cu), ud.binding);
    p.unmet.push_back(std::move(ud));
  }

  for (std::size_t zi = 0; zi < n_zones; ++zi) {
    const scenario::Zone& z = s.zones[zi];
    ZoneResult r;
    r.zone = z.id;
    r.node = z.node;
    r.name = node_name(s, z.node);
    r.demand_per_day = z.parcels_per_day;
    r.stocked_per_day = z_stocked[zi];
    r.direct_per_day = z_direct[zi];
    r.unmet_per_day = z_unmet[zi];
    double best = 0.0;
    for (const auto& [site, f] : z_site_flow[zi])
      if (f > best) best = f, r.main_site = s.sites[site].id;
    r.promise_days = z.promise_days;
    const double served = z_stocked[zi] + z_direct[zi];
    r.delivery_days = served > 0 ? z_hours[zi] / served / 24.0 : 0.0;
    r.cost_per_parcel = served > 0 ? z_cost[zi] / served : 0.0;
    r.late = served > 0 && r.delivery_days > r.promise_days + 1e-9;
    p.demand_per_day += z.parcels_per_day;
    p.delivered_per_day += served;
    p.unmet_per_day += z_unmet[zi];
    p.zones.push_back(std::move(r));
  }
  p.cost_per_parcel = p.delivered_per_day > 0 ? p.objective / (p.delivered_per_day * days) : 0.0;
  return p;
}

}  // namespace corridor::design
