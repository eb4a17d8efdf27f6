// prepare(): leg hours come from the network module (the plan's routes and last-mile
// rule), plan flows the network cannot carry are errors, parcels per unit are whole.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "corridor/core/geo.hpp"
#include "corridor/design.hpp"
#include "corridor/error.hpp"
#include "corridor/plan.hpp"
#include "fixtures.hpp"
#include "model.hpp"

namespace corridor::sim {
namespace {

SimOptions light() {
  SimOptions o;
  o.days = 10;
  o.warmup_days = 2;
  return o;
}

/// The lane hub -> crossing -> site (site "" = direct parcels).
const LaneIn& lane(const ModelInput& in,
                   const scenario::Scenario& s,
                   const std::string& hub,
                   const std::string& crossing,
                   const std::string& site) {
  for (const auto& l : in.lanes) {
    const std::string at = l.site == kNone ? "" : in.sites[l.site].id;
    if (s.hubs[l.hub].id == hub && in.crossings[l.crossing].id == crossing && at == site) return l;
  }
  throw std::runtime_error("no lane " + hub + " " + crossing + " " + site);
}

/// The order choice of `zone` from `site`'s stock.
const ChoiceIn& stocked(const ModelInput& in, const std::string& zone, const std::string& site) {
  for (const auto& c : in.choices)
    if (c.kind == ChoiceIn::kStocked && in.zones[c.zone].id == zone && in.sites[c.site].id == site)
      return c;
  throw std::runtime_error("no stocked choice " + site + " " + zone);
}

/// The order choice of `zone` by direct parcels hub -> crossing.
const ChoiceIn& direct(const ModelInput& in,
                       const scenario::Scenario& s,
                       const std::string& hub,
                       const std::string& crossing,
                       const std::string& zone) {
  for (const auto& c : in.choices) {
    if (c.kind != ChoiceIn::kDirect || in.zones[c.zone].id != zone) continue;
    const auto& l = in.lanes[c.lane];
    if (s.hubs[l.hub].id == hub && in.crossings[l.crossing].id == crossing) return c;
  }
  throw std::runtime_error("no direct choice " + hub + " " + crossing + " " + zone);
}

std::vector<Diagnostic> plan_errors(const testing::Case& c) {
  try {
    prepare(c.scenario, c.plan, light());
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadPlanFile);
    return e.diagnostics();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(PrepareLegs, SmallCorridorHoursAreTheNetworks) {
  const auto c = testing::small_corridor();
  const auto in = prepare(c.scenario, c.plan, light());
  // Linehauls: the fixture's links (L1 URC-ALS 20 h rail, L2 URC-HRG 10 h road,
  // L3 DOS-ALA_W 24 h, L4 DOS-AST_W 40 h, L5 NZH-ALA_W 6 h).
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "R", "W1").to_crossing.mean(), 20.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "R", "W1").to_site.mean(), 24.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "D", "W1").to_crossing.mean(), 10.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "D", "W1").to_site.mean(), 6.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "R", "W2").to_site.mean(), 40.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "R", "").to_crossing.mean(), 20.0);
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "D", "").to_crossing.mean(), 10.0);
  // Last miles by the rule, 12 h + great circle (haversine, R 6371.0088 km) x 1.3 /
  // 60 km/h, computed by hand: ALA_W-ALA 6.877 km, AST_W-AST 6.564 km, ALA_W-SHY
  // 605.668 km, NZH-ALA 289.152 km, DOS-AST 1047.447 km, NZH-SHY 891.271 km.
  EXPECT_NEAR(stocked(in, "ALA", "W1").to_door.mean(), 12.149007, 1e-5);
  EXPECT_NEAR(stocked(in, "AST", "W2").to_door.mean(), 12.142221, 1e-5);
  EXPECT_NEAR(stocked(in, "SHY", "W1").to_door.mean(), 25.122802, 1e-5);
  EXPECT_NEAR(direct(in, c.scenario, "H1", "D", "ALA").to_door.mean(), 18.264963, 1e-5);
  EXPECT_NEAR(direct(in, c.scenario, "H1", "R", "AST").to_door.mean(), 34.694679, 1e-5);
  EXPECT_NEAR(direct(in, c.scenario, "H1", "D", "SHY").to_door.mean(), 31.310880, 1e-5);
  // Direct parcels' clearance is drawn once, by the model, not folded into the leg.
  EXPECT_DOUBLE_EQ(in.clearance.mean(), 12.0);
}

