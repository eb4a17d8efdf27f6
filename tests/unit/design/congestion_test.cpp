// Congestion at the crossings: the queueing formulas against closed forms computed here
// independently, their derivative against finite differences, and the outer
// approximation's optimum against brute force over every open set with the same convex
// delay minimised by golden-section search.

#include "congestion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "../network/tiny_scenario.hpp"
#include "brute_force.hpp"
#include "congested.hpp"
#include "corridor/design.hpp"
#include "corridor_model.hpp"

namespace corridor::design {
namespace {

// Erlang C from its textbook sum: C = (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! +
// (a^c / c!) (c / (c - a))), in long double, for small c only.
double erlang_c_sum(int c, double a) {
  long double term = 1.0L, sum = 0.0L;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const long double last = term * c / (c - a);
  return static_cast<double>(last / (sum + last));
}

TEST(ErlangC, MatchesTheTextbookSum) {
  for (int c : {1, 2, 3, 8, 20})
    for (double rho : {0.1, 0.5, 0.8, 0.95, 0.999}) {
      const double a = rho * c;
      EXPECT_NEAR(erlang_c(c, a), erlang_c_sum(c, a), 1e-12) << c << " " << rho;
    }
  EXPECT_DOUBLE_EQ(erlang_c(1, 0.7), 0.7);  // M/M/1: P(wait) = rho
  EXPECT_EQ(erlang_c(3, 3.0), 1.0);         // unstable
}

TEST(ErlangC, DerivativeMatchesFiniteDifferences) {
  for (int c : {1, 4, 50, 562})
    for (double rho : {0.3, 0.9, 0.997}) {
      const double a = rho * c, h = 1e-6 * a;
      double d = 0.0;
      erlang_c(c, a, &d);
      const double fd = (erlang_c(c, a + h) - erlang_c(c, a - h)) / (2 * h);
      EXPECT_NEAR(d, fd, 1e-5 * std::max(1.0, std::abs(fd))) << c << " " << rho;
    }
}

TEST(MmcWait, MM1AndAllenCunneen) {
  // M/M/1: Wq = rho / (mu - lambda).
  EXPECT_NEAR(mmc_wait(1, 0.8, 1.0), 0.8 / 0.2, 1e-12);
  // M/D/1 by Allen-Cunneen is exact (Pollaczek-Khinchine): Wq = rho / (2 mu (1 - rho)).
  EXPECT_NEAR(allen_cunneen_wait(1, 0.8, 1.0, 1.0, 0.0), 0.8 / (2 * 0.2), 1e-12);
  EXPECT_TRUE(std::isinf(mmc_wait(2, 2.0, 1.0)));
}

// One crossing fed by Poisson parcels (one parcel per unit, no background, always open)
// with exponential service: the planner's wait is Erlang C's Wq.
TEST(CrossingQueue, PoissonParcelsExponentialServiceIsErlangC) {
  scenario::Scenario s = testing::tiny_scenario();
  s.parcels_per_container = 1;
  scenario::Crossing& x = s.crossings[0];
  x.servers = 3;
  x.processing_hours = Hours(2.0);
  x.background_share = 0.0;
  const CrossingQueue q = crossing_queue(s, x, 1.0);
  EXPECT_EQ(q.open_share, 1.0);
  EXPECT_EQ(q.closure_wait_hours, 0.0);
  const double mu = 0.5;  // per hour
  for (double rho : {0.5, 0.8, 0.95}) {
    const double lambda = rho * 3 * mu;  // parcels per hour
    const double expected = erlang_c_sum(3, lambda / mu) / (3 * mu - lambda);
    EXPECT_NEAR(q.wait_hours(lambda * 24.0), expected, 1e-6) << rho;
  }
}

TEST(CrossingQueue, SlopeMatchesFiniteDifferencesAndCapIsTheWaitBudget) {
  scenario::Scenario s = testing::tiny_with_x2();
  scenario::Crossing& x = s.crossings[1];
  x.servers = 2;
  const CrossingQueue q = crossing_queue(s, x, 0.5);
  for (double f : {10.0, 100.0, 300.0}) {
    double slope = 0.0;
    q.wait_hours(f, &slope);
    const double h = 1e-4;
    const double fd = (q.wait_hours(f + h) - q.wait_hours(f - h)) / (2 * h);
    EXPECT_NEAR(slope, fd, 1e-5 * std::max(1.0, std::abs(fd))) << f;
  }
  const double cap = q.flow_for_wait(24.0);
  EXPECT_NEAR(q.wait_hours(cap), 24.0, 1e-6);
  EXPECT_LT(cap, q.saturation_flow());
}

TEST(CrossingQueue, ClosedHoursAddTheWaitForTheOpening) {
  scenario::Scenario s = testing::tiny_scenario();
  scenario::CalendarRule day;
  day.calendar = "DAY";
  day.open_hour = 9;
  day.close_hour = 19;  // closed 14 h a day: an arrival waits 14^2 / (2 x 24) h on average
  s.calendars.push_back(day);
  s.crossings[0].calendar = "DAY";
  const CrossingQueue q = crossing_queue(s, s.crossings[0], 1.0);
  EXPECT_NEAR(q.open_share, 10.0 / 24.0, 1e-12);
  EXPECT_NEAR(q.closure_wait_hours, 14.0 * 14.0 / 48.0, 1e-12);
}

// A service started before closing runs to its end (the simulator's rule): each closing
// adds s (1 + cs^2) / 2 hours of server time, 365 closings in the 2025 plan year.
TEST(CrossingQueue, WorkPastClosingCountsAsServerTime) {
  scenario::Scenario s = testing::tiny_scenario();
  scenario::CalendarRule day;
  day.calendar = "DAY";
  day.open_hour = 9;
  day.close_hour = 19;
  s.calendars.push_back(day);
  s.crossings[0].calendar = "DAY";
  s.crossings[0].processing_hours = Hours(3.0);
  const CrossingQueue q = crossing_queue(s, s.crossings[0], 1.0);
  EXPECT_NEAR(q.horizon_hours, 8760.0, 1e-9);
  EXPECT_NEAR(q.effective_open_share, 10.0 / 24.0 + 365 * 3.0 / 8760.0, 1e-12);
  EXPECT_NEAR(q.drain_open_share, q.effective_open_share, 1e-12);    // no holiday
  const CrossingQueue det = crossing_queue(s, s.crossings[0], 0.0);  // deterministic: s / 2
  EXPECT_NEAR(det.effective_open_share, 10.0 / 24.0 + 365 * 1.5 / 8760.0, 1e-12);
}

// One holiday in an around-the-clock calendar (the plan year 2025): the wait for the
// opening is 24^2 / (2 H); the backlog it leaves, lambda x 24 units of which all but the
// c servers queue and drain at c mu - lambda, adds (24 lambda - c)^2 / (2 (c mu - lambda))
// unit-hours over the year's lambda H arrivals (fluid); the open-time queue is M/M/c at
// lambda / phi_eff.
TEST(CrossingQueue, HolidayAddsItsWaitAndItsBacklog) {
  scenario::Scenario s = testing::tiny_scenario();
  s.parcels_per_container = 1;
  scenario::CalendarRule all;
  all.calendar = "HOL";
  scenario::CalendarRule may_day = all;
  may_day.kind = scenario::CalendarRule::Kind::kHoliday;
  may_day.date_from = may_day.date_to = "2025-05-01";
  s.calendars = {all, may_day};
  scenario::Crossing& x = s.crossings[0];
  x.calendar = "HOL";
  x.servers = 2;
  x.processing_hours = Hours(1.0);
  x.background_share = 0.5;
  const CrossingQueue q = crossing_queue(s, x, 1.0);
  const double h = 8760.0, open = 364.0 / 365.0;
  EXPECT_NEAR(q.open_share, open, 1e-12);
  EXPECT_NEAR(q.closure_wait_hours, 24.0 * 24.0 / (2 * h), 1e-12);
  const double phi = open + 1.0 / h;  // one closing: s (1 + 1) / 2 = 1 h of server time
  EXPECT_NEAR(q.effective_open_share, phi, 1e-12);
  EXPECT_NEAR(q.drain_open_share, 1.0, 1e-12);                // the weekly rows: always open
  EXPECT_NEAR(q.background_per_hour, 0.5 * 2 * open, 1e-12);  // share of the year's capacity
  const double flow = 12.0;                                   // parcels a day: 0.5 per hour
  const double lambda = 0.5 * 2 * open + 0.5;
  const double excess = 24.0 * lambda - 2.0;
  const double backlog = excess * excess / (2 * (2.0 - lambda)) / (lambda * h);
  EXPECT_NEAR(q.backlog_hours(flow), backlog, 1e-12);
  const double lo = lambda / phi;
  const double queue = erlang_c_sum(2, lo) / (2.0 - lo);
  EXPECT_NEAR(q.wait_hours(flow), 24.0 * 24.0 / (2 * h) + backlog + queue, 1e-9);
  for (double f : {1.0, 12.0, 20.0}) {
    double slope = 0.0;
    q.wait_hours(f, &slope);
    const double d = 1e-4;
    const double fd = (q.wait_hours(f + d) - q.wait_hours(f - d)) / (2 * d);
    EXPECT_NEAR(slope, fd, 1e-5 * std::max(1.0, std::abs(fd))) << f;
  }
}

// Tiny corridor with both crossings open and a value of time that makes the split
// between them matter: X1 (rail, 2 servers) to A or B, X2 (road, 1 server, half used by
// background freight) to B only.
scenario::Scenario congested_tiny(double value_of_time, double x2_servers) {
  scenario::Scenario s = testing::tiny_with_x2();
  s.value_of_time_per_parcel_hour = Money(value_of_time);
  s.crossings[0].servers = 2;
  s.crossings[1].servers = static_cast<int>(x2_servers);
  return s;
}

// Minimum over f in [lo, hi] of a convex function, golden-section search.
double golden_min(const std::function<double(double)>& f, double lo, double hi) {
  const double r = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi, c = b - r * (b - a), d = a + r * (b - a);
  double fc = f(c), fd = f(d);
  for (int i = 0; i < 200 && b - a > 1e-12 * std::max(1.0, hi); ++i) {
    if (fc < fd) {
      b = d, d = c, fd = fc, c = b - r * (b - a), fc = f(c);
    } else {
      a = c, c = d, fc = fd, d = a + r * (b - a), fd = f(d);
    }
  }
  return std::min({f(lo), f(hi), fc, fd});
}

// Brute force: every open set; for each, the flow through X2 by golden section, the
// rest of the plan by the reference LP with the crossings' flows as capacities.
double brute_force_congested(const scenario::Scenario& s, const PlanOptions& o) {
  CorridorModel cm = build_corridor_model(s, o);
  const CongestionModel cg = apply_congestion(cm, o);
  EXPECT_EQ(cg.queue.size(), 2u);
  const double demand = cm.model.demand[0] + cm.model.demand[1];
  double best = std::numeric_limits<double>::infinity();
  const std::size_t n = cm.model.facilities.size();
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    auto value = [&](double f2) {
      const double f1 = demand - f2;
      if (f1 > cm.model.resources[cg.resource[0]].capacity + 1e-9) return 1e30;
      solver::Model m = cm.model;
      for (std::size_t i = 0; i < n; ++i) {
        m.facilities[i].forced_open = (mask >> i) & 1u;
        if (!m.facilities[i].forced_open) m.facilities[i].options.clear();
      }
      m.resources[cg.resource[0]].capacity = f1;
      m.resources[cg.resource[1]].capacity = f2;
      const solver::Solution sol = testing::brute_force_solve(m);
      if (sol.status != solver::SolveStatus::kOptimal) return 1e30;
      return sol.objective + cg.cost(0, f1) + cg.cost(1, f2);
    };
    const double hi = std::min(demand, cm.model.resources[cg.resource[1]].capacity);
    best = std::min(best, golden_min(value, 0.0, hi));
  }
  return best;
}

struct CongestedCase {
  const char* name;
  double value_of_time;
  double x2_servers;
};

class CongestedMatchesBruteForce : public ::testing::TestWithParam<CongestedCase> {};

TEST_P(CongestedMatchesBruteForce, SameOptimumWithinTheGap) {
  const CongestedCase& c = GetParam();
  const scenario::Scenario s = congested_tiny(c.value_of_time, c.x2_servers);
  PlanOptions o;
  o.congestion.enabled = true;
  const Plan p = plan(s, o);
  ASSERT_EQ(p.status, SolveStatus::kOptimal);
  ASSERT_TRUE(p.congestion.modelled);
  const double ref = brute_force_congested(s, o);
  EXPECT_NEAR(p.objective, ref, 1e-6 * std::max(1.0, ref));
  EXPECT_LE(p.lower_bound, ref + 1e-6 * ref);
  // The objective is the legs' costs plus the waits.
  double legs = p.costs.fixed + p.costs.cn_linehaul + p.costs.crossing + p.costs.kz_linehaul +
                p.costs.handling + p.costs.last_mile + p.costs.direct + p.costs.unmet_penalty;
  EXPECT_NEAR(legs + p.congestion.wait_cost_per_year, p.objective, 1e-6 * p.objective);
}

INSTANTIATE_TEST_SUITE_P(TinyCorridors,
                         CongestedMatchesBruteForce,
                         ::testing::Values(CongestedCase{"cheap_time", 0.01, 1},
                                           CongestedCase{"split", 0.3, 1},
                                           CongestedCase{"dear_time", 3.0, 1},
                                           CongestedCase{"two_lanes", 0.3, 2}),
                         [](const ::testing::TestParamInfo<CongestedCase>& tp) {
                           return std::string(tp.param.name);
                         });

// Congestion off: the plan is the congestion-blind one, to the cent.
TEST(Congestion, OffLeavesThePlanUnchanged) {
  const scenario::Scenario s = congested_tiny(0.3, 1);
  const Plan blind = plan(s, PlanOptions{});
  const Plan blind_again = plan(testing::tiny_with_x2(), PlanOptions{});
  EXPECT_FALSE(blind.congestion.modelled);
  EXPECT_DOUBLE_EQ(blind.objective, blind_again.objective);
}

}  // namespace
}  // namespace corridor::design

