#include "corridor/network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "tiny_scenario.hpp"

namespace corridor::network {
namespace {

using scenario::Country;
using scenario::Mode;
using scenario::Unit;
using testing::link;
using testing::tiny_scenario;

const LinkArc& link_by_id(const Network& net, const std::string& id) {
  for (const auto& l : net.links)
    if (l.id == id) return l;
  throw std::runtime_error("no link " + id);
}

TEST(Network, ConvertsLinkCostsAndCapacitiesToParcels) {
  auto s = tiny_scenario();
  s.links[0].capacity_per_day = 3.0;  // L1: 3 containers/day
  s.links[1].capacity_per_day = 4.0;  // L2: 4 trucks/day
  const Network net = build(s);
  // 200 per container / 100 parcels per container.
  EXPECT_DOUBLE_EQ(link_by_id(net, "L1").cost_per_parcel, 2.0);
  EXPECT_DOUBLE_EQ(*link_by_id(net, "L1").capacity_parcels_per_day, 300.0);
  // 100 per truck / 50 parcels per truck.
  EXPECT_DOUBLE_EQ(link_by_id(net, "L2").cost_per_parcel, 2.0);
  EXPECT_DOUBLE_EQ(*link_by_id(net, "L2").capacity_parcels_per_day, 200.0);
  // Per-parcel rows are taken as they are; no capacity means uncapacitated.
  EXPECT_DOUBLE_EQ(link_by_id(net, "M1").cost_per_parcel, 1.0);
  EXPECT_FALSE(link_by_id(net, "M1").capacity_parcels_per_day.has_value());
}

TEST(Network, ConvertsCrossingsToParcels) {
  const Network net = build(tiny_scenario());
  ASSERT_EQ(net.crossings.size(), 2u);
  const CrossingArc& x1 = net.crossings[0];
  EXPECT_TRUE(x1.usable);
  EXPECT_DOUBLE_EQ(x1.parcels_per_unit, 100.0);
  EXPECT_DOUBLE_EQ(x1.capacity_parcels_per_day, 1000.0);  // 10 × 100 × (1 − 0)
  EXPECT_DOUBLE_EQ(x1.cost_per_parcel, 1.5);              // (100 + 50) / 100
  EXPECT_DOUBLE_EQ(x1.hours, 14.0);                       // 10 + 2 + 0.5 × 4
  const CrossingArc& x2 = net.crossings[1];
  EXPECT_FALSE(x2.usable);  // planned
  EXPECT_DOUBLE_EQ(x2.parcels_per_unit, 50.0);
  EXPECT_DOUBLE_EQ(x2.capacity_parcels_per_day, 500.0);  // 20 × 50 × (1 − 0.5)
  EXPECT_DOUBLE_EQ(x2.cost_per_parcel, 0.5);             // 25 / 50
  EXPECT_DOUBLE_EQ(x2.hours, 3.0);
}

TEST(Network, OnlyUsableCrossingsGetRoutes) {
  const Network base = build(tiny_scenario());
  // One hub × one usable crossing (X1) × two sites.
  ASSERT_EQ(base.supply.size(), 2u);
  for (const auto& r : base.supply) EXPECT_EQ(r.crossing, 0);

  const Network opened = build(testing::tiny_with_x2());
  // X1 reaches A and B, X2 reaches only B (no X2KZ -> SA link).
  ASSERT_EQ(opened.supply.size(), 3u);
  const SupplyRoute& via_x2 = opened.supply[2];
  EXPECT_EQ(via_x2.crossing, 1);
  EXPECT_EQ(via_x2.site, 1);
  EXPECT_DOUBLE_EQ(via_x2.cost_per_parcel(opened.crossings), 2.5);  // 1 + 0.5 + 1
  EXPECT_DOUBLE_EQ(via_x2.hours(opened.crossings), 8.0);            // 4 + 3 + 1
  EXPECT_EQ(via_x2.cn.nodes, (std::vector<std::string>{"HUB", "X2CN"}));
  EXPECT_EQ(via_x2.kz.nodes, (std::vector<std::string>{"X2KZ", "SB"}));
}

TEST(Network, SupplyRouteCostsAndTimes) {
  const Network net = build(tiny_scenario());
  const SupplyRoute& to_a = net.supply[0];
  EXPECT_EQ(to_a.site, 0);
  EXPECT_DOUBLE_EQ(to_a.cost_per_parcel(net.crossings), 5.5);  // 2 + 1.5 + 2
  EXPECT_DOUBLE_EQ(to_a.hours(net.crossings), 26.0);           // 10 + 14 + 2
  const SupplyRoute& to_b = net.supply[1];
  EXPECT_DOUBLE_EQ(to_b.cost_per_parcel(net.crossings), 7.5);  // 2 + 1.5 + 4
  ASSERT_EQ(to_b.kz.links.size(), 1u);
  EXPECT_EQ(net.links[to_b.kz.links[0]].id, "L3");
}

TEST(Network, RailCrossingIsFedOnlyByRailOnTheChineseSide) {
  auto s = tiny_scenario();
  // A cheaper road link to the rail crossing's CN node: must not be used (wrong mode).
  s.links.push_back(link("R1", "HUB", "XCN", Mode::kRoad, 500, 8, 10, Unit::kTruck));
  // A cheaper two-leg rail path via a junction: must be used.
  s.nodes.push_back(testing::node("J", Country::kCN, 44, 81));
  s.links.push_back(link("J1", "HUB", "J", Mode::kRail, 200, 5, 50, Unit::kContainer));
  s.links.push_back(link("J2", "J", "XCN", Mode::kRail, 200, 5, 50, Unit::kContainer));
  const Network net = build(s);
  const SupplyRoute& r = net.supply[0];
  EXPECT_EQ(r.cn.nodes, (std::vector<std::string>{"HUB", "J", "XCN"}));
  EXPECT_DOUBLE_EQ(r.cn.cost_per_parcel, 1.0);  // (50 + 50) / 100
  EXPECT_DOUBLE_EQ(r.cn.hours, 10.0);
  EXPECT_DOUBLE_EQ(r.cn.km, 400.0);

  // With only the road link left, the rail crossing cannot be reached at all.
  auto road_only = tiny_scenario();
  road_only.links[0].mode = Mode::kRoad;
  EXPECT_TRUE(build(road_only).supply.empty());
}

TEST(Network, KazakhSideUsesAnyModeAndTiesBreakOnHours) {
  auto s = tiny_scenario();
  // Same cost to SA as L2 (2.0/parcel) by rail, but faster: the tie breaks on hours.
  s.links.push_back(link("L2R", "XKZ", "SA", Mode::kRail, 100, 1, 200, Unit::kContainer));
  const Network net = build(s);
  ASSERT_EQ(net.supply[0].kz.links.size(), 1u);
  EXPECT_EQ(net.links[net.supply[0].kz.links[0]].id, "L2R");
}

TEST(Network, BorderJumpingLinksAreIgnored) {
  auto s = tiny_scenario();
  s.links.push_back(link("BAD", "HUB", "SA", Mode::kRoad, 10, 1, 0, Unit::kTruck));
  const Network net = build(s);
  EXPECT_FALSE(link_by_id(net, "BAD").in_graph);
  EXPECT_FALSE(cheapest_route(net, "HUB", "SA", Country::kCN, std::nullopt).has_value());
  EXPECT_FALSE(cheapest_route(net, "HUB", "SA", Country::kKZ, std::nullopt).has_value());
}

TEST(Network, LastMileRuleWithoutExplicitRow) {
  auto s = tiny_scenario();
  // Two points one degree of longitude apart on the equator: 6371.0088 × π/180 km.
  s.nodes.push_back(testing::node("P", Country::kKZ, 0, 70));
  s.nodes.push_back(testing::node("Q", Country::kKZ, 0, 71));
  s.last_mile.circuity = 1.2;
  s.last_mile.speed_kmh = 50;
  s.last_mile.base_hours = Hours(24);
  s.last_mile.cost_per_parcel = Money(1);
  s.last_mile.cost_per_parcel_km = Money(0.002);
  const Network net = build(s);
  const LastMileLeg leg = last_mile(net, "P", "Q");
  const double km = 6371.0088 * std::numbers::pi / 180.0 * 1.2;
  EXPECT_EQ(leg.link, -1);
  EXPECT_NEAR(leg.km, km, 1e-9);
  EXPECT_NEAR(leg.hours, 24.0 + km / 50.0, 1e-9);
  EXPECT_NEAR(leg.cost_per_parcel, 1.0 + 0.002 * km, 1e-9);
  // Same node: zero distance, base hours and base cost.
  const LastMileLeg same = last_mile(net, "P", "P");
  EXPECT_DOUBLE_EQ(same.km, 0.0);
  EXPECT_DOUBLE_EQ(same.hours, 24.0);
  EXPECT_DOUBLE_EQ(same.cost_per_parcel, 1.0);
}

TEST(Network, LastMileUsesTheCheapestExplicitRow) {
  auto s = tiny_scenario();
  s.links.push_back(link("M1b", "SA", "NZ1", Mode::kRoad, 30, 12, 0.8, Unit::kParcel));
  const Network net = build(s);
  const LastMileLeg leg = last_mile(net, "SA", "NZ1");
  EXPECT_EQ(net.links[leg.link].id, "M1b");
  EXPECT_DOUBLE_EQ(leg.cost_per_parcel, 0.8);
  EXPECT_DOUBLE_EQ(leg.hours, 12.0);
  EXPECT_DOUBLE_EQ(leg.km, 30.0);
}

TEST(Network, PromiseFiltersDeliveryLegs) {
  auto s = tiny_scenario();
  s.zones[0].promise_days = 10.0 / 24.0;  // exactly the 10 h leg: still within
  s.zones[1].promise_days = 9.0 / 24.0;   // shorter than every 10 h leg
  const Network net = build(s);
  ASSERT_EQ(net.delivery.size(), 4u);  // 2 sites × 2 zones
  for (const auto& d : net.delivery) EXPECT_EQ(d.within_promise, d.zone == 0);
}

TEST(Network, DirectRoutesAddClearanceAndCheckTheWholePromise) {
  auto s = tiny_scenario();
  s.zones[0].direct_allowed = true;
  // Direct last mile X1's KZ side -> NZ1 by an explicit row: 1.5/parcel, 6 h.
  s.links.push_back(link("D1", "XKZ", "NZ1", Mode::kRoad, 60, 6, 1.5, Unit::kParcel));
  s.zones[0].promise_days = 2.0;  // 48 h
  Network net = build(s);
  ASSERT_EQ(net.direct.size(), 1u);  // only Z1 allows direct, only X1 usable
  const DirectRoute& r = net.direct[0];
  EXPECT_DOUBLE_EQ(r.hours, 50.0);           // 10 + 14 + 20 clearance + 6
  EXPECT_DOUBLE_EQ(r.cost_per_parcel, 8.0);  // 2 + 1.5 + 3 direct + 1.5
  EXPECT_FALSE(r.within_promise);            // 50 h > 48 h
  s.zones[0].promise_days = 50.0 / 24.0;
  net = build(s);
  EXPECT_TRUE(net.direct[0].within_promise);
}

TEST(Network, HubAtTheCrossingNeedsNoLinks) {
  auto s = tiny_scenario();
  s.hubs[0].node = "XCN";
  const Network net = build(s);
  ASSERT_FALSE(net.supply.empty());
  EXPECT_EQ(net.supply[0].cn.nodes, (std::vector<std::string>{"XCN"}));
  EXPECT_TRUE(net.supply[0].cn.links.empty());
  EXPECT_DOUBLE_EQ(net.supply[0].cn.cost_per_parcel, 0.0);
}

}  // namespace
}  // namespace corridor::network
