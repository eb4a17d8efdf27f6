// Hand-computed tiny instances: exact open sets, flows, costs and dual values.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/solver/model.hpp"

namespace corridor::design::solver {
namespace {

Facility fac(std::string name, std::vector<SizeOption> options, bool forced = false) {
  return Facility{std::move(name), std::move(options), forced};
}

// F0 has a small (10, fixed 100) and a large (30, fixed 150) option, F1 one option
// (30, fixed 200); two customers of 10 at unit cost 1 from either.
Model two_sizes() {
  Model m;
  m.facilities = {fac("f0", {{10, 100, 0}, {30, 150, 0}}), fac("f1", {{30, 200, 0}})};
  m.demand = {10, 10};
  m.arcs = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
  return m;
}

TEST(SolverTiny, PicksTheCheaperSizeOption) {
  // Large F0 alone: 150 + 20 = 170; F1 alone: 220; small F0 + F1: 320.
  const Solution s = solve(two_sizes());
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective, 170.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{1, -1}));
  EXPECT_NEAR(s.arc_flow[0], 10.0, 1e-9);
  EXPECT_NEAR(s.arc_flow[1], 10.0, 1e-9);
  EXPECT_NEAR(s.lower_bound, 170.0, 1e-6);
  // The final plan at least was priced by the fixed-option LP, within the solve's time.
  EXPECT_GE(s.lp_solves, 1);
  EXPECT_GT(s.lp_seconds, 0.0);
  EXPECT_LE(s.lp_seconds, s.seconds);
}

TEST(SolverTiny, ForcedOpenFacilityIsOpened) {
  // F1 forced: F1 alone 220 beats F1 + any F0 option (>= 320).
  Model m = two_sizes();
  m.facilities[1].forced_open = true;
  const Solution s = solve(m);
  EXPECT_NEAR(s.objective, 220.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{-1, 0}));
}

TEST(SolverTiny, MaxOpenLimitsTheOpenSet) {
  // F0 serves c0 at 1, F1 serves c1 at 1 (each cap 10, fixed 10); F2 (cap 20, fixed 30)
  // serves both at 5. Free: F0 + F1 = 40. max_open = 1: only F2 fits, 30 + 100 = 130.
  Model m;
  m.facilities = {fac("f0", {{10, 10, 0}}), fac("f1", {{10, 10, 0}}), fac("f2", {{20, 30, 0}})};
  m.demand = {10, 10};
  m.arcs = {{0, 0, 1}, {0, 1, 100}, {1, 1, 1}, {1, 0, 100}, {2, 0, 5}, {2, 1, 5}};
  Solution s = solve(m);
  EXPECT_NEAR(s.objective, 40.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{0, 0, -1}));
  m.max_open = 1;
  s = solve(m);
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective, 130.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{-1, -1, 0}));
  m.max_open = 0;
  s = solve(m);
  EXPECT_EQ(s.status, SolveStatus::kInfeasible);
}

TEST(SolverTiny, UnmetDemandAtPenalty) {
  // One facility (cap 5, fixed 10), one customer of 10 at unit cost 1.
  Model m;
  m.facilities = {fac("f0", {{5, 10, 0}})};
  m.demand = {10};
  m.arcs = {{0, 0, 1}};
  m.unmet_penalty = 4.0;  // open: 10 + 5 + 5*4 = 35 < closed: 40
  Solution s = solve(m);
  EXPECT_NEAR(s.objective, 35.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{0}));
  EXPECT_NEAR(s.unmet[0], 5.0, 1e-9);
  // The binding capacity is worth penalty - unit cost = 3 per unit of daily capacity.
  EXPECT_NEAR(s.facility_capacity_value[0], 3.0, 1e-9);
  m.unmet_penalty = 2.0;  // open: 10 + 5 + 10 = 25 > closed: 20
  s = solve(m);
  EXPECT_NEAR(s.objective, 20.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{-1}));
  EXPECT_NEAR(s.unmet[0], 10.0, 1e-9);
}

TEST(SolverTiny, WithoutPenaltyUnservableDemandIsInfeasible) {
  Model m;
  m.facilities = {fac("f0", {{5, 10, 0}})};
  m.demand = {10};
  m.arcs = {{0, 0, 1}};
  EXPECT_EQ(solve(m).status, SolveStatus::kInfeasible);
}

// F0 (cap 100, fixed 0) fed by p0 through resource R0 (cap 8) at 2 or p1 through R1 at
// 5; c0 (10) only stocked at 1; c1 (5) stocked at 1 or direct through R0 at 2.5.
Model supply_direct() {
  Model m;
  m.facilities = {fac("f0", {{100, 0, 0}})};
  m.demand = {10, 5};
  m.arcs = {{0, 0, 1}, {0, 1, 1}};
  m.needs_supply = true;
  m.resources = {{"r0", 8}, {"r1", 100}};
  m.supply = {{0, 2, {0}}, {0, 5, {1}}};
  m.direct = {{1, 2.5, {0}}};
  return m;
}

