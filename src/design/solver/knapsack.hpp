#pragma once
// Minimum-cost covering knapsack: min sum v_i z_i s.t. sum q_i z_i >= R, z binary,
// all v_i > 0, q_i > 0. Depth-first branch and bound over items in increasing
// v/q order with the Dantzig (fractional greedy) bound (Martello & Toth 1990,
// "Knapsack Problems", ch. 2). Worst case exponential, so a node limit applies; past
// it the result is the best cover found and the bound is the root LP bound (still a
// valid lower bound). Typical facility sets (<= a few thousand items) close at once.

#include <vector>

namespace corridor::design::solver {

struct CoverItem {
  double value = 0.0;
  double weight = 0.0;
  int id = 0;
};

struct CoverResult {
  bool feasible = false;
  double lower_bound = 0.0;  // valid lower bound on the optimum (== value when exact)
  double value = 0.0;        // cost of `chosen`
  std::vector<int> chosen;   // ids
  bool exact = false;
};

/// Items must be sorted by value/weight ascending (see sort_cover_items).
CoverResult solve_cover(const std::vector<CoverItem>& items,
                        double requirement,
                        long long node_limit = 20000);
void sort_cover_items(std::vector<CoverItem>& items);

}  // namespace corridor::design::solver
