#pragma once
// A tiny corridor built in code, small enough to solve by hand. Shared by the network
// and design tests. Numbers are chosen so every per-parcel figure is a round number:
//
//   parcels_per_container = 100, parcels_per_truck = 50, planning days = 100,
//   unmet penalty 1000 / parcel.
//
//   HUB --L1 rail 200/container = 2.0/parcel, 10 h--> XCN
//   X1 rail XCN->XKZ: 10 containers/day = 1000 parcels/day; fee 100 + transshipment 50
//      per container = 1.5/parcel; 10 h + 2 h + 0.5 × 4 h = 14 h
//   XKZ --L2 road 100/truck = 2.0/parcel, 2 h--> SA (site A)
//   XKZ --L3 road 200/truck = 4.0/parcel, 5 h--> SB (site B)
//   HUB --L4 road 50/truck = 1.0/parcel, 4 h--> X2CN
//   X2 road X2CN->X2KZ, planned: 20 trucks/day, background 0.5 -> 500 parcels/day;
//      fee 25/truck = 0.5/parcel; 3 h
//   X2KZ --L5 road 50/truck = 1.0/parcel, 1 h--> SB
//   last mile (explicit rows, 1.0/parcel, 10 h): SA->NZ1, SA->NZ2, SB->NZ1, SB->NZ2
//   site A: M 1000/day, fixed 10000, handling 0.5; site B: M 1000/day, fixed 8000,
//   handling 0.5. Zones Z1, Z2: 100 parcels/day, promise 3 days, direct not allowed.
//
// Stocked cost per parcel: via X1 to A 2+1.5+2+0.5+1 = 7; via X1 to B 2+1.5+4+0.5+1 = 9;
// via X2 to B 1+0.5+1+0.5+1 = 4.

#include <string>

#include "corridor/scenario.hpp"

namespace corridor::testing {

inline scenario::Node node(std::string id, scenario::Country c, double lat, double lon) {
  scenario::Node n;
  n.id = id;
  n.name = "Name " + id;
  n.kind = scenario::NodeKind::kCity;
  n.country = c;
  n.lat = lat;
  n.lon = lon;
  return n;
}

inline scenario::Link link(std::string id,
                           std::string from,
                           std::string to,
                           scenario::Mode mode,
                           double km,
                           double hours,
                           double cost_per_unit,
                           scenario::Unit unit) {
  scenario::Link l;
  l.id = std::move(id);
  l.from = std::move(from);
  l.to = std::move(to);
  l.mode = mode;
  l.distance = Km(km);
  l.hours = Hours(hours);
  l.cost_per_unit = Money(cost_per_unit);
  l.unit = unit;
  return l;
}

inline scenario::WarehouseSite site(
    std::string id, std::string node_id, double capacity, double fixed, double handling) {
  scenario::WarehouseSite s;
  s.id = std::move(id);
  s.node = std::move(node_id);
  scenario::SizeOption o;
  o.size = "M";
  o.capacity_per_day = capacity;
  o.fixed_cost_per_year = Money(fixed);
  o.handling_cost_per_parcel = Money(handling);
  s.sizes.push_back(o);
  return s;
}

inline scenario::Zone zone(std::string id, std::string node_id, double demand, double promise) {
  scenario::Zone z;
  z.id = std::move(id);
  z.node = std::move(node_id);
  z.parcels_per_day = demand;
  z.promise_days = promise;
  z.direct_allowed = false;
  return z;
}

inline scenario::Scenario tiny_scenario() {
  using scenario::Country;
  using scenario::Mode;
  using scenario::Unit;
  scenario::Scenario s;
  s.name = "tiny";
  s.currency = "USD";
  s.planning_days_per_year = 100;
  s.parcels_per_container = 100;
  s.parcels_per_truck = 50;
  s.unmet_penalty_per_parcel = Money(1000);
  s.direct.clearance_hours = Hours(20);
  s.direct.cost_per_parcel = Money(3);

  for (const char* id : {"HUB", "XCN", "X2CN"}) s.nodes.push_back(node(id, Country::kCN, 44, 80));
  for (const char* id : {"XKZ", "X2KZ", "SA", "SB", "NZ1", "NZ2"})
    s.nodes.push_back(node(id, Country::kKZ, 45, 75));

  scenario::Crossing x1;
  x1.id = "X1";
  x1.name = "Rail crossing";
  x1.mode = Mode::kRail;
  x1.cn_node = "XCN";
  x1.kz_node = "XKZ";
  x1.capacity_per_day = 10;
  x1.unit = Unit::kContainer;
  x1.processing_hours = Hours(10);
  x1.fee_per_unit = Money(100);
  x1.gauge_change = true;
  x1.transshipment_hours = Hours(2);
  x1.transshipment_cost_per_unit = Money(50);
  x1.inspection_probability = 0.5;
  x1.inspection_hours = Hours(4);
  s.crossings.push_back(x1);

  scenario::Crossing x2;
  x2.id = "X2";
  x2.name = "Road crossing";
  x2.mode = Mode::kRoad;
  x2.cn_node = "X2CN";
  x2.kz_node = "X2KZ";
  x2.capacity_per_day = 20;
  x2.unit = Unit::kTruck;
  x2.background_share = 0.5;
  x2.processing_hours = Hours(3);
  x2.fee_per_unit = Money(25);
  x2.status = scenario::CrossingStatus::kPlanned;
  x2.opening_year = 2030;
  s.crossings.push_back(x2);

  s.links.push_back(link("L1", "HUB", "XCN", Mode::kRail, 500, 10, 200, Unit::kContainer));
  s.links.push_back(link("L2", "XKZ", "SA", Mode::kRoad, 100, 2, 100, Unit::kTruck));
  s.links.push_back(link("L3", "XKZ", "SB", Mode::kRoad, 300, 5, 200, Unit::kTruck));
  s.links.push_back(link("L4", "HUB", "X2CN", Mode::kRoad, 200, 4, 50, Unit::kTruck));
  s.links.push_back(link("L5", "X2KZ", "SB", Mode::kRoad, 50, 1, 50, Unit::kTruck));
  s.links.push_back(link("M1", "SA", "NZ1", Mode::kRoad, 20, 10, 1, Unit::kParcel));
  s.links.push_back(link("M2", "SA", "NZ2", Mode::kRoad, 20, 10, 1, Unit::kParcel));
  s.links.push_back(link("M3", "SB", "NZ1", Mode::kRoad, 20, 10, 1, Unit::kParcel));
  s.links.push_back(link("M4", "SB", "NZ2", Mode::kRoad, 20, 10, 1, Unit::kParcel));

  scenario::Hub h;
  h.id = "H";
  h.node = "HUB";
  s.hubs.push_back(h);

  s.sites.push_back(site("A", "SA", 1000, 10000, 0.5));
  s.sites.push_back(site("B", "SB", 1000, 8000, 0.5));
  s.zones.push_back(zone("Z1", "NZ1", 100, 3));
  s.zones.push_back(zone("Z2", "NZ2", 100, 3));
  return s;
}

/// The tiny scenario with the planned road crossing X2 opened (what a variant with
/// `{table: crossings, id: X2, field: status, set: operating}` produces).
inline scenario::Scenario tiny_with_x2() {
  scenario::Scenario s = tiny_scenario();
  s.variant = "open-x2";
  s.crossings[1].status = scenario::CrossingStatus::kOperating;
  return s;
}

}  // namespace corridor::testing
