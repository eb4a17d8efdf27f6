// Randomized cross-check: small random models solved by brute-force enumeration of
// every option assignment, each evaluated by the LP with options fixed, against solve().
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "corridor/solver/model.hpp"
#include "enumerate.hpp"
#include "random_model.hpp"

namespace corridor::design::solver {
namespace {

using testing::random_model;

// Best objective over every option assignment (-1 closed), or +inf.
double brute_force(const Model& m) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& [opt, cost] : testing::enumerate_assignments(m)) best = std::min(best, cost);
  return best;
}

TEST(SolverRandom, MatchesBruteForce) {
  int feasible = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const Model m = random_model(seed);
    const double expect = brute_force(m);
    const Solution s = solve(m);
    if (std::isinf(expect)) {
      EXPECT_EQ(s.status, SolveStatus::kInfeasible) << "seed " << seed;
      continue;
    }
    ++feasible;
    ASSERT_EQ(s.status, SolveStatus::kOptimal) << "seed " << seed;
    EXPECT_NEAR(s.objective, expect, 1e-6 * std::max(1.0, std::abs(expect))) << "seed " << seed;
    EXPECT_LE(s.lower_bound, s.objective + 1e-9) << "seed " << seed;
  }
  EXPECT_GT(feasible, 150);
}

}  // namespace
}  // namespace corridor::design::solver
