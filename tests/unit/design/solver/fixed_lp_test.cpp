// The warm-started fixed-option LP (fixed_lp.hpp), which adds a facility's arc columns
// when it opens and drops closed facilities' arcs, against an independent oracle: the
// exact MIP (formulation.hpp, every arc a column) with each y fixed to the option and
// solved from scratch by Clp. Random open sets in random order: single moves (the local
// search's pattern) and jumps to unrelated sets (restarts), with limits that make the
// column drops and restarts happen on these small models.
#include "fixed_lp.hpp"

#include <gtest/gtest.h>

#include <ClpSimplex.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "corridor/solver/model.hpp"
#include "formulation.hpp"
#include "random_model.hpp"

namespace corridor::design::solver {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The MIP's LP with y_ik = [option_i == k]: its optimum is the open set's exact cost.
double reference_cost(const Model& m, const std::vector<int>& option) {
  const Mip mip = build_mip(m);
  MipArrays a = to_arrays(mip);
  for (std::size_t i = 0; i < option.size(); ++i)
    for (std::size_t k = 0; k < mip.y_index[i].size(); ++k) {
      const double v = static_cast<int>(k) == option[i] ? 1.0 : 0.0;
      a.lo[mip.y_index[i][k]] = a.up[mip.y_index[i][k]] = v;
    }
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(
      a.matrix, a.lo.data(), a.up.data(), a.obj.data(), a.row_lo.data(), a.row_up.data());
  ClpSolve o = no_presolve();
  lp.initialSolve(o);
  return lp.isProvenOptimal() ? lp.objectiveValue() : kInf;
}

// A random option vector that keeps forced facilities open and respects max_open.
std::vector<int> random_option(const Model& m, testing::Rng& r) {
  const int nf = static_cast<int>(m.facilities.size());
  std::vector<int> opt(nf);
  int open = 0;
  for (int i = 0; i < nf; ++i) {
    const int no = static_cast<int>(m.facilities[i].options.size());
    opt[i] = m.facilities[i].forced_open ? r.below(no) : r.below(no + 1) - 1;
    open += opt[i] >= 0 ? 1 : 0;
  }
  for (int i = 0; m.max_open && open > *m.max_open && i < nf; ++i)
    if (opt[i] >= 0 && !m.facilities[i].forced_open) {
      opt[i] = -1;
      --open;
    }
  return opt;
}

bool admissible(const Model& m, const std::vector<int>& opt) {
  int open = 0;
  for (std::size_t i = 0; i < opt.size(); ++i) {
    if (opt[i] < 0 && m.facilities[i].forced_open) return false;
    open += opt[i] >= 0 ? 1 : 0;
  }
  return !m.max_open || open <= *m.max_open;
}

// Flows of the last solve are a plan for `opt`: demand met, only open sites used, no
// site above its option's capacity.
void expect_plan(const Model& m, const FixedLp& lp, const std::vector<int>& opt, int seed) {
  Solution s;
  lp.extract(s);
  std::vector<double> served(m.demand.size(), 0.0), out(m.facilities.size(), 0.0);
  for (std::size_t a = 0; a < m.arcs.size(); ++a) {
    served[m.arcs[a].customer] += s.arc_flow[a];
    out[m.arcs[a].facility] += s.arc_flow[a];
  }
  for (std::size_t q = 0; q < m.direct.size(); ++q)
    served[m.direct[q].customer] += s.direct_flow[q];
  for (std::size_t j = 0; j < m.demand.size(); ++j)
    EXPECT_NEAR(served[j] + s.unmet[j], m.demand[j], 1e-6) << "seed " << seed << " customer " << j;
  for (std::size_t i = 0; i < m.facilities.size(); ++i) {
    const double cap = opt[i] >= 0 ? m.facilities[i].options[opt[i]].capacity : 0.0;
    EXPECT_LE(out[i], cap + 1e-6) << "seed " << seed << " facility " << i;
  }
}

TEST(FixedLp, MatchesTheMipWithOptionsFixedOverMovesAndJumps) {
  const FixedLp::Limits eager{/*restart_min=*/1, /*closed_arcs_min=*/0};
  int models = 0, solves = 0, feasible = 0;
  for (int seed = 1; seed <= 120; ++seed) {
    const Model m = testing::random_model(static_cast<std::uint64_t>(seed), 4, 1);
    testing::Rng r{static_cast<std::uint64_t>(seed) * 7919U};
    FixedLp lp(m, seed % 2 == 0 ? eager : FixedLp::Limits{});
    std::vector<int> opt = random_option(m, r);
    if (!admissible(m, opt)) continue;  // more sites forced open than max_open allows
    ++models;
    for (int step = 0; step < 25; ++step) {
      if (step > 0) {
        std::vector<int> n = opt;
        if (r.below(4) == 0) {
          n = random_option(m, r);
        } else {
          const int i = r.below(static_cast<int>(m.facilities.size()));
          n[i] = r.below(static_cast<int>(m.facilities[i].options.size()) + 1) - 1;
        }
        if (admissible(m, n)) opt = n;
      }
      const double expect = reference_cost(m, opt);
      const bool ok = lp.solve(opt);
      ++solves;
      ASSERT_EQ(ok, expect < kInf) << "seed " << seed << " step " << step;
      if (!ok) continue;
      ++feasible;
      EXPECT_NEAR(lp.objective(), expect, 1e-6 * std::max(1.0, std::abs(expect)))
          << "seed " << seed << " step " << step;
      expect_plan(m, lp, opt, seed);
    }
  }
  EXPECT_GT(models, 100);
  EXPECT_EQ(solves, models * 25);
  EXPECT_GT(feasible, solves / 2);  // the comparison is mostly of values, not of failures
}

}  // namespace
}  // namespace corridor::design::solver
