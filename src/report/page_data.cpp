#include "page_data.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace corridor::report {
namespace {

using SegmentKey = std::tuple<std::string, std::string, std::string>;  // from, to, mode

// Id -> node lookups for the plan's references into the scenario.
struct NodeIndex {
  std::unordered_map<std::string, const scenario::Node*> nodes;
  std::unordered_map<std::string, std::string> hub_node, site_node, zone_node;
  std::unordered_map<std::string, const scenario::Crossing*> crossings;
  std::unordered_map<std::string, const scenario::Link*> links;

  explicit NodeIndex(const scenario::Scenario& s) {
    for (const auto& n : s.nodes) nodes[n.id] = &n;
    for (const auto& h : s.hubs) hub_node[h.id] = h.node;
    for (const auto& w : s.sites) site_node[w.id] = w.node;
    for (const auto& z : s.zones) zone_node[z.id] = z.node;
    for (const auto& c : s.crossings) crossings[c.id] = &c;
    for (const auto& l : s.links) links[l.id] = &l;
  }
  [[nodiscard]] std::string node_of(const std::unordered_map<std::string, std::string>& m,
                                    const std::string& id) const {
    auto it = m.find(id);
    if (it == m.end() || !nodes.contains(it->second)) return {};
    return it->second;
  }
};

// Splits a flow along its route (node ids) and legs (links.csv ids, the crossing id at
// the border, "last_mile"): each leg is drawn by its own mode. Outbound legs are
// "last_mile"; a direct parcel's legs after the border are "direct". Returns false when
// the plan carries no usable route (older plans), so the caller derives the legs.
template <typename Add>
bool add_route(const NodeIndex& idx, const design::FlowPath& f, const Add& add) {
  if (f.route.size() < 2 || f.legs.size() + 1 != f.route.size()) return false;
  const bool direct = f.channel == "direct";
  const double st = direct ? 0.0 : f.parcels_per_day;
  const double di = direct ? f.parcels_per_day : 0.0;
  bool past_border = false;
  for (std::size_t i = 0; i < f.legs.size(); ++i) {
    const std::string& leg = f.legs[i];
    std::string mode;
    if (f.channel == "outbound" || leg == "last_mile") {
      mode = direct ? "direct" : "last_mile";
    } else if (auto c = idx.crossings.find(leg); c != idx.crossings.end()) {
      mode = scenario::to_string(c->second->mode);
      past_border = true;
    } else if (direct && past_border) {
      mode = "direct";
    } else if (auto l = idx.links.find(leg); l != idx.links.end()) {
      mode = scenario::to_string(l->second->mode);
    } else {
      mode = f.mode.empty() ? "road" : f.mode;
    }
    const std::string& from = f.route[i];
    const std::string& to = f.route[i + 1];
    if (idx.nodes.contains(from) && idx.nodes.contains(to)) add(from, to, mode, st, di);
  }
  return true;
}

std::map<SegmentKey, Segment> segment_map(const scenario::Scenario& s, const design::Plan& plan) {
  NodeIndex idx(s);
  std::map<SegmentKey, Segment> legs;
  auto add = [&](const std::string& from,
                 const std::string& to,
                 const std::string& mode,
                 double stocked,
                 double direct) {
    if (from.empty() || to.empty() || from == to) return;
    Segment& g = legs[{from, to, mode}];
    g.from = from;
    g.to = to;
    g.mode = mode;
    g.stocked_per_day += stocked;
    g.direct_per_day += direct;
  };
  for (const auto& f : plan.flows) {
    if (f.parcels_per_day <= 0.0) continue;
    if (add_route(idx, f, add)) continue;
    if (f.channel == "outbound") {
      add(idx.node_of(idx.site_node, f.site),
          idx.node_of(idx.zone_node, f.zone),
          "last_mile",
          f.parcels_per_day,
          0.0);
      continue;
    }
    bool direct = f.channel == "direct";
    double st = direct ? 0.0 : f.parcels_per_day;
    double di = direct ? f.parcels_per_day : 0.0;
    auto cit = idx.crossings.find(f.crossing);
    std::string hub = idx.node_of(idx.hub_node, f.hub);
    std::string end =
        direct ? idx.node_of(idx.zone_node, f.zone) : idx.node_of(idx.site_node, f.site);
    if (cit == idx.crossings.end()) continue;
    const scenario::Crossing& c = *cit->second;
    std::string mode = scenario::to_string(c.mode);
    std::string cn = idx.nodes.contains(c.cn_node) ? c.cn_node : std::string();
    std::string kz = idx.nodes.contains(c.kz_node) ? c.kz_node : std::string();
    add(hub, cn, mode, st, di);
    add(cn, kz, mode, st, di);
    add(kz, end, direct ? "direct" : mode, st, di);
  }
  return legs;
}

nlohmann::json segment_json(const Segment& g) {
  return {{"from", g.from},
          {"to", g.to},
          {"mode", g.mode},
          {"stocked_per_day", g.stocked_per_day},
          {"direct_per_day", g.direct_per_day},
          {"parcels_per_day", g.parcels_per_day()}};
}

nlohmann::json geometry_json(const scenario::Scenario& s) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : s.nodes) {
    nodes.push_back({{"id", n.id},
                     {"name", n.name},
                     {"name_local", n.name_local},
                     {"kind", scenario::to_string(n.kind)},
                     {"country", scenario::to_string(n.country)},
                     {"lat", n.lat},
                     {"lon", n.lon}});
  }
  nlohmann::json crossings = nlohmann::json::array();
  for (const auto& c : s.crossings) {
    crossings.push_back({{"id", c.id},
                         {"name", c.name},
                         {"mode", scenario::to_string(c.mode)},
                         {"cn_node", c.cn_node},
                         {"kz_node", c.kz_node},
                         {"status", scenario::to_string(c.status)},
                         {"opening_year", c.opening_year}});
  }
  nlohmann::json hubs = nlohmann::json::array();
  for (const auto& h : s.hubs) hubs.push_back({{"id", h.id}, {"node", h.node}});
  nlohmann::json sites = nlohmann::json::array();
  for (const auto& w : s.sites) {
    nlohmann::json sizes = nlohmann::json::array();
    for (const auto& o : w.sizes) {
      sizes.push_back({{"size", o.size}, {"capacity_per_day", o.capacity_per_day}});
    }
    sites.push_back({{"id", w.id}, {"node", w.node}, {"existing", w.existing}, {"sizes", sizes}});
  }
  nlohmann::json zones = nlohmann::json::array();
  for (const auto& z : s.zones) {
    zones.push_back({{"id", z.id},
                     {"node", z.node},
                     {"parcels_per_day", z.parcels_per_day},
                     {"promise_days", z.promise_days}});
  }
  return {{"name", s.name},
          {"description", s.description},
          {"currency", s.currency},
          {"variant", s.variant},
          {"nodes", nodes},
          {"crossings", crossings},
          {"hubs", hubs},
          {"sites", sites},
          {"zones", zones}};
}