namespace corridor::design {
namespace {

// Lanes at X2 of the congested tiny corridor (1 server, 20 trucks/day, half of it other
// freight), built by hand: n servers, 20 n trucks/day, the same 10 trucks/day of other
// freight.
scenario::Scenario tiny_with_x2_lanes(int n) {
  scenario::Scenario s = congested_tiny(0.3, 1);
  s.crossings[1].servers = n;
  s.crossings[1].capacity_per_day = 20.0 * n;
  s.crossings[1].background_share = 0.5 / n;
  return s;
}

TEST(Lanes, ScaleCapacityAndKeepTheOtherFreight) {
  const scenario::Scenario s = with_lanes(congested_tiny(0.3, 1), "X2", 2);
  EXPECT_EQ(s.crossings[1].servers, 2);
  EXPECT_DOUBLE_EQ(s.crossings[1].capacity_per_day, 40.0);
  EXPECT_DOUBLE_EQ(s.crossings[1].background_share, 0.25);
  EXPECT_EQ(s.crossings[0].servers, 2);  // the other crossing untouched
}

// Each lane count's plan against brute force over every open set (independent of the
// outer approximation), the choice against the least hand total.
TEST(Lanes, EnumerationMatchesBruteForcePerLaneCount) {
  PlanOptions o;
  o.congestion.enabled = true;
  std::vector<double> ref;
  for (int n = 1; n <= 3; ++n) ref.push_back(brute_force_congested(tiny_with_x2_lanes(n), o));
  // More lanes never cost the plan more (more capacity, shorter waits).
  EXPECT_LE(ref[1], ref[0] + 1e-6 * ref[0]);
  EXPECT_LE(ref[2], ref[1] + 1e-6 * ref[1]);
  // A lane cost of about a quarter of the 1 -> 3 lanes saving; whatever the savings,
  // the choice must be the least hand total.
  const double lane_cost = 0.5 * (ref[0] - ref[2]) / 2.0 + 1.0;
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (ref[i] + (i + 1) * lane_cost < ref[best] + (best + 1) * lane_cost - 1e-6 * ref[0]) best = i;
  const LaneChoice c = plan_lanes(congested_tiny(0.3, 1), o, {"X2", 1, 3, lane_cost});
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_TRUE(c.proven);
  EXPECT_EQ(c.scenario_servers, 1);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(c.rows[i].lanes, i + 1);
    EXPECT_NEAR(c.rows[i].plan_cost, ref[i], 1e-6 * ref[i]);
    EXPECT_DOUBLE_EQ(c.rows[i].lane_cost, (i + 1) * lane_cost);
    EXPECT_NEAR(c.rows[i].total, ref[i] + (i + 1) * lane_cost, 1e-6 * ref[i]);
  }
  EXPECT_EQ(c.chosen, best);
  EXPECT_NEAR(c.plan.objective, ref[best], 1e-6 * ref[best]);
  // A lane dearer than any saving: the fewest lanes.
  const LaneChoice dear = plan_lanes(congested_tiny(0.3, 1), o, {"X2", 1, 3, 10.0 * ref[0]});
  EXPECT_EQ(dear.chosen, 0);
}

TEST(Lanes, EveryBadOptionAtOnce) {
  const scenario::Scenario s = congested_tiny(0.3, 1);
  PlanOptions o;  // congestion off
  const auto errors = check_lane_options(s, o, {"NOPE", 0, -1, -5.0});
  ASSERT_EQ(errors.size(), 5u);  // congestion, crossing, MIN < 1, MIN > MAX, cost
  for (const auto& e : errors) EXPECT_EQ(e.code, ErrorCode::kBadOption);
  EXPECT_THROW(plan_lanes(s, o, {"X2", 1, 2, 1.0}), InputError);
  o.congestion.enabled = true;
  EXPECT_TRUE(check_lane_options(s, o, {"X2", 1, 2, 0.0}).empty());
}

}  // namespace
}  // namespace corridor::design
