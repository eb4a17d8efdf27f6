// Hand-checked tiny corridors (tests/unit/network/tiny_scenario.hpp explains every
// per-parcel figure). Each test solves with the brute-force reference and checks the
// open set, flows and costs against the numbers worked out in the comments.

#include "corridor_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "../network/tiny_scenario.hpp"
#include "brute_force.hpp"
#include "corridor/design.hpp"
#include "plan_lookup.hpp"

namespace corridor::design {
namespace {

using testing::tiny_scenario;
using testing::tiny_with_x2;

Plan solve_brute(const scenario::Scenario& s, const PlanOptions& o = {}) {
  const CorridorModel cm = build_corridor_model(s, o);
  return make_plan(cm, testing::brute_force_solve(cm.model));
}

using testing::crossing;
using testing::open_sites;
using testing::sum;

const ZoneResult& zone(const Plan& p, const std::string& id) {
  for (const auto& z : p.zones)
    if (z.zone == id) return z;
  throw std::runtime_error("no zone " + id);
}

double flow(const Plan& p, const std::string& channel, const std::string& a, const std::string& b) {
  double f = 0;
  for (const auto& fp : p.flows) {
    if (fp.channel != channel) continue;
    if (channel == "outbound" && fp.site == a && fp.zone == b) f += fp.parcels_per_day;
    if (channel == "inbound" && fp.crossing == a && fp.site == b) f += fp.parcels_per_day;
    if (channel == "direct" && fp.crossing == a && fp.zone == b) f += fp.parcels_per_day;
  }
  return f;
}

TEST(CorridorModel, ModelShape) {
  const CorridorModel cm = build_corridor_model(tiny_scenario(), {});
  ASSERT_EQ(cm.model.facilities.size(), 2u);
  EXPECT_DOUBLE_EQ(cm.model.facilities[0].options[0].unit_cost, 50.0);  // 0.5 × 100 days
  EXPECT_EQ(cm.model.demand, (std::vector<double>{100, 100}));
  EXPECT_EQ(cm.model.arcs.size(), 4u);
  EXPECT_DOUBLE_EQ(cm.model.arcs[0].unit_cost, 100.0);  // 1.0 × 100 days
  ASSERT_EQ(cm.model.supply.size(), 2u);
  EXPECT_DOUBLE_EQ(cm.model.supply[0].unit_cost, 550.0);  // 5.5 × 100
  EXPECT_DOUBLE_EQ(cm.model.supply[1].unit_cost, 750.0);  // 7.5 × 100
  ASSERT_EQ(cm.model.resources.size(), 1u);               // X1 only; nothing else capped
  EXPECT_EQ(cm.model.resources[0].name, "crossing:X1");
  EXPECT_DOUBLE_EQ(cm.model.resources[0].capacity, 1000.0);
  EXPECT_TRUE(cm.model.needs_supply);
  EXPECT_DOUBLE_EQ(*cm.model.unmet_penalty, 100000.0);  // 1000 × 100 days
}

// (1) Site B has the lower fixed cost (8000 vs 10000) but its inbound leg costs
// 2 more per parcel: A = 10000 + 200 × 100 × 7 = 150000, B = 8000 + 200 × 100 × 9 =
// 188000, both = 18000 + 140000. A alone wins.
TEST(CorridorModel, OpensTheCheaperSite) {
  const Plan p = solve_brute(tiny_scenario());
  EXPECT_EQ(open_sites(p), (std::vector<std::string>{"A"}));
  EXPECT_NEAR(p.objective, 150000.0, 1e-6);
  EXPECT_NEAR(p.costs.fixed, 10000.0, 1e-6);
  EXPECT_NEAR(p.costs.cn_linehaul, 40000.0, 1e-6);  // 200 × 2 × 100
  EXPECT_NEAR(p.costs.crossing, 30000.0, 1e-6);     // 200 × 1.5 × 100
  EXPECT_NEAR(p.costs.kz_linehaul, 40000.0, 1e-6);  // 200 × 2 × 100
  EXPECT_NEAR(p.costs.handling, 10000.0, 1e-6);     // 200 × 0.5 × 100
  EXPECT_NEAR(p.costs.last_mile, 20000.0, 1e-6);    // 200 × 1 × 100
  EXPECT_NEAR(sum(p.costs), p.objective, 1e-6);
  EXPECT_NEAR(p.cost_per_parcel, 7.5, 1e-9);  // 150000 / (200 × 100)
  EXPECT_NEAR(flow(p, "inbound", "X1", "A"), 200.0, 1e-6);
  EXPECT_NEAR(flow(p, "outbound", "A", "Z1"), 100.0, 1e-6);
  EXPECT_NEAR(flow(p, "outbound", "A", "Z2"), 100.0, 1e-6);
  const auto& w = p.warehouses[0];
  EXPECT_NEAR(w.throughput_per_day, 200.0, 1e-6);
  EXPECT_NEAR(w.utilisation, 0.2, 1e-9);
  EXPECT_EQ(w.zones, (std::vector<std::string>{"Z1", "Z2"}));
  const auto& x1 = crossing(p, "X1");
  EXPECT_NEAR(x1.flow_parcels_per_day, 200.0, 1e-6);
  EXPECT_NEAR(x1.flow_units_per_day, 2.0, 1e-9);  // containers
  EXPECT_NEAR(x1.utilisation, 0.2, 1e-9);
  EXPECT_NEAR(x1.shadow_price_per_unit_day, 0.0, 1e-6);
  const auto& z1 = zone(p, "Z1");
  EXPECT_EQ(z1.main_site, "A");
  EXPECT_NEAR(z1.delivery_days, 10.0 / 24.0, 1e-9);
  // 5.5 inbound + 0.5 handling + 1 last mile + 10000 / (200 × 100) fixed.
  EXPECT_NEAR(z1.cost_per_parcel, 7.5, 1e-9);
  EXPECT_FALSE(z1.late);
  EXPECT_TRUE(p.unmet.empty());
  // The inbound path keeps its route for the report.
  for (const auto& f : p.flows)
    if (f.channel == "inbound") {
      EXPECT_EQ(f.route, (std::vector<std::string>{"HUB", "XCN", "XKZ", "SA"}));
      EXPECT_EQ(f.legs, (std::vector<std::string>{"L1", "X1", "L2"}));
      EXPECT_EQ(f.mode, "rail");
      EXPECT_NEAR(f.hours, 26.0, 1e-9);
      EXPECT_NEAR(f.cost_per_parcel, 5.5, 1e-9);
    }
}

// (2) A and B hold 150/day each, fixed 1000 each; demand 100 + 100. Split freely:
// A 150 at 7, B 50 at 9: 2000 + 100 × (1050 + 450) = 152000. One site per zone:
// A serves one zone, B the other: 2000 + 100 × (700 + 900) = 162000.
TEST(CorridorModel, SingleSourcingChangesTheAnswer) {
  auto s = tiny_scenario();
  for (auto& site : s.sites) {
    site.sizes[0].capacity_per_day = 150;
    site.sizes[0].fixed_cost_per_year = Money(1000);
  }
  const Plan split = solve_brute(s);
  EXPECT_NEAR(split.objective, 152000.0, 1e-6);
  EXPECT_NEAR(sum(split.costs), split.objective, 1e-6);
  EXPECT_NEAR(split.warehouses[0].throughput_per_day, 150.0, 1e-6);
  EXPECT_NEAR(split.warehouses[1].throughput_per_day, 50.0, 1e-6);

  PlanOptions o;
  o.single_sourcing = true;
  const Plan single = solve_brute(s, o);
  EXPECT_NEAR(single.objective, 162000.0, 1e-6);
  EXPECT_NEAR(sum(single.costs), single.objective, 1e-6);
  EXPECT_EQ(open_sites(single), (std::vector<std::string>{"A", "B"}));
  EXPECT_NEAR(single.warehouses[0].throughput_per_day, 100.0, 1e-6);
  EXPECT_NEAR(single.warehouses[1].throughput_per_day, 100.0, 1e-6);
  for (const auto& w : single.warehouses) EXPECT_EQ(w.zones.size(), 1u);
}

// (3) X2 is planned: unusable in the base (plan of test 1). Opened by the variant, the
// road route to B costs 1 + 0.5 + 1 = 2.5, so B alone: 8000 + 200 × 100 × 4 = 88000
// (A alone 150000; both ≥ 18000 + 200 × 100 × 4 = 98000).
TEST(CorridorModel, PlannedCrossingUsedOnlyOnceAVariantOpensIt) {
  const Plan base = solve_brute(tiny_scenario());
  const auto& x2_base = crossing(base, "X2");
  EXPECT_FALSE(x2_base.usable);
  EXPECT_EQ(x2_base.status, "planned");
  EXPECT_DOUBLE_EQ(x2_base.flow_parcels_per_day, 0.0);
  EXPECT_EQ(x2_base.mode, "road");

  const Plan v = solve_brute(tiny_with_x2());
  EXPECT_EQ(v.variant, "open-x2");
  EXPECT_EQ(open_sites(v), (std::vector<std::string>{"B"}));
  EXPECT_NEAR(v.objective, 88000.0, 1e-6);
  EXPECT_NEAR(sum(v.costs), v.objective, 1e-6);
  const auto& x2 = crossing(v, "X2");
  EXPECT_TRUE(x2.usable);
  EXPECT_EQ(x2.status, "operating");
  EXPECT_NEAR(x2.flow_parcels_per_day, 200.0, 1e-6);
  EXPECT_NEAR(x2.flow_units_per_day, 4.0, 1e-9);  // trucks of 50
  EXPECT_NEAR(x2.utilisation, 0.4, 1e-9);         // of 20 × 50 × (1 − 0.5) = 500
  EXPECT_NEAR(crossing(v, "X1").flow_parcels_per_day, 0.0, 1e-9);

  const Comparison c = compare_plans(base, {v}, {"open the road crossing"});
  ASSERT_EQ(c.rows.size(), 2u);
  EXPECT_EQ(c.rows[1].variant, "open-x2");
  EXPECT_EQ(c.rows[1].description, "open the road crossing");
  EXPECT_NEAR(c.rows[1].delta_total_cost, -62000.0, 1e-6);
  EXPECT_NEAR(c.rows[1].delta_cost_per_parcel, 4.4 - 7.5, 1e-9);
  EXPECT_EQ(c.rows[1].sites_opened, (std::vector<std::string>{"B"}));
  EXPECT_EQ(c.rows[1].sites_closed, (std::vector<std::string>{"A"}));
  EXPECT_NEAR(c.rows[1].delta_crossing_flow.at("X1"), -200.0, 1e-6);
  EXPECT_NEAR(c.rows[1].delta_crossing_flow.at("X2"), 200.0, 1e-6);
  EXPECT_NEAR(c.rows[0].delta_total_cost, 0.0, 1e-12);
  EXPECT_NEAR(c.rows[1].mean_delivery_days, 10.0 / 24.0, 1e-9);
}

// (4a) Z3 promises 6 hours; the last-mile rule gives at least base_hours = 24 h from any
// site and direct is not allowed: no path within promise. Objective = test 1 + 50 ×
// 1000 × 100. A zone with a fixed stocked share and no direct channel loses its direct
// part for the same reason.
TEST(CorridorModel, UnmetWithoutAPathWithinPromise) {
  auto s = tiny_scenario();
  s.nodes.push_back(testing::node("NZ3", scenario::Country::kKZ, 45, 75));
  s.zones.push_back(testing::zone("Z3", "NZ3", 50, 0.25));
  s.zones[1].stocked_share = 0.6;  // Z2: 60 stocked, 40 direct (not allowed)
  const Plan p = solve_brute(s);
  ASSERT_EQ(p.unmet.size(), 2u);
  // Customers: Z1 (any), Z2 stocked, Z2 direct, Z3 (any).
  EXPECT_EQ(p.unmet[0].zone, "Z2");
  EXPECT_EQ(p.unmet[0].part, "direct");
  EXPECT_NEAR(p.unmet[0].parcels_per_day, 40.0, 1e-6);
  EXPECT_EQ(p.unmet[0].reason, "no_path_within_promise");
  EXPECT_EQ(p.unmet[1].zone, "Z3");
  EXPECT_EQ(p.unmet[1].part, "any");
  EXPECT_NEAR(p.unmet[1].parcels_per_day, 50.0, 1e-6);
  EXPECT_EQ(p.unmet[1].reason, "no_path_within_promise");
  EXPECT_TRUE(p.unmet[1].binding.empty());
  // A serves 160: 10000 + 160 × 100 × 7 + 90 × 1000 × 100.
  EXPECT_NEAR(p.objective, 10000.0 + 112000.0 + 9000000.0, 1e-6);
  EXPECT_NEAR(p.costs.unmet_penalty, 9000000.0, 1e-6);
  EXPECT_NEAR(sum(p.costs), p.objective, 1e-6);
  EXPECT_NEAR(zone(p, "Z3").unmet_per_day, 50.0, 1e-6);
  EXPECT_NEAR(zone(p, "Z2").stocked_per_day, 60.0, 1e-6);
  EXPECT_NEAR(p.unmet_per_day, 90.0, 1e-6);
  EXPECT_NEAR(p.delivered_per_day, 160.0, 1e-6);
}

// (4b) X1 capped at 1 container = 100 parcels/day for 200 demanded: 100 unmet because
// of the crossing. A: 10000 + 100 × 100 × 7 + 100 × 1000 × 100 = 10080000 (B: 10098000).
// One more container/day would save (1000 − 7) × 100 days per parcel × 100 parcels.
TEST(CorridorModel, UnmetBecauseOfCrossingCapacity) {
  auto s = tiny_scenario();
  s.crossings[0].capacity_per_day = 1;
  const Plan p = solve_brute(s);
  EXPECT_EQ(open_sites(p), (std::vector<std::string>{"A"}));
  EXPECT_NEAR(p.objective, 10080000.0, 1e-4);
  EXPECT_NEAR(sum(p.costs), p.objective, 1e-4);
  EXPECT_NEAR(p.unmet_per_day, 100.0, 1e-6);
  ASSERT_FALSE(p.unmet.empty());
  for (const auto& u : p.unmet) {
    EXPECT_EQ(u.reason, "crossing_capacity");
    EXPECT_EQ(u.binding, "X1");
  }
  EXPECT_NEAR(crossing(p, "X1").utilisation, 1.0, 1e-9);
  EXPECT_NEAR(crossing(p, "X1").shadow_price_per_unit_day, 9930000.0, 1e-3);
}

// (5) X2 open but capped at 2 trucks/day (100 parcels). B only: 8000 + 100 × 100 × 4 +
// 100 × 100 × 9 = 138000; A only 150000; both: 18000 + 100 × 100 × (7 + 4) = 128000.
// With A and B open, one more parcel/day through X2 moves a parcel from A's path (7)
// to B's (4): 3 × 100 days = 300 per parcel/day, × 50 parcels = 15000 per truck/day.
TEST(CorridorModel, BindingRoadCrossingShadowPrice) {
  auto s = tiny_with_x2();
  s.crossings[1].capacity_per_day = 2;
  s.crossings[1].background_share = 0.0;
  const Plan p = solve_brute(s);
  EXPECT_EQ(open_sites(p), (std::vector<std::string>{"A", "B"}));
  EXPECT_NEAR(p.objective, 128000.0, 1e-6);
  EXPECT_NEAR(sum(p.costs), p.objective, 1e-6);
  const auto& x2 = crossing(p, "X2");
  EXPECT_NEAR(x2.flow_parcels_per_day, 100.0, 1e-6);
  EXPECT_NEAR(x2.flow_units_per_day, 2.0, 1e-9);
  EXPECT_NEAR(x2.utilisation, 1.0, 1e-9);
  EXPECT_NEAR(x2.shadow_price_per_unit_day, 15000.0, 1e-6);
  EXPECT_NEAR(crossing(p, "X1").shadow_price_per_unit_day, 0.0, 1e-9);
  EXPECT_TRUE(p.unmet.empty());
}

// Z1 takes half its parcels direct: X1's KZ side -> NZ1 by an explicit row (1.5/parcel,
// 6 h), direct cost 2: 2 + 1.5 + 2 + 1.5 = 7 per parcel, 10 + 14 + 20 + 6 = 50 h.
// A serves Z1's 50 stocked and Z2's 100.
TEST(CorridorModel, DirectChannelWithFixedStockedShare) {
  auto s = tiny_scenario();
  s.direct.cost_per_parcel = Money(2);
  s.zones[0].direct_allowed = true;
  s.zones[0].stocked_share = 0.5;
  s.links.push_back(testing::link(
      "D1", "XKZ", "NZ1", scenario::Mode::kRoad, 60, 6, 1.5, scenario::Unit::kParcel));
  const Plan p = solve_brute(s);
  EXPECT_NEAR(p.objective, 150000.0, 1e-6);
  EXPECT_NEAR(p.costs.direct, 10000.0, 1e-6);       // 50 × 2 × 100
  EXPECT_NEAR(p.costs.cn_linehaul, 40000.0, 1e-6);  // 200 × 2 × 100
  EXPECT_NEAR(p.costs.crossing, 30000.0, 1e-6);     // 200 × 1.5 × 100
  EXPECT_NEAR(p.costs.kz_linehaul, 30000.0, 1e-6);  // 150 × 2 × 100
  EXPECT_NEAR(p.costs.handling, 7500.0, 1e-6);      // 150 × 0.5 × 100
  EXPECT_NEAR(p.costs.last_mile, 22500.0, 1e-6);    // (150 × 1 + 50 × 1.5) × 100
  EXPECT_NEAR(sum(p.costs), p.objective, 1e-6);
  const auto& z1 = zone(p, "Z1");
  EXPECT_NEAR(z1.stocked_per_day, 50.0, 1e-6);
  EXPECT_NEAR(z1.direct_per_day, 50.0, 1e-6);
  EXPECT_NEAR(z1.delivery_days, (50 * 10.0 + 50 * 50.0) / 100 / 24, 1e-9);
  EXPECT_NEAR(flow(p, "direct", "X1", "Z1"), 50.0, 1e-6);
  for (const auto& f : p.flows)
    if (f.channel == "direct") {
      EXPECT_EQ(f.route, (std::vector<std::string>{"HUB", "XCN", "XKZ", "NZ1"}));
      EXPECT_EQ(f.legs, (std::vector<std::string>{"L1", "X1", "D1"}));
      EXPECT_NEAR(f.hours, 50.0, 1e-9);
    }
}

TEST(CorridorModel, MaxOpenLimitsTheOpenSet) {
  auto s = tiny_scenario();
  for (auto& site : s.sites) {
    site.sizes[0].capacity_per_day = 150;
    site.sizes[0].fixed_cost_per_year = Money(1000);
  }
  PlanOptions o;
  o.max_open = 1;
  const Plan p = solve_brute(s, o);
  // One site of 150: A, 50 unmet (site capacity). 1000 + 150 × 100 × 7 + 50 × 1000 × 100.
  EXPECT_EQ(open_sites(p), (std::vector<std::string>{"A"}));
  EXPECT_NEAR(p.objective, 1000.0 + 105000.0 + 5000000.0, 1e-4);
  ASSERT_FALSE(p.unmet.empty());
  for (const auto& u : p.unmet) {
    EXPECT_EQ(u.reason, "site_capacity");
    EXPECT_EQ(u.binding, "A");
  }
}

TEST(CorridorModel, CheaperUnmetThanServiceIsSaidSo) {
  auto s = tiny_scenario();
  s.unmet_penalty_per_parcel = Money(1);  // below any path's cost
  const Plan p = solve_brute(s);
  EXPECT_TRUE(p.warehouses.empty());
  EXPECT_NEAR(p.objective, 200.0 * 1 * 100, 1e-6);
  for (const auto& u : p.unmet) EXPECT_EQ(u.reason, "cost_above_penalty");
  EXPECT_DOUBLE_EQ(p.cost_per_parcel, 0.0);  // nothing delivered
}

}  // namespace
}  // namespace corridor::design