TEST(SolverTiny, SupplyAndDirectPathsShareAResource) {
  // A unit of R0 saves 6 - 2.5 = 3.5 on c1 direct and 6 - 3 = 3 on stocked flow, so c1
  // goes direct (5 units), the other 3 units of R0 feed c0 via p0, 7 units via p1:
  // 12.5 + 3*3 + 7*6 = 63.5. One more unit of R0 moves a c0 unit from p1 to p0: 3.
  const Solution s = solve(supply_direct());
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective, 63.5, 1e-9);
  EXPECT_NEAR(s.direct_flow[0], 5.0, 1e-9);
  EXPECT_NEAR(s.arc_flow[0], 10.0, 1e-9);
  EXPECT_NEAR(s.arc_flow[1], 0.0, 1e-9);
  EXPECT_NEAR(s.supply_flow[0], 3.0, 1e-9);
  EXPECT_NEAR(s.supply_flow[1], 7.0, 1e-9);
  ASSERT_EQ(s.resource_value.size(), 2U);
  EXPECT_NEAR(s.resource_value[0], 3.0, 1e-9);
  EXPECT_NEAR(s.resource_value[1], 0.0, 1e-9);
}

TEST(SolverTiny, SingleSourcingForbidsSplitting) {
  // F0 cap 10 at unit cost 1, F1 cap 20 at 2, three customers of 6. Splittable: 10 at
  // 1 + 8 at 2 = 26. Single sourcing: F0 takes one customer (6) and F1 two (24) = 30.
  Model m;
  m.facilities = {fac("f0", {{10, 0, 0}}), fac("f1", {{20, 0, 0}})};
  m.demand = {6, 6, 6};
  for (int j = 0; j < 3; ++j) {
    m.arcs.push_back({0, j, 1});
    m.arcs.push_back({1, j, 2});
  }
  Solution s = solve(m);
  EXPECT_NEAR(s.objective, 26.0, 1e-9);
  m.single_sourcing = true;
  s = solve(m);
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective, 30.0, 1e-6);
  int from_f0 = 0;
  for (int j = 0; j < 3; ++j) {
    const double a = s.arc_flow[2 * j], b = s.arc_flow[2 * j + 1];
    EXPECT_TRUE((std::abs(a - 6) < 1e-6 && std::abs(b) < 1e-6) ||
                (std::abs(b - 6) < 1e-6 && std::abs(a) < 1e-6));
    from_f0 += a > 3 ? 1 : 0;
  }
  EXPECT_EQ(from_f0, 1);
}

TEST(SolverTiny, HandlingCostDependsOnTheOption) {
  // One facility: option 0 (cap 10, fixed 0, handling 5), option 1 (cap 10, fixed 30,
  // handling 1); 10 units at arc cost 1: 60 vs 50 -> option 1.
  Model m;
  m.facilities = {fac("f0", {{10, 0, 5}, {10, 30, 1}})};
  m.demand = {10};
  m.arcs = {{0, 0, 1}};
  const Solution s = solve(m);
  EXPECT_NEAR(s.objective, 50.0, 1e-9);
  EXPECT_EQ(s.option, (std::vector<int>{1}));
}

TEST(SolverTiny, ShortSolvesPrintNoProgress) {
  std::ostringstream progress;
  SolveOptions o;
  o.progress = &progress;
  (void)solve(two_sizes(), o);
  EXPECT_TRUE(progress.str().empty());
}

TEST(SolverTiny, BadModelIsAnInputError) {
  Model m = two_sizes();
  m.arcs.push_back({5, 0, 1});
  m.demand[1] = -1;
  try {
    (void)solve(m);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 2U);
  }
}

TEST(OrlibReader, BadFileReportsLine) {
  const std::string path = ::testing::TempDir() + "/bad_orlib.txt";
  {
    std::ofstream out(path);
    out << "2 1\n10 5\n10 x5\n3 1 2\n";
  }
  try {
    (void)read_orlib(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadOrlibFile);
    EXPECT_EQ(e.diagnostics().front().line, 3);
    EXPECT_EQ(e.diagnostics().front().column, 4);
  }
  {
    std::ofstream out(path);
    out << "2 2\n10 5\n10 5\n3 1 2\n";
  }
  try {
    (void)read_orlib(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadOrlibFile);
    EXPECT_NE(std::string(e.what()).find("end of file"), std::string::npos);
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace corridor::design::solver
