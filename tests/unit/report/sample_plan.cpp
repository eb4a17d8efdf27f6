#include "sample_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "corridor/core/geo.hpp"

namespace corridor::report::testing {
namespace {

using scenario::Country;
using scenario::NodeKind;

scenario::Node node(const std::string& id,
                    const std::string& name,
                    const std::string& local,
                    NodeKind kind,
                    Country c,
                    double lat,
                    double lon) {
  scenario::Node n;
  n.id = id;
  n.name = name;
  n.name_local = local;
  n.kind = kind;
  n.country = c;
  n.lat = lat;
  n.lon = lon;
  n.source = "test";
  return n;
}

double km(const scenario::Node& a, const scenario::Node& b) {
  // Equirectangular distance: good enough for a test fixture.
  double k = std::cos((a.lat + b.lat) / 2 * 3.14159265358979 / 180.0);
  double dx = (a.lon - b.lon) * k * 111.2, dy = (a.lat - b.lat) * 111.2;
  return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

design::FlowPath flow(const std::string& channel,
                      const std::string& hub,
                      const std::string& crossing,
                      const std::string& site,
                      const std::string& zone,
                      double parcels_per_day,
                      double cost_per_parcel,
                      double hours) {
  design::FlowPath f;
  f.channel = channel;
  f.hub = hub;
  f.crossing = crossing;
  f.site = site;
  f.zone = zone;
  f.parcels_per_day = parcels_per_day;
  f.cost_per_parcel = cost_per_parcel;
  f.hours = hours;
  return f;
}

scenario::Scenario sample_scenario() {
  scenario::Scenario s;
  s.name = "kz-xj-sample";
  s.description = "Test fixture: Kazakhstan–Xinjiang corridor";
  s.currency = "USD";
  s.price_year = 2024;
  s.base_year = 2025;
  s.parcels_per_container = 2000;
  s.parcels_per_truck = 1500;
  const auto CN = Country::kCN;
  const auto KZ = Country::kKZ;
  s.nodes = {
      node("urumqi", "Urumqi", "乌鲁木齐", NodeKind::kHub, CN, 43.825, 87.617),
      node("kashgar", "Kashgar", "喀什", NodeKind::kHub, CN, 39.470, 75.990),
      node("horgos_cn", "Horgos", "霍尔果斯", NodeKind::kCrossing, CN, 44.213, 80.420),
      node("altynkol", "Altynkol", "Алтынкөл", NodeKind::kCrossing, KZ, 44.170, 80.280),
      node("nurkent", "Nurkent", "Нұркент", NodeKind::kCrossing, KZ, 44.190, 80.330),
      node("alashankou", "Alashankou", "阿拉山口", NodeKind::kCrossing, CN, 45.170, 82.570),
      node("dostyk", "Dostyk", "Достық", NodeKind::kCrossing, KZ, 45.250, 82.480),
      node("baketu", "Baketu", "巴克图", NodeKind::kCrossing, CN, 46.700, 82.850),
      node("bakhty", "Bakhty", "Бақты", NodeKind::kCrossing, KZ, 46.680, 82.740),
      node("tacheng", "Tacheng", "塔城", NodeKind::kCrossing, CN, 46.750, 82.980),
      node("ayagoz", "Ayagoz", "Аягөз", NodeKind::kCrossing, KZ, 47.960, 80.430),
      node("site_almaty", "Almaty DC", "Алматы", NodeKind::kWarehouseSite, KZ, 43.350, 76.950),
      node("site_astana", "Astana DC", "Астана", NodeKind::kWarehouseSite, KZ, 51.100, 71.400),
      node("site_shymkent", "Shymkent DC", "Шымкент", NodeKind::kWarehouseSite, KZ, 42.350, 69.650),
      node("site_karaganda",
           "Karaganda DC",
           "Қарағанды",
           NodeKind::kWarehouseSite,
           KZ,
           49.850,
           73.150),
      node("site_aktobe", "Aktobe DC", "Ақтөбе", NodeKind::kWarehouseSite, KZ, 50.300, 57.200),
      node("site_oskemen", "Oskemen DC", "Өскемен", NodeKind::kWarehouseSite, KZ, 49.950, 82.650),
  };
  struct Z {
    const char* id;
    const char* name;
    const char* local;
    double lat, lon, demand, promise;
  };
  const Z zones[] = {
      {"almaty", "Almaty", "Алматы", 43.238, 76.889, 9000, 3},
      {"astana", "Astana", "Астана", 51.169, 71.449, 6000, 4},
      {"shymkent", "Shymkent", "Шымкент", 42.317, 69.587, 3500, 4},
      {"karaganda", "Karaganda", "Қарағанды", 49.806, 73.085, 2200, 5},
      {"aktobe", "Aktobe", "Ақтөбе", 50.283, 57.167, 1500, 6},
      {"atyrau", "Atyrau", "Атырау", 47.117, 51.883, 1200, 7},
      {"oskemen", "Oskemen", "Өскемен", 49.948, 82.628, 1300, 5},
      {"pavlodar", "Pavlodar", "Павлодар", 52.287, 76.967, 1200, 5},
      {"kostanay", "Kostanay", "Қостанай", 53.214, 63.624, 1000, 6},
      {"taraz", "Taraz", "Тараз", 42.900, 71.367, 1100, 4},
      {"aktau", "Aktau", "Ақтау", 43.650, 51.167, 900, 6},
      {"kyzylorda", "Kyzylorda", "Қызылорда", 44.853, 65.509, 800, 6},
      {"oral", "Oral", "Орал", 51.233, 51.367, 700, 7},
      {"petropavl", "Petropavl", "Петропавл", 54.867, 69.150, 700, 6},
      {"semey", "Semey", "Семей", 50.411, 80.227, 800, 5},
      {"taldykorgan", "Taldykorgan", "Талдықорған", 45.017, 78.373, 700, 4},
      {"turkistan", "Turkistan", "Түркістан", 43.297, 68.251, 600, 5},
      {"zhezkazgan", "Zhezkazgan", "Жезқазған", 47.783, 67.713, 400, 6},
  };
  for (const auto& z : zones) {
    s.nodes.push_back(
        node(std::string("z_") + z.id, z.name, z.local, NodeKind::kZone, KZ, z.lat, z.lon));
    scenario::Zone zone;
    zone.id = z.id;
    zone.node = std::string("z_") + z.id;
    zone.parcels_per_day = z.demand;
    zone.promise_days = z.promise;
    s.zones.push_back(zone);
  }
  auto crossing = [](const char* id,
                     const char* name,
                     scenario::Mode m,
                     const char* cn,
                     const char* kz,
                     double cap,
                     scenario::CrossingStatus st,
                     int year) {
    scenario::Crossing c;
    c.id = id;
    c.name = name;
    c.mode = m;
    c.cn_node = cn;
    c.kz_node = kz;
    c.capacity_per_day = cap;
    c.unit = m == scenario::Mode::kRail ? scenario::Unit::kContainer : scenario::Unit::kTruck;
    c.background_share = 0.6;
    c.gauge_change = m == scenario::Mode::kRail;
    c.status = st;
    c.opening_year = year;
    // Lanes and a processing time that give the crossing its capacity (for the simulation).
    c.servers = m == scenario::Mode::kRail ? 2 : 4;
    c.processing_hours = Hours(24.0 * c.servers / cap);
    c.inspection_probability = 0.05;
    c.inspection_hours = Hours(6);
    c.transshipment_hours = Hours(c.gauge_change ? 4 : 0);
    return c;
  };
  using scenario::CrossingStatus;
  using scenario::Mode;
  s.crossings = {
      crossing("khorgos_rail",
               "Khorgos (rail)",
               Mode::kRail,
               "horgos_cn",
               "altynkol",
               40,
               CrossingStatus::kOperating,
               0),
      crossing("khorgos_road",
               "Khorgos (road)",
               Mode::kRoad,
               "horgos_cn",
               "nurkent",
               30,
               CrossingStatus::kOperating,
               0),
      crossing("dostyk_rail",
               "Dostyk (rail)",
               Mode::kRail,
               "alashankou",
               "dostyk",
               50,
               CrossingStatus::kOperating,
               0),
      crossing("bakhty_road",
               "Bakhty (road)",
               Mode::kRoad,
               "baketu",
               "bakhty",
               12,
               CrossingStatus::kOperating,
               0),
      crossing("ayagoz_rail",
               "Ayagoz–Tacheng (rail)",
               Mode::kRail,
               "tacheng",
               "ayagoz",
               30,
               CrossingStatus::kPlanned,
               2027),
  };
  scenario::Hub h1;
  h1.id = "urumqi";
  h1.node = "urumqi";
  scenario::Hub h2;
  h2.id = "kashgar";
  h2.node = "kashgar";
  h2.supply_cap_per_day = 4000;
  s.hubs = {h1, h2};
  const char* sites[] = {"almaty", "astana", "shymkent", "karaganda", "aktobe", "oskemen"};
  for (const char* id : sites) {
    scenario::WarehouseSite w;
    w.id = id;
    w.node = std::string("site_") + id;
    w.existing = std::string(id) == "almaty";
    for (auto [size, cap, fixed] : {std::tuple{"S", 5000.0, 1.2e6},
                                    std::tuple{"M", 12000.0, 2.4e6},
                                    std::tuple{"L", 25000.0, 4.1e6}}) {
      scenario::SizeOption o;
      o.size = size;
      o.capacity_per_day = cap;
      o.fixed_cost_per_year = Money(fixed);
      o.handling_cost_per_parcel = Money(0.35);
      w.sizes.push_back(o);
    }
    s.sites.push_back(w);
  }
  // Links from every hub to every crossing's CN side (rail and road) and from every
  // crossing's KZ side to every site, timed at 60 km/h over the great circle: the
  // simulator takes its legs from the network, so every route of the sample plans
  // must exist in it.
  auto node_at = [&](const std::string& id) {
    return *std::find_if(
        s.nodes.begin(), s.nodes.end(), [&](const scenario::Node& n) { return n.id == id; });
  };
  auto link = [&](const std::string& from, const std::string& to, Mode mode) {
    const auto& a = node_at(from);
    const auto& b = node_at(to);
    scenario::Link l;
    l.id = from + "-" + to + (mode == Mode::kRail ? "-rail" : "-road");
    l.from = from;
    l.to = to;
    l.mode = mode;
    l.distance = Km(core::great_circle_km(a.lat, a.lon, b.lat, b.lon) * 1.2);
    l.hours = Hours(l.distance.value() / 60.0);
    l.unit = mode == Mode::kRail ? scenario::Unit::kContainer : scenario::Unit::kTruck;
    l.cost_per_unit = Money(l.distance.value() * (mode == Mode::kRail ? 1.5 : 2.0));
    s.links.push_back(l);
  };
  for (const auto& h : s.hubs)
    for (const auto& x : s.crossings) {
      if (std::none_of(s.links.begin(), s.links.end(), [&](const scenario::Link& l) {
            return l.from == h.node && l.to == x.cn_node && l.mode == x.mode;
          }))
        link(h.node, x.cn_node, x.mode);
    }
  for (const auto& x : s.crossings)
    for (const auto& w : s.sites) link(x.kz_node, w.node, Mode::kRoad);
  return s;
}

design::Plan sample_plan(const scenario::Scenario& s, const std::string& variant) {
  const bool ayagoz = variant == "ayagoz";
  design::Plan p;
  p.scenario = s.name;
  p.variant = variant;
  p.currency = s.currency;
  p.status = design::SolveStatus::kOptimal;
  p.solve_seconds = 2.4;
  p.nodes = 137;
  p.planning_days_per_year = 360;

  auto find = [&](const std::string& id) -> const scenario::Node& {
    return *std::find_if(
        s.nodes.begin(), s.nodes.end(), [&](const scenario::Node& n) { return n.id == id; });
  };
  // Open sites and sizes; each zone is served from its nearest open site, except
  // the far-west zones, which are mostly direct, and Aktau, partly unmet.
  std::map<std::string, std::string> open{{"almaty", "M"}, {"astana", "L"}, {"shymkent", "M"}};
  if (ayagoz) open["karaganda"] = "S";
  std::map<std::string, std::string> inbound_crossing{{"almaty", "khorgos_rail"},
                                                      {"astana", "dostyk_rail"},
                                                      {"shymkent", "khorgos_rail"},
                                                      {"karaganda", "dostyk_rail"}};
  if (ayagoz) inbound_crossing["astana"] = "ayagoz_rail";
  std::map<std::string, double> through;
  std::map<std::string, std::vector<std::string>> served;
  std::map<std::string, double> crossing_flow;
  double last_mile = 0.0, handling = 0.0, direct_cost = 0.0, cn = 0.0, kz = 0.0, fees = 0.0;
  for (const auto& z : s.zones) {
    const auto& zn = find(z.node);
    design::ZoneResult r;
    r.zone = z.id;
    r.node = z.node;
    r.name = zn.name;
    r.demand_per_day = z.parcels_per_day;
    r.promise_days = z.promise_days;
    std::string best;
    double best_km = 1e18;
    for (const auto& [site, size] : open) {
      double d = km(find("site_" + site), zn);
      if (d < best_km) best_km = d, best = site;
    }
    bool far_west = zn.lon < 58.0;
    double direct_share = far_west ? 0.7 : (z.id == "taldykorgan" ? 0.3 : 0.0);
    double unmet = z.id == "aktau" ? 180.0 : 0.0;
    double served_total = z.parcels_per_day - unmet;
    r.unmet_per_day = unmet;
    r.direct_per_day = std::round(served_total * direct_share);
    r.stocked_per_day = served_total - r.direct_per_day;
    r.main_site = r.stocked_per_day > 0 ? best : "";
    double stocked_days = 1.0 + best_km / 600.0;
    double direct_days = 3.0 + km(find("nurkent"), zn) / 500.0;
    double delivered = r.stocked_per_day + r.direct_per_day;
    r.delivery_days =
        (r.stocked_per_day * stocked_days + r.direct_per_day * direct_days) / delivered;
    double lm = 1.0 + 0.002 * best_km;
    double dc = 2.0 + 1.0 + 0.002 * km(find("nurkent"), zn);
    r.cost_per_parcel = (r.stocked_per_day * (lm + 0.35 + 0.9) + r.direct_per_day * dc) / delivered;
    if (r.stocked_per_day > 0) {
      through[best] += r.stocked_per_day;
      served[best].push_back(z.id);
      p.flows.push_back(
          flow("outbound", "", "", best, z.id, r.stocked_per_day, lm, 24.0 * stocked_days));
      last_mile += r.stocked_per_day * lm;
      handling += r.stocked_per_day * 0.35;
    }
    if (r.direct_per_day > 0) {
      p.flows.push_back(flow(
          "direct", "urumqi", "khorgos_road", "", z.id, r.direct_per_day, dc, 24.0 * direct_days));
      crossing_flow["khorgos_road"] += r.direct_per_day;
      direct_cost += r.direct_per_day * dc;
    }
    if (unmet > 0) {
      design::UnmetDemand u;
      u.zone = z.id;
      u.parcels_per_day = unmet;
      u.reason = "no_path_within_promise";
      p.unmet.push_back(u);
    }
    p.zones.push_back(r);
  }
  for (const auto& [site, size] : open) {
    const auto& w = *std::find_if(s.sites.begin(),
                                  s.sites.end(),
                                  [&](const scenario::WarehouseSite& x) { return x.id == site; });
    const auto& opt = *std::find_if(w.sizes.begin(),
                                    w.sizes.end(),
                                    [&](const scenario::SizeOption& o) { return o.size == size; });
    design::WarehouseDecision d;
    d.site = site;
    d.node = w.node;
    d.name = find(w.node).name;
    d.size = size;
    d.capacity_per_day = opt.capacity_per_day;
    d.fixed_cost_per_year = opt.fixed_cost_per_year.value();
    d.handling_cost_per_parcel = opt.handling_cost_per_parcel.value();
    d.throughput_per_day = through[site];
    d.utilisation = d.throughput_per_day / d.capacity_per_day;
    d.existing = w.existing;
    d.zones = served[site];
    p.warehouses.push_back(d);
    p.costs.fixed += d.fixed_cost_per_year;
    // Inbound: 75 % from Urumqi, 25 % from Kashgar (Kashgar only via Khorgos).
    std::string x = inbound_crossing[site];
    double v = d.throughput_per_day;
    double from_kashgar = x == "khorgos_rail" ? std::round(0.25 * v) : 0.0;
    if (from_kashgar > 0)
      p.flows.push_back(flow("inbound", "kashgar", x, site, "", from_kashgar, 0.9, 60));
    p.flows.push_back(flow("inbound", "urumqi", x, site, "", v - from_kashgar, 0.8, 40));
    crossing_flow[x] += v;
    cn += v * 0.3;
    fees += v * 0.25;
    kz += v * 0.3;
  }
  for (const auto& c : s.crossings) {
    design::CrossingResult r;
    r.crossing = c.id;
    r.name = c.name;
    r.mode = c.mode == scenario::Mode::kRail ? "rail" : "road";
    bool opened = ayagoz && c.id == "ayagoz_rail";
    r.status = opened ? "operating"
                      : (c.status == scenario::CrossingStatus::kPlanned ? "planned" : "operating");
    r.usable = c.status == scenario::CrossingStatus::kOperating || opened;
    double per_unit =
        c.mode == scenario::Mode::kRail ? s.parcels_per_container : s.parcels_per_truck;
    r.capacity_parcels_per_day =
        r.usable ? c.capacity_per_day * (1 - c.background_share) * per_unit : 0.0;
    r.flow_parcels_per_day = crossing_flow[c.id];
    r.flow_units_per_day = r.flow_parcels_per_day / per_unit;
    r.utilisation = r.usable ? r.flow_parcels_per_day / r.capacity_parcels_per_day : 0.0;
    r.shadow_price_per_unit_day = c.id == "khorgos_rail" ? 182500.0 : 0.0;
    p.crossings.push_back(r);
  }
  p.costs.cn_linehaul = cn * 360;
  p.costs.crossing = fees * 360;
  p.costs.kz_linehaul = kz * 360;
  p.costs.handling = handling * 360;
  p.costs.last_mile = last_mile * 360;
  p.costs.direct = direct_cost * 360;
  p.costs.unmet_penalty = 180.0 * 25.0 * 360;
  const auto& c = p.costs;
  p.objective = c.fixed + c.cn_linehaul + c.crossing + c.kz_linehaul + c.handling + c.last_mile +
                c.direct + c.unmet_penalty;
  p.lower_bound = p.objective * (1 - 2e-7);
  p.gap = (p.objective - p.lower_bound) / std::max(1.0, std::abs(p.objective));
  double delivered = 0.0;
  for (const auto& z : p.zones) {
    p.demand_per_day += z.demand_per_day;
    delivered += z.stocked_per_day + z.direct_per_day;
  }
  p.cost_per_parcel = p.objective / (delivered * 360);
  return p;
}

sim::SimResult sample_sim(const scenario::Scenario& s, const design::Plan& plan) {
  sim::SimOptions o;
  o.days = 28;
  o.warmup_days = 7;
  o.start_date = "2025-11-01";  // through 11.11, the year's peak
  o.replications = 3;
  o.seed = 2025;
  o.threads = 2;
  return sim::simulate(s, plan, o);
}

}  // namespace corridor::report::testing
