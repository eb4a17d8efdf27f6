// Randomized cross-check: small random models solved by brute-force enumeration of
// every option assignment, each evaluated by the LP with options fixed, against solve().
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "corridor/solver/model.hpp"
#include "fixed_lp.hpp"

namespace corridor::design::solver {
namespace {

// SplitMix64: our own generator so the instances are the same everywhere.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

Model random_model(std::uint64_t seed) {
  Rng r{seed};
  Model m;
  const int nf = 2 + r.below(3), nc = 2 + r.below(4);
  const int nr = r.below(3);
  m.needs_supply = nr > 0 && r.below(2) == 0;
  for (int i = 0; i < nf; ++i) {
    Facility f;
    f.name = fmt::format("f{}", i);
    const int no = 1 + r.below(2);
    for (int k = 0; k < no; ++k)
      f.options.push_back({r.uniform(10, 60), r.uniform(20, 200), r.uniform(0, 2)});
    f.forced_open = r.below(6) == 0;
    m.facilities.push_back(f);
  }
  for (int j = 0; j < nc; ++j) m.demand.push_back(std::round(r.uniform(1, 25)));
  for (int i = 0; i < nf; ++i)
    for (int j = 0; j < nc; ++j)
      if (r.below(4) != 0) m.arcs.push_back({i, j, r.uniform(1, 10)});
  for (int k = 0; k < nr; ++k) m.resources.push_back({fmt::format("r{}", k), r.uniform(10, 60)});
  if (m.needs_supply)
    for (int i = 0; i < nf; ++i)
      for (int t = 0; t < 1 + r.below(2); ++t)
        m.supply.push_back({i, r.uniform(1, 5), {r.below(nr)}});
  if (nr > 0)
    for (int j = 0; j < nc; ++j)
      if (r.below(3) == 0) m.direct.push_back({j, r.uniform(5, 15), {r.below(nr)}});
  if (r.below(2) == 0) m.unmet_penalty = r.uniform(10, 30);
  if (r.below(3) == 0) m.max_open = 1 + r.below(nf);
  return m;
}

// Best objective over every option assignment (-1 closed), or +inf.
double brute_force(const Model& m) {
  FixedLp lp(m);
  const int nf = static_cast<int>(m.facilities.size());
  std::vector<int> opt(nf, -1);
  double best = std::numeric_limits<double>::infinity();
  while (true) {
    int open = 0;
    bool ok = true;
    for (int i = 0; i < nf; ++i) {
      open += opt[i] >= 0 ? 1 : 0;
      ok = ok && (opt[i] >= 0 || !m.facilities[i].forced_open);
    }
    if (ok && (!m.max_open || open <= *m.max_open) && lp.solve(opt))
      best = std::min(best, lp.objective());
    int i = 0;
    while (i < nf && ++opt[i] == static_cast<int>(m.facilities[i].options.size())) opt[i++] = -1;
    if (i == nf) break;
  }
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