TEST(PrepareLegs, CheapestRouteAndLastMileNotFastest) {
  // Until the simulator took its legs from the network it chose the fastest link and
  // last-mile row (18 h, 3 h here); the plan is made on the cheapest ones, so now the
  // simulation runs the plan's: 24 h and 8 h.
  auto c = testing::small_corridor();
  auto fast = testing::link("L3F", "DOS", "ALA_W", scenario::Mode::kRail, 18);
  fast.cost_per_unit = Money(4000);  // 10 per parcel in containers of 400
  auto lm_fast = testing::link("LM_FAST", "ALA_W", "ALA", scenario::Mode::kRoad, 3);
  lm_fast.unit = scenario::Unit::kParcel;
  lm_fast.cost_per_unit = Money(5);
  auto lm_cheap = testing::link("LM_CHEAP", "ALA_W", "ALA", scenario::Mode::kRoad, 8);
  lm_cheap.unit = scenario::Unit::kParcel;
  lm_cheap.cost_per_unit = Money(1);
  c.scenario.links.push_back(fast);
  c.scenario.links.push_back(lm_fast);
  c.scenario.links.push_back(lm_cheap);
  const auto in = prepare(c.scenario, c.plan, light());
  EXPECT_DOUBLE_EQ(lane(in, c.scenario, "H1", "R", "W1").to_site.mean(), 24.0);
  EXPECT_DOUBLE_EQ(stocked(in, "ALA", "W1").to_door.mean(), 8.0);
}

TEST(PrepareLegs, FlowThroughACrossingNotOperatingIsAPlanError) {
  // The plan was made for a variant in which road crossing D operates.
  auto c = testing::small_corridor();
  c.scenario.crossings[1].status = scenario::CrossingStatus::kPlanned;
  const auto errors = plan_errors(c);
  ASSERT_EQ(errors.size(), 3u);  // every flow through D at once: inbound, two direct
  EXPECT_EQ(errors[0].field, "flows[1]");
  EXPECT_EQ(errors[1].field, "flows[6]");
  EXPECT_EQ(errors[2].field, "flows[8]");
  EXPECT_NE(errors[0].message.find("H1 -> D -> W1"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("planned"), std::string::npos) << errors[0].message;
}

TEST(PrepareLegs, RouteTheNetworkLacksIsAPlanError) {
  auto c = testing::small_corridor();
  // No KZ link to Astana's warehouse, and Astana takes no direct parcels.
  c.scenario.links.erase(c.scenario.links.begin() + 3);  // L4 DOS-AST_W
  c.scenario.zones[1].direct_allowed = false;
  auto errors = plan_errors(c);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "flows[2]");
  EXPECT_NE(errors[0].message.find("no path on the KZ side from DOS to AST_W"), std::string::npos)
      << errors[0].message;
  EXPECT_EQ(errors[1].field, "flows[7]");
  EXPECT_NE(errors[1].message.find("does not allow direct parcels"), std::string::npos)
      << errors[1].message;
  // A road crossing is fed by road links only on the CN side: with L2 on rail, none.
  c = testing::small_corridor();
  c.scenario.links[1].mode = scenario::Mode::kRail;
  errors = plan_errors(c);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "flows[1]");
  EXPECT_NE(errors[0].message.find("no road path on the CN side from URC to HRG"),
            std::string::npos)
      << errors[0].message;
}

int count_containing(const std::vector<std::string>& v, const std::string& part) {
  int n = 0;
  for (const auto& s : v) n += s.find(part) != std::string::npos ? 1 : 0;
  return n;
}

TEST(PrepareUnits, WholeFactorsAsGiven) {
  const auto c = testing::small_corridor();
  const auto in = prepare(c.scenario, c.plan, light());
  EXPECT_EQ(lane(in, c.scenario, "H1", "R", "W1").unit_parcels, 400u);
  EXPECT_EQ(lane(in, c.scenario, "H1", "D", "W1").unit_parcels, 150u);
  EXPECT_EQ(count_containing(in.warnings, "not a whole number"), 0);
}

