#pragma once
// Scenarios and plans built in code for the simulation tests: the M/M/c system in the
// ordinary scenario format (one hub, one crossing with c servers, one zone, direct
// channel) and a small corridor with both channels, rail and road.

#include <string>

#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"

namespace corridor::sim::testing {

inline scenario::Node node(const std::string& id,
                           scenario::NodeKind kind,
                           scenario::Country country,
                           double lat,
                           double lon) {
  scenario::Node n;
  n.id = id;
  n.name = id;
  n.kind = kind;
  n.country = country;
  n.lat = lat;
  n.lon = lon;
  n.source = "test";
  return n;
}

inline scenario::Link link(const std::string& id,
                           const std::string& from,
                           const std::string& to,
                           scenario::Mode mode,
                           double hours) {
  scenario::Link l;
  l.id = id;
  l.from = from;
  l.to = to;
  l.mode = mode;
  l.distance = Km(hours * 50);
  l.hours = Hours(hours);
  l.source = "test";
  return l;
}

struct Case {
  scenario::Scenario scenario;
  design::Plan plan;
};

/// M/M/c: Poisson orders at `per_hour`, one crossing with `servers` lanes and mean
/// processing `service_hours`, always open, no inspection, no background freight.
inline Case mmc_case(int servers, double service_hours, double per_hour) {
  using namespace scenario;
  Case c;
  auto& s = c.scenario;
  s.name = "sim_mmc";
  s.base_year = 2025;
  s.parcels_per_container = 1;
  s.parcels_per_truck = 1;
  s.direct.clearance_hours = Hours(0);
  s.last_mile.base_hours = Hours(1);
  s.nodes = {node("HUB", NodeKind::kHub, Country::kCN, 44.0, 82.0),
             node("X_CN", NodeKind::kCrossing, Country::kCN, 44.2, 80.3),
             node("X_KZ", NodeKind::kCrossing, Country::kKZ, 44.2, 80.2),
             node("Z", NodeKind::kZone, Country::kKZ, 43.2, 76.9)};
  s.links = {link("L1", "HUB", "X_CN", Mode::kRoad, 0.5)};
  Crossing x;
  x.id = "X";
  x.name = "X";
  x.mode = Mode::kRoad;
  x.cn_node = "X_CN";
  x.kz_node = "X_KZ";
  x.unit = Unit::kTruck;
  x.capacity_per_day = 1e6;
  x.processing_hours = Hours(service_hours);
  x.servers = servers;
  s.crossings = {x};
  Hub h;
  h.id = "H";
  h.node = "HUB";
  s.hubs = {h};
  Zone z;
  z.id = "Z";
  z.node = "Z";
  z.parcels_per_day = 24.0 * per_hour;
  z.promise_days = 2;
  s.zones = {z};

  auto& p = c.plan;
  p.scenario = s.name;
  design::ZoneResult zr;
  zr.zone = "Z";
  zr.node = "Z";
  zr.demand_per_day = 24.0 * per_hour;
  zr.direct_per_day = zr.demand_per_day;
  zr.promise_days = 2;
  p.zones = {zr};
  design::FlowPath f;
  f.channel = "direct";
  f.hub = "H";
  f.crossing = "X";
  f.zone = "Z";
  f.parcels_per_day = zr.demand_per_day;
  p.flows = {f};
  return c;
}

/// A small corridor: hub H1 feeds rail crossing R (gauge change, closed Sundays) and
/// road crossing D; warehouses W1 (Almaty) and W2 (Astana); zones ALA, AST, SHY.
/// ALA and AST are served from stock and partly direct; SHY is partly unserved.
inline Case small_corridor() {
  using namespace scenario;
  Case c;
  auto& s = c.scenario;
  s.name = "sim_small";
  s.base_year = 2025;
  s.parcels_per_container = 400;
  s.parcels_per_truck = 150;
  s.direct.clearance_hours = Hours(12);
  s.last_mile.base_hours = Hours(12);
  s.last_mile.circuity = 1.3;
  s.last_mile.speed_kmh = 60;
  s.nodes = {node("URC", NodeKind::kHub, Country::kCN, 43.8, 87.6),
             node("ALS", NodeKind::kCrossing, Country::kCN, 45.2, 82.6),
             node("DOS", NodeKind::kCrossing, Country::kKZ, 45.25, 82.5),
             node("HRG", NodeKind::kCrossing, Country::kCN, 44.2, 80.4),
             node("NZH", NodeKind::kCrossing, Country::kKZ, 44.2, 80.3),
             node("ALA_W", NodeKind::kWarehouseSite, Country::kKZ, 43.3, 76.9),
             node("AST_W", NodeKind::kWarehouseSite, Country::kKZ, 51.1, 71.4),
             node("ALA", NodeKind::kZone, Country::kKZ, 43.25, 76.95),
             node("AST", NodeKind::kZone, Country::kKZ, 51.15, 71.45),
             node("SHY", NodeKind::kZone, Country::kKZ, 42.3, 69.6)};
  s.links = {link("L1", "URC", "ALS", Mode::kRail, 20),
             link("L2", "URC", "HRG", Mode::kRoad, 10),
             link("L3", "DOS", "ALA_W", Mode::kRail, 24),
             link("L4", "DOS", "AST_W", Mode::kRail, 40),
             link("L5", "NZH", "ALA_W", Mode::kRoad, 6)};
  Crossing r;
  r.id = "R";
  r.name = "Dostyk rail";
  r.mode = Mode::kRail;
  r.cn_node = "ALS";
  r.kz_node = "DOS";
  r.unit = Unit::kContainer;
  r.capacity_per_day = 200;
  r.background_share = 0.3;
  r.processing_hours = Hours(1.0);
  r.servers = 4;
  r.gauge_change = true;
  r.transshipment_hours = Hours(6);
  r.inspection_probability = 0.1;
  r.inspection_hours = Hours(8);
  r.calendar = "RAIL";
  Crossing d;
  d.id = "D";
  d.name = "Khorgos road";
  d.mode = Mode::kRoad;
  d.cn_node = "HRG";
  d.kz_node = "NZH";
  d.unit = Unit::kTruck;
  d.capacity_per_day = 300;
  d.background_share = 0.2;
  d.processing_hours = Hours(0.5);
  d.servers = 3;
  d.inspection_probability = 0.05;
  d.inspection_hours = Hours(4);
  d.calendar = "ROAD";
  s.crossings = {r, d};
  CalendarRule rail;
  rail.calendar = "RAIL";
  rail.weekdays = 0x3F;  // Mon-Sat
  CalendarRule road;
  road.calendar = "ROAD";
  road.open_hour = 8;
  road.close_hour = 20;
  s.calendars = {rail, road};
  Hub h;
  h.id = "H1";
  h.node = "URC";
  s.hubs = {h};
  auto make_zone = [](const std::string& id, double ppd, double promise) {
    Zone z;
    z.id = id;
    z.node = id;
    z.parcels_per_day = ppd;
    z.promise_days = promise;
    return z;
  };
  s.zones = {make_zone("ALA", 3000, 3), make_zone("AST", 2000, 4), make_zone("SHY", 1000, 5)};
  WarehouseSite w1, w2;
  w1.id = "W1";
  w1.node = "ALA_W";
  w2.id = "W2";
  w2.node = "AST_W";
  s.sites = {w1, w2};
  scenario::Event peak;
  peak.id = "1111";
  peak.kind = scenario::Event::Kind::kPeak;
  peak.target = "*";
  peak.date_from = "2025-11-11";
  peak.date_to = "2025-11-12";
  peak.factor = 3.0;
  s.events = {peak};

  auto& p = c.plan;
  p.scenario = s.name;
  auto wh = [](const std::string& site, const std::string& node, double cap) {
    design::WarehouseDecision w;
    w.site = site;
    w.node = node;
    w.capacity_per_day = cap;
    return w;
  };
  p.warehouses = {wh("W1", "ALA_W", 6000), wh("W2", "AST_W", 3000)};
  auto zr = [](const std::string& zone, double demand) {
    design::ZoneResult z;
    z.zone = zone;
    z.node = zone;
    z.demand_per_day = demand;
    return z;
  };
  p.zones = {zr("ALA", 3000), zr("AST", 2000), zr("SHY", 1000)};
  p.zones[0].promise_days = 3;
  p.zones[1].promise_days = 4;
  p.zones[2].promise_days = 5;
  auto flow = [](const std::string& ch,
                 const std::string& hub,
                 const std::string& x,
                 const std::string& site,
                 const std::string& zone,
                 double ppd) {
    design::FlowPath f;
    f.channel = ch;
    f.hub = hub;
    f.crossing = x;
    f.site = site;
    f.zone = zone;
    f.parcels_per_day = ppd;
    return f;
  };
  p.flows = {flow("inbound", "H1", "R", "W1", "", 2000),
             flow("inbound", "H1", "D", "W1", "", 1100),
             flow("inbound", "H1", "R", "W2", "", 1800),
             flow("outbound", "", "", "W1", "ALA", 2600),
             flow("outbound", "", "", "W1", "SHY", 500),
             flow("outbound", "", "", "W2", "AST", 1800),
             flow("direct", "H1", "D", "", "ALA", 400),
             flow("direct", "H1", "R", "", "AST", 200),
             flow("direct", "H1", "D", "", "SHY", 300)};
  return c;
}

/// Erlang C, computed here independently of the simulator: the probability of waiting
/// in M/M/c, then Wq and Lq.
struct ErlangC {
  double p_wait = 0.0, wq = 0.0, lq = 0.0;
};
inline ErlangC erlang_c(double lambda, double mu, int c) {
  const double a = lambda / mu;  // offered load in Erlangs
  double term = 1.0, sum = 0.0;  // a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);  // a^c / c! * c / (c - a)
  ErlangC e;
  e.p_wait = top / (sum + top);
  e.wq = e.p_wait / (c * mu - lambda);
  e.lq = lambda * e.wq;
  return e;
}

}  // namespace corridor::sim::testing
