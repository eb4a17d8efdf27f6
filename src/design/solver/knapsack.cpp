#include "knapsack.hpp"

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
  explicit Search(const std::vector<CoverItem>& it) : items(it) {}
  const std::vector<CoverItem>& items;
  double requirement = 0.0;
  double tol = 0.0;
  long long node_limit = 0;
  long long nodes = 0;
  double best = std::numeric_limits<double>::infinity();
  std::vector<char> current, best_set;
  std::vector<double> prefix_weight, prefix_value;  // over items in ratio order
  std::vector<double> suffix_max_weight;
  std::vector<int> by_value;  // item indices by value ascending

  // Dantzig bound: fractional greedy from item t covering `rest`.
  [[nodiscard]] double greedy_bound(std::size_t t, double rest) const {
    const double base_w = prefix_weight[t];
    const auto it = std::lower_bound(
        prefix_weight.begin() + static_cast<long>(t) + 1, prefix_weight.end(), base_w + rest - tol);
    if (it == prefix_weight.end()) return std::numeric_limits<double>::infinity();
    const std::size_t s = static_cast<std::size_t>(it - prefix_weight.begin()) - 1;  // critical
    const double pv = prefix_value[s] - prefix_value[t];
    const double pw = prefix_weight[s] - base_w;
    return pv + items[s].value * std::max(0.0, rest - pw) / items[s].weight;
  }

  // At least ceil(rest / largest weight) more items, each no cheaper than the
  // cheapest remaining ones: tight when weights are equal (e.g. OR-Library capa-c).
  [[nodiscard]] double cardinality_bound(std::size_t t, double rest) const {
    const double w = suffix_max_weight[t];
    if (w <= 0) return std::numeric_limits<double>::infinity();
    const auto k = static_cast<long long>(std::ceil(rest / w - 1e-9));
    double v = 0.0;
    long long taken = 0;
    for (int idx : by_value) {
      if (taken >= k) break;
      if (static_cast<std::size_t>(idx) < t) continue;
      v += items[idx].value;
      ++taken;
    }
    return taken < k ? std::numeric_limits<double>::infinity() : v;
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
    const double cut = best * (1 - 1e-12) - 1e-12;
    if (value + greedy_bound(t, rest) >= cut) return;
    if (value + cardinality_bound(t, rest) >= cut) return;
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
  Search s(items);
  s.requirement = requirement;
  s.tol = tol;
  s.node_limit = node_limit;
  const std::size_t n = items.size();
  s.current.assign(n, 0);
  s.prefix_weight.assign(n + 1, 0.0);
  s.prefix_value.assign(n + 1, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    s.prefix_weight[k + 1] = s.prefix_weight[k] + items[k].weight;
    s.prefix_value[k + 1] = s.prefix_value[k] + items[k].value;
  }
  s.suffix_max_weight.assign(n + 1, 0.0);
  for (std::size_t k = n; k-- > 0;)
    s.suffix_max_weight[k] = std::max(s.suffix_max_weight[k + 1], items[k].weight);
  s.by_value.resize(n);
  for (std::size_t k = 0; k < n; ++k) s.by_value[k] = static_cast<int>(k);
  std::stable_sort(s.by_value.begin(), s.by_value.end(), [&](int a, int b) {
    return items[a].value < items[b].value;
  });
  if (s.prefix_weight[n] < requirement - tol) return res;  // infeasible
  const double root = std::max(s.greedy_bound(0, requirement), s.cardinality_bound(0, requirement));
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
