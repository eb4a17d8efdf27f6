// What the corridor can carry, on the tiny corridor of tests/unit/network/tiny_scenario.hpp
// worked out by hand: spare eastbound capacity per crossing, transit to the hub, the
// ranking of niches by the untapped potential that fits, and the plan checks (E505,
// E501, E503).

#include "corridor/trade/corridor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../network/tiny_scenario.hpp"
#include "corridor/design.hpp"

namespace corridor::trade {
namespace {

CorridorSettings settings() {
  CorridorSettings o;
  o.loaded_share_rail = 0.5;
  o.loaded_share_road = 0.25;
  o.payload_container_t = 20;
  o.payload_truck_t = 10;
  o.destination = "HUB";
  return o;
}

ProductScore product(const std::string& code,
                     const std::string& mode,
                     double untapped,
                     double actual,
                     double quantity_t) {
  ProductScore s;
  s.product = code;
  s.mode_class = mode;
  s.untapped = untapped;
  s.actual = actual;
  s.quantity_t = quantity_t;
  return s;
}

/// KAZ → CHN with four niches: P1 (1 US$/kg) and P2 (10 US$/kg) in containers, P3 bulk,
/// P4 in containers without quantities; P5 listed but nothing untapped.
NichesResult niches() {
  NichesResult r;
  r.forward.from = "KAZ";
  r.forward.to = "CHN";
  r.reverse.from = "CHN";
  r.reverse.to = "KAZ";
  auto& p = r.forward.products;
  p.push_back(product("0001", "container", 56e6, 10e6, 10'000));
  p.push_back(product("0002", "container", 20e6, 1e6, 100));
  p.push_back(product("0003", "bulk", 100e6, 1e6, 100));
  p.push_back(product("0004", "container", 7e6, 0, kNaN));
  p.push_back(product("0005", "container", 0, 5e6, 100));
  r.forward.grow = {0, 2, 4};
  r.forward.diversify = {1, 3};
  return r;
}

design::Plan plan_of(const scenario::Scenario& s) { return design::plan(s); }

// tiny_with_x2: the plan sends both zones' 200 parcels/day via X2 to site B (4 per parcel,
// tiny_scenario.hpp) = 4 trucks/day (50 parcels/truck); X1 carries nothing.
//   X1 rail: westbound 0 + 10 × 0 = 0 -> spare 0.
//   X2 road: westbound 4 + 20 × 0.5 = 14 trucks -> spare 14 × (1 − 0.25) = 10.5 trucks
//            = 105 t/day (10 t/truck).
// Transit to HUB: X1 = 14 h crossing + 10 h L1 = 24 h, (150 + 200) per container, /20 t
// = 17.5 per t; X2 = 3 h + 4 h (L4) = 7 h, (25 + 50) per truck = 75, /10 t = 7.5 per t.
TEST(Corridor, SpareCapacityAndTransitByHand) {
  const auto s = testing::tiny_with_x2();
  const CorridorFit c = fit_corridor(niches(), s, plan_of(s), settings());
  ASSERT_EQ(c.crossings.size(), 2U);
  const auto& x1 = c.crossings[0];
  const auto& x2 = c.crossings[1];
  EXPECT_EQ(x1.crossing, "X1");
  EXPECT_NEAR(x1.plan_units_per_day, 0, 1e-9);
  EXPECT_NEAR(x1.spare_units_per_day, 0, 1e-9);
  EXPECT_NEAR(x2.plan_units_per_day, 4, 1e-9);
  EXPECT_NEAR(x2.other_units_per_day, 10, 1e-12);
  EXPECT_NEAR(x2.westbound_units_per_day, 14, 1e-9);
  EXPECT_NEAR(x2.spare_units_per_day, 10.5, 1e-9);
  EXPECT_NEAR(x2.spare_t_per_day, 105, 1e-9);
  EXPECT_NEAR(c.spare_t_per_day, 105, 1e-9);
  EXPECT_NEAR(c.spare_units_road, 10.5, 1e-9);
  EXPECT_TRUE(x1.reachable);
  EXPECT_NEAR(x1.hours, 24, 1e-9);
  EXPECT_NEAR(x1.cost_per_unit, 350, 1e-9);
  EXPECT_NEAR(x1.cost_per_t, 17.5, 1e-9);
  EXPECT_EQ(x1.route, (std::vector<std::string>{"XKZ", "XCN", "HUB"}));
  EXPECT_NEAR(x2.hours, 7, 1e-9);
  EXPECT_NEAR(x2.cost_per_unit, 75, 1e-9);
  EXPECT_NEAR(x2.cost_per_t, 7.5, 1e-9);
  EXPECT_EQ(x2.route, (std::vector<std::string>{"X2KZ", "X2CN", "HUB"}));
}

// The plan's westbound flow never lifts the returning units above the capacity.
TEST(Corridor, WestboundCappedAtCapacity) {
  auto s = testing::tiny_with_x2();
  s.crossings[1].background_share = 0.9;  // 18 trucks of other freight + the plan's 4
  const CorridorFit c = fit_corridor(niches(), s, plan_of(s), settings());
  EXPECT_NEAR(c.crossings[1].westbound_units_per_day, 20, 1e-9);
  EXPECT_NEAR(c.crossings[1].spare_units_per_day, 15, 1e-9);
}

// Spare 105 t/day × 100 planning days = 10,500 t/yr.
//   P1: 56e6 US$ at 1 US$/kg = 56,000 t -> fits 10,500/56,000 = 0.1875 -> 10.5e6 US$.
//   P2: 20e6 US$ at 10 US$/kg = 2,000 t -> fits whole -> 20e6 US$.
//   P4: no quantity -> 7e6 US$, break-even 7e6 / 10.5e6 kg = 2/3 US$/kg.
//   P3 is bulk (left out, counted), P5 has nothing untapped.
// Rank: P2 (20), P1 (10.5), P4 (7); cumulative 20, 76, 83 (US$ m) over 10.5e6 kg.
TEST(Corridor, NichesRankedByWhatFits) {
  const auto s = testing::tiny_with_x2();
  const NichesResult r = niches();
  const CorridorFit c = fit_corridor(r, s, plan_of(s), settings());
  ASSERT_EQ(c.niches.size(), 3U);
  const auto code = [&](std::size_t i) { return r.forward.products[c.niches[i].product].product; };
  EXPECT_EQ(code(0), "0002");
  EXPECT_EQ(code(1), "0001");
  EXPECT_EQ(code(2), "0004");
  EXPECT_EQ(c.niches[0].list, "diversify");
  EXPECT_NEAR(c.niches[0].fit_share, 1, 1e-12);
  EXPECT_NEAR(c.niches[0].fitted_usd, 20e6, 1e-3);
  EXPECT_NEAR(c.niches[0].t_per_day, 20, 1e-9);  // 2,000 t / 100 days
  EXPECT_NEAR(c.niches[0].units_per_day, 1, 1e-9);
  EXPECT_NEAR(c.niches[1].usd_per_kg, 1, 1e-12);
  EXPECT_NEAR(c.niches[1].fit_share, 0.1875, 1e-12);
  EXPECT_NEAR(c.niches[1].fitted_usd, 10.5e6, 1e-3);
  EXPECT_TRUE(std::isnan(c.niches[2].usd_per_kg));
  EXPECT_NEAR(c.niches[2].fitted_usd, 7e6, 1e-3);
  EXPECT_NEAR(c.niches[2].break_even_usd_per_kg, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.niches[2].cumulative_usd, 83e6, 1e-3);
  EXPECT_NEAR(c.niches[2].cumulative_break_even_usd_per_kg, 83.0 / 10.5, 1e-12);
  EXPECT_EQ(c.candidates_other_modes, 1U);
  EXPECT_NEAR(c.untapped_other_modes_usd, 100e6, 1e-3);
  // The cheapest crossing with spare capacity (X1 has none): X2 at 7.5 per t, i.e.
  // 0.0075 per kg against P2's 10 US$/kg.
  EXPECT_EQ(c.niches[0].crossing, "X2");
  EXPECT_NEAR(c.niches[0].cost_share_of_value, 0.0075 / 10, 1e-15);
}

TEST(Corridor, PlanOfAnotherScenarioIsRefused) {
  const design::Plan base = plan_of(testing::tiny_scenario());
  try {
    fit_corridor(niches(), testing::tiny_with_x2(), base, settings());
    FAIL() << "expected E505";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScenarioMismatch);
  }
}

TEST(Corridor, PlanWithoutFlowsIsRefused) {
  const auto s = testing::tiny_with_x2();
  design::Plan p = plan_of(s);
  p.status = design::SolveStatus::kNoSolution;
  try {
    fit_corridor(niches(), s, p, settings());
    FAIL() << "expected E501";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadPlanFile);
  }
}

TEST(Corridor, OtherPairOrUnknownDestinationIsABadOption) {
  const auto s = testing::tiny_with_x2();
  const design::Plan p = plan_of(s);
  NichesResult r = niches();
  r.forward.from = "RUS";
  r.reverse.to = "RUS";
  EXPECT_THROW(fit_corridor(r, s, p, settings()), InputError);
  CorridorSettings o = settings();
  o.destination = "NOWHERE";
  try {
    fit_corridor(niches(), s, p, o);
    FAIL() << "expected E503";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadOption);
  }
}

// The reverse direction given first (--from CHN --to KAZ) still joins KAZ → CHN.
TEST(Corridor, EastboundFoundInEitherDirection) {
  const auto s = testing::tiny_with_x2();
  NichesResult r = niches();
  std::swap(r.forward, r.reverse);
  const CorridorFit c = fit_corridor(r, s, plan_of(s), settings());
  EXPECT_EQ(c.from, "KAZ");
  EXPECT_EQ(c.niches.size(), 3U);
}

}  // namespace
}  // namespace corridor::trade
