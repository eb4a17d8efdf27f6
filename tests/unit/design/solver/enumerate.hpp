#pragma once
// Brute force for the solver's cross-checks (random_test.cpp, alternatives_test.cpp): every
// option assignment of a small model that respects forced_open and max_open, priced
// exactly by the LP with those options fixed.
#include <map>
#include <vector>

#include "corridor/solver/model.hpp"
#include "fixed_lp.hpp"

namespace corridor::design::solver::testing {

/// Every feasible assignment (per facility an option, -1 closed) and its exact cost.
inline std::map<std::vector<int>, double> enumerate_assignments(const Model& m) {
  FixedLp lp(m);
  const int nf = static_cast<int>(m.facilities.size());
  std::map<std::vector<int>, double> cost;
  std::vector<int> opt(nf, -1);
  while (true) {
    int open = 0;
    bool ok = true;
    for (int i = 0; i < nf; ++i) {
      open += opt[i] >= 0 ? 1 : 0;
      ok = ok && (opt[i] >= 0 || !m.facilities[i].forced_open);
    }
    if (ok && (!m.max_open || open <= *m.max_open) && lp.solve(opt)) cost[opt] = lp.objective();
    int i = 0;
    while (i < nf && ++opt[i] == static_cast<int>(m.facilities[i].options.size())) opt[i++] = -1;
    if (i == nf) break;
  }
  return cost;
}

}  // namespace corridor::design::solver::testing
