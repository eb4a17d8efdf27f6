#include "corridor/network.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <queue>
#include <tuple>
#include <unordered_map>

#include "corridor/core/geo.hpp"

namespace corridor::network {

namespace {

using scenario::Country;
using scenario::Mode;
using scenario::Scenario;

// Dijkstra key: cost first, then hours, then hops, so ties break identically everywhere.
struct Key {
  double cost = 0.0;
  double hours = 0.0;
  int hops = 0;
  friend bool operator<(const Key& a, const Key& b) {
    return std::tie(a.cost, a.hours, a.hops) < std::tie(b.cost, b.hours, b.hops);
  }
};

// One-to-all shortest routes from `origin` over the links of one side (and mode).
struct ShortestTree {
  std::unordered_map<std::string, Key> best;
  std::unordered_map<std::string, int> pred_link;  // link index into the node
};

ShortestTree dijkstra(const std::vector<LinkArc>& links,
                      const std::unordered_map<std::string, std::vector<int>>& out,
                      const std::string& origin,
                      Country side,
                      std::optional<Mode> mode) {
  ShortestTree t;
  t.best[origin] = Key{};
  using Item = std::tuple<double, double, int, std::string>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
  pq.emplace(0.0, 0.0, 0, origin);
  while (!pq.empty()) {
    auto [c, h, n, node] = pq.top();
    pq.pop();
    const Key k{c, h, n};
    if (t.best.at(node) < k) continue;  // stale entry
    auto it = out.find(node);
    if (it == out.end()) continue;
    for (int li : it->second) {
      const LinkArc& l = links[li];
      if (!l.in_graph || l.side != side) continue;
      if (mode && l.mode != *mode) continue;
      const Key nk{c + l.cost_per_parcel, h + l.hours, n + 1};
      auto found = t.best.find(l.to);
      if (found == t.best.end() || nk < found->second) {
        t.best[l.to] = nk;
        t.pred_link[l.to] = li;
        pq.emplace(nk.cost, nk.hours, nk.hops, l.to);
      }
    }
  }
  return t;
}

std::optional<Route> extract(const std::vector<LinkArc>& links,
                             const ShortestTree& t,
                             const std::string& origin,
                             const std::string& dest) {
  if (!t.best.contains(dest)) return std::nullopt;
  Route r;
  std::string at = dest;
  r.nodes.push_back(at);
  while (at != origin) {
    const int li = t.pred_link.at(at);
    r.links.push_back(li);
    at = links[li].from;
    r.nodes.push_back(at);
  }
  std::reverse(r.nodes.begin(), r.nodes.end());
  std::reverse(r.links.begin(), r.links.end());
  for (int li : r.links) {
    r.km += links[li].km;
    r.hours += links[li].hours;
    r.cost_per_parcel += links[li].cost_per_parcel;
  }
  return r;
}

std::unordered_map<std::string, std::vector<int>> out_links(const std::vector<LinkArc>& links) {
  std::unordered_map<std::string, std::vector<int>> out;
  for (int i = 0; i < static_cast<int>(links.size()); ++i) out[links[i].from].push_back(i);
  return out;
}

}  // namespace

double parcels_per_unit(const Scenario& s, scenario::Unit u) { return s.parcels_per_unit(u); }

double SupplyRoute::hours(const std::vector<CrossingArc>& x) const {
  return cn.hours + x[crossing].hours + kz.hours;
}

double SupplyRoute::cost_per_parcel(const std::vector<CrossingArc>& x) const {
  return cn.cost_per_parcel + x[crossing].cost_per_parcel + kz.cost_per_parcel;
}

std::optional<Route> cheapest_route(const Network& net,
                                    const std::string& from,
                                    const std::string& to,
                                    Country side,
                                    std::optional<Mode> mode) {
  const auto out = out_links(net.links);
  return extract(net.links, dijkstra(net.links, out, from, side, mode), from, to);
}

LastMileLeg last_mile(const Network& net, const std::string& from, const std::string& zone_node) {
  const Scenario& s = net.scenario;
  LastMileLeg leg;
  leg.from_node = from;
  leg.zone_node = zone_node;
  // Cheapest explicit row (ties: fewer hours, then file order).
  for (int i = 0; i < static_cast<int>(net.links.size()); ++i) {
    const LinkArc& l = net.links[i];
    if (l.from != from || l.to != zone_node) continue;
    if (leg.link < 0 ||
        std::tie(l.cost_per_parcel, l.hours) < std::tie(leg.cost_per_parcel, leg.hours)) {
      leg.link = i;
      leg.km = l.km;
      leg.hours = l.hours;
      leg.cost_per_parcel = l.cost_per_parcel;
    }
  }
  if (leg.link >= 0) return leg;
  const scenario::Node* a = s.find_node(from);
  const scenario::Node* b = s.find_node(zone_node);
  const double gc = (a && b) ? core::great_circle_km(a->lat, a->lon, b->lat, b->lon) : 0.0;
  const auto& rule = s.last_mile;
  leg.km = gc * rule.circuity;
  leg.hours = rule.base_hours.value() + leg.km / rule.speed_kmh;
  leg.cost_per_parcel = rule.cost_per_parcel.value() + rule.cost_per_parcel_km.value() * leg.km;
  return leg;
}

namespace {

// Promises are in days, route times in hours.
constexpr double kHoursPerDay = 24.0;
// Slack (hours) so that a route exactly at its promise, up to rounding in summed leg
// hours, counts as within it.
constexpr double kPromiseEpsHours = 1e-9;

bool within_promise(double hours, double promise_days) {
  return hours <= promise_days * kHoursPerDay + kPromiseEpsHours;
}

// One arc per scenario link, costs per parcel; a link between two countries is kept
// (ids stay aligned) but is no part of either side's graph.
std::vector<LinkArc> link_arcs(const Scenario& s) {
  std::unordered_map<std::string, Country> country;
  for (const auto& n : s.nodes) country[n.id] = n.country;

  std::vector<LinkArc> links;
  for (const auto& l : s.links) {
    LinkArc a;
    a.id = l.id;
    a.from = l.from;
    a.to = l.to;
    a.mode = l.mode;
    auto cf = country.find(l.from);
    auto ct = country.find(l.to);
    a.in_graph = cf != country.end() && ct != country.end() && cf->second == ct->second;
    if (cf != country.end()) a.side = cf->second;
    const double ppu = parcels_per_unit(s, l.unit);
    a.km = l.distance.value();
    a.hours = l.hours.value();
    a.cost_per_parcel = ppu > 0 ? l.cost_per_unit.value() / ppu : 0.0;
    if (l.capacity_per_day) a.capacity_parcels_per_day = *l.capacity_per_day * ppu;
    links.push_back(std::move(a));
  }
  return links;
}

// One arc per scenario crossing: capacity net of background traffic, fees and
// transshipment per parcel, expected hours including inspections.
std::vector<CrossingArc> crossing_arcs(const Scenario& s) {
  std::vector<CrossingArc> crossings;
  for (const auto& c : s.crossings) {
    CrossingArc x;
    x.id = c.id;
    x.name = c.name;
    x.mode = c.mode;
    x.cn_node = c.cn_node;
    x.kz_node = c.kz_node;
    x.status = c.status;
    x.usable = s.crossing_usable(c);
    x.parcels_per_unit = parcels_per_unit(s, c.unit);
    x.capacity_parcels_per_day =
        c.capacity_per_day * x.parcels_per_unit * (1.0 - c.background_share);
    const double per_unit = c.fee_per_unit.value() + c.transshipment_cost_per_unit.value();
    x.cost_per_parcel = x.parcels_per_unit > 0 ? per_unit / x.parcels_per_unit : 0.0;
    x.hours = c.processing_hours.value() + c.transshipment_hours.value() +
              c.inspection_probability * c.inspection_hours.value();
    crossings.push_back(std::move(x));
  }
  return crossings;
}

using OutLinks = std::unordered_map<std::string, std::vector<int>>;
using CnTrees = std::vector<std::map<Mode, ShortestTree>>;  // per hub, per mode
using KzTrees = std::map<std::string, ShortestTree>;        // per crossing kz_node

// CN side: one tree per hub and mode (a crossing is reached in its own mode).
CnTrees cn_trees(const Network& net, const OutLinks& out) {
  const Scenario& s = net.scenario;
  CnTrees trees(s.hubs.size());
  for (std::size_t h = 0; h < s.hubs.size(); ++h)
    for (Mode m : {Mode::kRail, Mode::kRoad})
      trees[h][m] = dijkstra(net.links, out, s.hubs[h].node, Country::kCN, m);
  return trees;
}

// KZ side: one tree per distinct kz_node of a usable crossing, any mode.
KzTrees kz_trees(const Network& net, const OutLinks& out) {
  KzTrees trees;
  for (const auto& x : net.crossings)
    if (x.usable && !trees.contains(x.kz_node))
      trees[x.kz_node] = dijkstra(net.links, out, x.kz_node, Country::kKZ, std::nullopt);
  return trees;
}

// Hub -> usable crossing -> site, wherever both sides have a route.
void add_supply_routes(Network& net, const CnTrees& cn_tree, const KzTrees& kz_tree) {
  const Scenario& s = net.scenario;
  for (int h = 0; h < static_cast<int>(s.hubs.size()); ++h) {
    for (int xi = 0; xi < static_cast<int>(net.crossings.size()); ++xi) {
      const CrossingArc& x = net.crossings[xi];
      if (!x.usable) continue;
      auto cn = extract(net.links, cn_tree[h].at(x.mode), s.hubs[h].node, x.cn_node);
      if (!cn) continue;
      for (int si = 0; si < static_cast<int>(s.sites.size()); ++si) {
        auto kz = extract(net.links, kz_tree.at(x.kz_node), x.kz_node, s.sites[si].node);
        if (!kz) continue;
        net.supply.push_back(SupplyRoute{h, xi, si, *cn, std::move(*kz)});
      }
    }
  }
}

// Site -> zone last-mile legs, every pair, marked within the zone's promise or not.
void add_delivery_legs(Network& net) {
  const Scenario& s = net.scenario;
  for (int si = 0; si < static_cast<int>(s.sites.size()); ++si) {
    for (int zi = 0; zi < static_cast<int>(s.zones.size()); ++zi) {
      DeliveryLeg d;
      d.site = si;
      d.zone = zi;
      d.leg = last_mile(net, s.sites[si].node, s.zones[zi].node);
      d.within_promise = within_promise(d.leg.hours, s.zones[zi].promise_days);
      net.delivery.push_back(std::move(d));
    }
  }
}

// Direct: the CN leg, the crossing, per-parcel clearance, then last mile from the
// crossing's KZ side.
void add_direct_routes(Network& net, const CnTrees& cn_tree) {
  const Scenario& s = net.scenario;
  for (int h = 0; h < static_cast<int>(s.hubs.size()); ++h) {
    for (int xi = 0; xi < static_cast<int>(net.crossings.size()); ++xi) {
      const CrossingArc& x = net.crossings[xi];
      if (!x.usable) continue;
      auto cn = extract(net.links, cn_tree[h].at(x.mode), s.hubs[h].node, x.cn_node);
      if (!cn) continue;
      for (int zi = 0; zi < static_cast<int>(s.zones.size()); ++zi) {
        const scenario::Zone& z = s.zones[zi];
        if (!z.direct_allowed) continue;
        DirectRoute r;
        r.hub = h;
        r.crossing = xi;
        r.zone = zi;
        r.cn = *cn;
        r.leg = last_mile(net, x.kz_node, z.node);
        r.hours = cn->hours + x.hours + s.direct.clearance_hours.value() + r.leg.hours;
        r.cost_per_parcel = cn->cost_per_parcel + x.cost_per_parcel +
                            s.direct.cost_per_parcel.value() + r.leg.cost_per_parcel;
        r.within_promise = within_promise(r.hours, z.promise_days);
        net.direct.push_back(std::move(r));
      }
    }
  }
}

}  // namespace

Network build(const Scenario& s) {
  Network net;
  net.scenario = s;
  net.links = link_arcs(s);
  net.crossings = crossing_arcs(s);

  const OutLinks out = out_links(net.links);
  const CnTrees cn = cn_trees(net, out);
  const KzTrees kz = kz_trees(net, out);
  add_supply_routes(net, cn, kz);
  add_delivery_legs(net);
  add_direct_routes(net, cn);
  return net;
}

}  // namespace corridor::network