nlohmann::json delta_json(const PlanDelta& d) {
  nlohmann::json crossings = nlohmann::json::array();
  for (const auto& c : d.crossings) {
    crossings.push_back({{"crossing", c.crossing},
                         {"name", c.name},
                         {"mode", c.mode},
                         {"base_flow", c.base_flow},
                         {"flow", c.flow},
                         {"delta", c.flow - c.base_flow}});
  }
  nlohmann::json sites = nlohmann::json::array();
  for (const auto& w : d.sites) {
    sites.push_back({{"site", w.site},
                     {"name", w.name},
                     {"change", w.change},
                     {"base_size", w.base_size},
                     {"size", w.size}});
  }
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& g : d.segments) {
    segments.push_back({{"from", g.from},
                        {"to", g.to},
                        {"mode", g.mode},
                        {"base", g.base},
                        {"value", g.value},
                        {"delta", g.value - g.base}});
  }
  return {{"label", d.label},
          {"base", d.base},
          {"variant", d.variant},
          {"crossings", crossings},
          {"sites", sites},
          {"segments", segments}};
}

}  // namespace

std::vector<Segment> flow_segments(const scenario::Scenario& scenario, const design::Plan& plan) {
  std::vector<Segment> out;
  for (auto& [key, g] : segment_map(scenario, plan)) out.push_back(g);
  return out;
}

std::vector<ModeTotal> crossing_flow_by_mode(const design::Plan& plan) {
  std::map<std::string, double> by_mode{{"rail", 0.0}, {"road", 0.0}};
  double total = 0.0;
  for (const auto& c : plan.crossings) {
    by_mode[c.mode] += c.flow_parcels_per_day;
    total += c.flow_parcels_per_day;
  }
  std::vector<ModeTotal> out;
  for (const auto& [mode, v] : by_mode) out.push_back({mode, v, total > 0.0 ? v / total : 0.0});
  return out;
}

