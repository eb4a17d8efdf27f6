#include "design/solver/knapsack.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace corridor::design::solver {

void sort_cover_items(std::vector<CoverItem>& items) {
  std::sort(items.begin(), items.end(), [](const CoverItem& a, const CoverItem& b) {
    const double ra = a.value * b.weight, rb = b.value * a.weight;  // a.v/a.w < b.v/b.w
    if (ra != rb) return ra < rb;
    return a.id < b.id;
  });
}

namespace {

struct Search {
  const std::vector<CoverItem>& items;
  double requirement;
  double tol;
  long long node_limit;
  long long nodes = 0;
  double best = std::numeric_limits<double>::infinity();
  std::vector<char> current, best_set;
  std::vector<double> suffix_weight;

  // Fractional greedy completion from item t covering `rest`.
  [[nodiscard]] double greedy_bound(std::size_t t, double rest) const {
    double v = 0.0;
    for (std::size_t k = t; k < items.size() && rest > tol; ++k) {
      if (items[k].weight <= rest) {
        v += items[k].value;
        rest -= items[k].weight;
      } else {
        v += items[k].value * rest / items[k].weight;
        rest = 0.0;
      }
    }
    return rest > tol ? std::numeric_limits<double>::infinity() : v;
  }

  void dfs(std::size_t t, double rest, double value) {
    if (rest <= tol) {
      if (value < best) {
        best = value;
        best_set = current;
      }
      return;
    }
    if (t >= items.size() || ++nodes > node_limit) return;
    if (suffix_weight[t] < rest - tol) return;
    if (value + greedy_bound(t, rest) >= best * (1 - 1e-12) - 1e-12) return;
    current[t] = 1;
    dfs(t + 1, rest - items[t].weight, value + items[t].value);
    current[t] = 0;
    dfs(t + 1, rest, value);
  }
};

}  // namespace

CoverResult solve_cover(const std::vector<CoverItem>& items,
                        double requirement,
                        long long node_limit) {
  CoverResult res;
  if (requirement <= 0) {
    res.feasible = true;
    res.exact = true;
    return res;
  }
  const double tol = 1e-9 * std::max(1.0, requirement);
  Search s{
      items, requirement, tol, node_limit, 0, std::numeric_limits<double>::infinity(), {}, {}, {}};
  s.current.assign(items.size(), 0);
  s.suffix_weight.assign(items.size() + 1, 0.0);
  for (std::size_t k = items.size(); k-- > 0;)
    s.suffix_weight[k] = s.suffix_weight[k + 1] + items[k].weight;
  if (s.suffix_weight[0] < requirement - tol) return res;  // infeasible
  const double root = s.greedy_bound(0, requirement);
  s.dfs(0, requirement, 0.0);
  res.feasible = true;
  res.exact = s.nodes <= node_limit;
  if (!std::isfinite(s.best)) {
    // Node limit hit before any cover: take the greedy cover (all items in order).
    double rest = requirement;
    s.best = 0.0;
    s.best_set.assign(items.size(), 0);
    for (std::size_t k = 0; k < items.size() && rest > tol; ++k) {
      s.best_set[k] = 1;
      s.best += items[k].value;
      rest -= items[k].weight;
    }
  }
  res.value = s.best;
  res.lower_bound = res.exact ? s.best : root;
  for (std::size_t k = 0; k < items.size(); ++k)
    if (s.best_set[k] != 0) res.chosen.push_back(items[k].id);
  return res;
}

}  // namespace corridor::design::solver