TEST(PrepareUnits, FractionalFactorRoundsToNearestWithOneWarning) {
  auto c = testing::small_corridor();
  c.scenario.parcels_per_container = 400.4;
  c.scenario.parcels_per_truck = 149.5;
  const auto in = prepare(c.scenario, c.plan, light());
  EXPECT_EQ(lane(in, c.scenario, "H1", "R", "W1").unit_parcels, 400u);
  EXPECT_EQ(lane(in, c.scenario, "H1", "R", "W2").unit_parcels, 400u);
  EXPECT_EQ(lane(in, c.scenario, "H1", "R", "").unit_parcels, 400u);
  EXPECT_EQ(lane(in, c.scenario, "H1", "D", "W1").unit_parcels, 150u);
  // One warning per crossing, whatever the number of its lanes.
  EXPECT_EQ(count_containing(in.warnings, "not a whole number"), 2);
  EXPECT_EQ(count_containing(in.warnings,
                             "crossing R: 400.4 parcels per container is not a whole number: the "
                             "simulation loads 400 per container"),
            1);
  EXPECT_EQ(count_containing(in.warnings, "crossing D: 149.5 parcels per truck"), 1);
}

TEST(PrepareUnits, NoConsolidationNoWarning) {
  auto c = testing::small_corridor();
  c.scenario.parcels_per_container = 400.4;
  auto o = light();
  o.unit_per_parcel = true;
  const auto in = prepare(c.scenario, c.plan, o);
  EXPECT_EQ(lane(in, c.scenario, "H1", "R", "W1").unit_parcels, 1u);
  EXPECT_EQ(count_containing(in.warnings, "not a whole number"), 0);
}

/// Hours of a plan flow's own legs (links.csv ids; "last_mile" by the scenario's rule
/// between route[k] and route[k + 1]), split at its crossing: {before, after}.
std::pair<double, double> legs_hours(const scenario::Scenario& s, const design::FlowPath& f) {
  double before = 0.0, after = 0.0;
  bool past = f.crossing.empty();
  for (std::size_t k = 0; k < f.legs.size(); ++k) {
    if (f.legs[k] == f.crossing) {
      past = true;
      continue;
    }
    double h = -1e9;  // fails the comparison if the id is unknown
    if (f.legs[k] == "last_mile") {
      const auto* a = s.find_node(f.route.at(k));
      const auto* b = s.find_node(f.route.at(k + 1));
      const double km =
          core::great_circle_km(a->lat, a->lon, b->lat, b->lon) * s.last_mile.circuity;
      h = s.last_mile.base_hours.value() + km / s.last_mile.speed_kmh;
    }
    for (const auto& l : s.links)
      if (l.id == f.legs[k]) h = l.hours.value();
    (past ? after : before) += h;
  }
  return {before, after};
}

TEST(PrepareLegs, DefaultScenarioPlanLegsSumToTheNetworksHours) {
  const auto s = scenario::load(CORRIDOR_DATA_DIR "/scenarios/kz-xj");
  const design::Plan plan = design::plan(s);
  ASSERT_FALSE(plan.flows.empty());
  const auto in = prepare(s, plan, light());
  int checked = 0;
  for (const auto& f : plan.flows) {
    if (f.parcels_per_day <= 0.0) continue;
    const auto [before, after] = legs_hours(s, f);
    if (f.channel == "inbound") {
      const auto& l = lane(in, s, f.hub, f.crossing, f.site);
      EXPECT_NEAR(l.to_crossing.mean(), before, 1e-9) << f.hub << " " << f.crossing;
      EXPECT_NEAR(l.to_site.mean(), after, 1e-9) << f.crossing << " " << f.site;
    } else if (f.channel == "direct") {
      EXPECT_NEAR(lane(in, s, f.hub, f.crossing, "").to_crossing.mean(), before, 1e-9);
      EXPECT_NEAR(direct(in, s, f.hub, f.crossing, f.zone).to_door.mean(), after, 1e-9) << f.zone;
    } else {
      EXPECT_NEAR(stocked(in, f.zone, f.site).to_door.mean(), after, 1e-9) << f.zone;
    }
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace corridor::sim