PlanDelta compute_delta(const scenario::Scenario& scenario,
                        const std::string& label,
                        const design::Plan& base,
                        const design::Plan& variant) {
  PlanDelta d;
  d.label = label;
  d.base = compute_kpis(base);
  d.variant = compute_kpis(variant);

  std::map<std::string, PlanDelta::CrossingChange> crossings;
  std::vector<std::string> order;
  auto crossing = [&](const design::CrossingResult& c) -> PlanDelta::CrossingChange& {
    if (!crossings.contains(c.crossing)) order.push_back(c.crossing);
    auto& ch = crossings[c.crossing];
    ch.crossing = c.crossing;
    ch.name = c.name;
    ch.mode = c.mode;
    return ch;
  };
  for (const auto& c : base.crossings) crossing(c).base_flow = c.flow_parcels_per_day;
  for (const auto& c : variant.crossings) crossing(c).flow = c.flow_parcels_per_day;
  for (const auto& id : order) d.crossings.push_back(crossings[id]);

  std::map<std::string, const design::WarehouseDecision*> before, after;
  for (const auto& w : base.warehouses) before[w.site] = &w;
  for (const auto& w : variant.warehouses) after[w.site] = &w;
  std::set<std::string> sites;
  for (const auto& [id, w] : before) sites.insert(id);
  for (const auto& [id, w] : after) sites.insert(id);
  for (const auto& id : sites) {
    auto b = before.find(id);
    auto a = after.find(id);
    PlanDelta::SiteChange ch;
    ch.site = id;
    if (b == before.end()) {
      ch.change = "opened";
      ch.name = a->second->name;
      ch.size = a->second->size;
    } else if (a == after.end()) {
      ch.change = "closed";
      ch.name = b->second->name;
      ch.base_size = b->second->size;
    } else if (a->second->size != b->second->size) {
      ch.change = "resized";
      ch.name = a->second->name;
      ch.base_size = b->second->size;
      ch.size = a->second->size;
    } else {
      continue;
    }
    d.sites.push_back(ch);
  }

  auto sb = segment_map(scenario, base);
  auto sv = segment_map(scenario, variant);
  std::set<SegmentKey> keys;
  for (const auto& [k, g] : sb) keys.insert(k);
  for (const auto& [k, g] : sv) keys.insert(k);
  for (const auto& k : keys) {
    double vb = sb.contains(k) ? sb.at(k).parcels_per_day() : 0.0;
    double vv = sv.contains(k) ? sv.at(k).parcels_per_day() : 0.0;
    if (std::abs(vv - vb) <= 1e-6 * std::max(1.0, std::max(vb, vv))) continue;
    d.segments.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), vb, vv});
  }
  return d;
}

nlohmann::json sim_page_json(const sim::SimResult* sim) {
  if (sim == nullptr) return nullptr;
  nlohmann::ordered_json j;
  sim::to_json(j, *sim);
  nlohmann::json out(j);
  out["series"] = {{"columns", sim->series.columns}, {"rows", sim->series.rows}};
  return out;
}

nlohmann::json page_data(const std::string& kind,
                         const scenario::Scenario& scenario,
                         const std::vector<LabelledPlan>& plans,
                         const sim::SimResult* sim) {
  nlohmann::json jplans = nlohmann::json::array();
  for (const auto& lp : plans) {
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& g : flow_segments(scenario, *lp.plan)) segments.push_back(segment_json(g));
    nlohmann::json modes = nlohmann::json::array();
    for (const auto& m : crossing_flow_by_mode(*lp.plan)) {
      modes.push_back(
          {{"mode", m.mode}, {"parcels_per_day", m.parcels_per_day}, {"share", m.share}});
    }
    jplans.push_back({{"label", lp.label},
                      {"plan", *lp.plan},
                      {"kpis", compute_kpis(*lp.plan)},
                      {"segments", segments},
                      {"mode_totals", modes}});
  }
  nlohmann::json deltas = nlohmann::json::array();
  for (std::size_t i = 1; i < plans.size(); ++i) {
    deltas.push_back(
        delta_json(compute_delta(scenario, plans[i].label, *plans[0].plan, *plans[i].plan)));
  }
  return {{"report", {{"kind", kind}, {"generator", "corridor " CORRIDOR_VERSION}}},
          {"scenario", geometry_json(scenario)},
          {"plans", jplans},
          {"deltas", deltas},
          {"sim", sim_page_json(sim)}};
}

}  // namespace corridor::report
