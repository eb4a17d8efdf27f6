// The "Plan against simulation" section: compare_plan_sim on hand-built plans and
// simulation results (figures worked out by hand here), and its rows in the page.
#include <gtest/gtest.h>

#include <string>

#include "corridor/report.hpp"
#include "corridor/sim.hpp"
#include "sample_plan.hpp"

namespace corridor::report {
namespace {

using testing::flow;

sim::Stat stat(double mean, double ci = 0.0) { return sim::Stat{mean, ci, mean, mean}; }

design::CrossingCongestion queue(const std::string& id, double flow, double util, double wait) {
  design::CrossingCongestion c;
  c.crossing = id;
  c.flow_parcels_per_day = flow;
  c.utilisation = util;
  c.predicted_wait_hours = wait;
  return c;
}

// Zone Z: 60 parcels/day on a 10 h outbound leg, 30 on a 30 h one, 10 direct on a 40 h
// path through X whose predicted wait is 8 h. Sorted by time 10 h (60 %), 30 h (90 %),
// 48 h (100 %): the 95th percentile is reached at 48 h = 2 days.
design::Plan aware_plan() {
  design::Plan p;
  p.objective = 1200.0;
  p.congestion.modelled = true;
  p.congestion.crossings = {queue("X", 40.0, 0.7, 8.0), queue("Y", 0.0, 0.9, 3.0)};
  design::ZoneResult z;
  z.zone = "Z";
  z.promise_days = 2.0;
  design::ZoneResult idle;  // no flow: not listed
  idle.zone = "W";
  p.zones = {z, idle};
  p.flows = {flow("inbound", "H", "X", "S", "", 90.0, 0.0, 100.0),
             flow("outbound", "", "", "S", "Z", 60.0, 0.0, 10.0),
             flow("outbound", "", "", "S", "Z", 30.0, 0.0, 30.0),
             flow("direct", "H", "X", "", "Z", 10.0, 0.0, 40.0)};
  return p;
}

sim::SimResult measured() {
  sim::SimResult r;
  sim::CrossingStats x;
  x.crossing = "X";
  x.wait_hours_mean = stat(10.0, 0.5);
  r.crossings = {x};
  sim::DeliveryStats z;
  z.zone = "Z";
  z.p95_days = stat(2.5);
  z.on_time_share = stat(0.9);
  r.zones = {z};
  return r;
}

TEST(PlanVsSim, CrossingsAndZonesOfACongestionAwarePlan) {
  const design::Plan p = aware_plan();
  design::Plan blind;
  blind.objective = 1000.0;
  const PlanVsSim v = compare_plan_sim(p, measured(), &blind);
  EXPECT_TRUE(v.congestion_modelled);
  ASSERT_EQ(v.crossings.size(), 1u);  // Y carries no flow
  const CrossingCheck& x = v.crossings[0];
  EXPECT_EQ(x.crossing, "X");
  EXPECT_TRUE(x.predicted && x.simulated);
  EXPECT_DOUBLE_EQ(x.planned_utilisation, 0.7);
  EXPECT_DOUBLE_EQ(x.simulated_wait_hours, 10.0);
  EXPECT_DOUBLE_EQ(x.simulated_wait_ci95, 0.5);
  EXPECT_DOUBLE_EQ(x.relative_error, (10.0 - 8.0) / 8.0);
  ASSERT_EQ(v.zones.size(), 1u);
  EXPECT_DOUBLE_EQ(v.zones[0].planned_p95_days, 48.0 / 24.0);
  EXPECT_DOUBLE_EQ(v.zones[0].simulated_p95_days, 2.5);
  EXPECT_DOUBLE_EQ(v.zones[0].simulated_on_time, 0.9);
  EXPECT_TRUE(v.has_blind);
  EXPECT_DOUBLE_EQ(v.price_of_reliability, 200.0);
}

TEST(PlanVsSim, PercentileReachedNotExceeded) {
  design::Plan p = aware_plan();
  // 95 parcels on 10 h and 5 on 30 h: 95 % is reached at 10 h exactly.
  p.flows = {flow("outbound", "", "", "S", "Z", 95.0, 0.0, 10.0),
             flow("outbound", "", "", "S", "Z", 5.0, 0.0, 30.0)};
  EXPECT_DOUBLE_EQ(compare_plan_sim(p, measured()).zones[0].planned_p95_days, 10.0 / 24.0);
}

TEST(PlanVsSim, BlindPlanPredictsNoWaitAndAMissingSimulationIsSaid) {
  design::Plan p = aware_plan();
  p.congestion = design::CongestionResult{};
  design::CrossingResult x;
  x.crossing = "X";
  x.flow_parcels_per_day = 40.0;
  x.utilisation = 1.0;
  design::CrossingResult q = x;
  q.crossing = "Q";  // used, but the simulation has no such crossing
  p.crossings = {x, q};
  const PlanVsSim v = compare_plan_sim(p, measured());
  ASSERT_EQ(v.crossings.size(), 2u);
  EXPECT_FALSE(v.crossings[0].predicted);
  EXPECT_DOUBLE_EQ(v.crossings[0].planned_utilisation, 1.0);
  EXPECT_DOUBLE_EQ(v.crossings[0].relative_error, 0.0);
  EXPECT_FALSE(v.crossings[1].simulated);
  // Without the direct path's predicted wait: 10 h (60 %), 30 h (90 %), 40 h.
  EXPECT_DOUBLE_EQ(v.zones[0].planned_p95_days, 40.0 / 24.0);
  EXPECT_FALSE(v.has_blind);
}

TEST(PlanVsSim, SectionInThePage) {
  const scenario::Scenario s = testing::sample_scenario();
  design::Plan p = aware_plan();
  p.currency = "USD";
  design::Plan blind;
  blind.objective = 1000.0;
  const sim::SimResult r = measured();
  const std::string html = render_plan_report(s, p, &r, &blind);
  EXPECT_NE(html.find("<h2>Plan against simulation</h2>"), std::string::npos);
  EXPECT_NE(html.find("data-table=\"plan-sim-crossings\""), std::string::npos);
  EXPECT_NE(html.find("<tr data-crossing=\"X\">"), std::string::npos);
  EXPECT_NE(html.find("10.0 \u00b1 0.5"), std::string::npos);                      // simulated wait
  EXPECT_NE(html.find("<tr data-zone=\"Z\" class=\"late\">"), std::string::npos);  // 2.5 > 2
  EXPECT_NE(html.find("Price of reliability"), std::string::npos);
  // No simulation, no section.
  EXPECT_EQ(render_plan_report(s, p).find("Plan against simulation"), std::string::npos);
}

}  // namespace
}  // namespace corridor::report
