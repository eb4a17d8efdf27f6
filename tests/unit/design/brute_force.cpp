#include "brute_force.hpp"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace corridor::testing {

namespace {

using design::solver::Model;
using design::solver::Solution;

// LP with the options fixed (`option`, −1 closed) and, when `assign` is non-empty, each
// customer's arcs restricted to facility assign[c] (−1: no arcs). Returns false if the
// LP is infeasible.
bool solve_lp(const Model& m,
              const std::vector<int>& option,
              const std::vector<int>& assign,
              Solution& out) {
  const int n_arc = static_cast<int>(m.arcs.size());
  const int n_sup = static_cast<int>(m.supply.size());
  const int n_dir = static_cast<int>(m.direct.size());
  const int n_cus = static_cast<int>(m.demand.size());
  const int n_fac = static_cast<int>(m.facilities.size());
  const int n_res = static_cast<int>(m.resources.size());
  const int n_col = n_arc + n_sup + n_dir + n_cus;
  const double inf = COIN_DBL_MAX;

  std::vector<double> lb(n_col, 0.0), ub(n_col, inf), obj(n_col, 0.0);
  for (int a = 0; a < n_arc; ++a) {
    const auto& arc = m.arcs[a];
    const int o = option[arc.facility];
    obj[a] = arc.unit_cost + (o >= 0 ? m.facilities[arc.facility].options[o].unit_cost : 0.0);
    if (o < 0) ub[a] = 0.0;
    if (!assign.empty() && assign[arc.customer] != arc.facility) ub[a] = 0.0;
  }
  for (int k = 0; k < n_sup; ++k) obj[n_arc + k] = m.supply[k].unit_cost;
  for (int k = 0; k < n_dir; ++k) obj[n_arc + n_sup + k] = m.direct[k].unit_cost;
  for (int c = 0; c < n_cus; ++c) {
    obj[n_arc + n_sup + n_dir + c] = m.unmet_penalty.value_or(0.0);
    if (!m.unmet_penalty) ub[n_arc + n_sup + n_dir + c] = 0.0;
  }

  // Rows: demand (n_cus), facility capacity (n_fac), balance (n_fac), resources (n_res).
  std::vector<int> ri, ci;
  std::vector<double> el;
  auto put = [&](int r, int c, double v) {
    ri.push_back(r);
    ci.push_back(c);
    el.push_back(v);
  };
  const int r_cap = n_cus, r_bal = n_cus + n_fac, r_res = n_cus + 2 * n_fac;
  const int n_row = r_res + n_res;
  std::vector<double> rlo(n_row, -inf), rup(n_row, inf);
  for (int c = 0; c < n_cus; ++c) {
    rlo[c] = rup[c] = m.demand[c];
    put(c, n_arc + n_sup + n_dir + c, 1.0);
  }
  for (int a = 0; a < n_arc; ++a) {
    put(m.arcs[a].customer, a, 1.0);
    put(r_cap + m.arcs[a].facility, a, 1.0);
    if (m.needs_supply) put(r_bal + m.arcs[a].facility, a, -1.0);
  }
  for (int f = 0; f < n_fac; ++f) {
    rup[r_cap + f] = option[f] >= 0 ? m.facilities[f].options[option[f]].capacity : 0.0;
    if (m.needs_supply) rlo[r_bal + f] = rup[r_bal + f] = 0.0;
  }
  for (int k = 0; k < n_sup; ++k) {
    put(r_bal + m.supply[k].facility, n_arc + k, 1.0);
    for (int r : m.supply[k].resources) put(r_res + r, n_arc + k, 1.0);
  }
  for (int k = 0; k < n_dir; ++k) {
    put(m.direct[k].customer, n_arc + n_sup + k, 1.0);
    for (int r : m.direct[k].resources) put(r_res + r, n_arc + n_sup + k, 1.0);
  }
  for (int r = 0; r < n_res; ++r) rup[r_res + r] = m.resources[r].capacity;

  CoinPackedMatrix matrix(false, ri.data(), ci.data(), el.data(), static_cast<int>(el.size()));
  matrix.setDimensions(n_row, n_col);
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, lb.data(), ub.data(), obj.data(), rlo.data(), rup.data());
  lp.dual();
  if (lp.status() != 0) return false;

  const double* x = lp.primalColumnSolution();
  const double* y = lp.dualRowSolution();
  out.objective = lp.objectiveValue();
  out.arc_flow.assign(x, x + n_arc);
  out.supply_flow.assign(x + n_arc, x + n_arc + n_sup);
  out.direct_flow.assign(x + n_arc + n_sup, x + n_arc + n_sup + n_dir);
  out.unmet.assign(x + n_arc + n_sup + n_dir, x + n_col);
  out.resource_value.assign(n_res, 0.0);
  for (int r = 0; r < n_res; ++r) out.resource_value[r] = std::max(0.0, -y[r_res + r]);
  out.facility_capacity_value.assign(n_fac, 0.0);
  for (int f = 0; f < n_fac; ++f)
    if (option[f] >= 0) out.facility_capacity_value[f] = std::max(0.0, -y[r_cap + f]);
  for (int f = 0; f < n_fac; ++f)
    if (option[f] >= 0) out.objective += m.facilities[f].options[option[f]].fixed_cost;
  out.option = option;
  return true;
}

}  // namespace

Solution brute_force_solve(const Model& m) {
  const int n_fac = static_cast<int>(m.facilities.size());
  const int n_cus = static_cast<int>(m.demand.size());
  Solution best;
  best.objective = std::numeric_limits<double>::infinity();
  std::vector<int> option(n_fac, -1);

  auto try_assignments = [&]() {
    Solution s;
    if (!m.single_sourcing) {
      if (solve_lp(m, option, {}, s) && s.objective < best.objective - 1e-9) best = s;
      return;
    }
    std::vector<int> assign(n_cus, -1);
    // Odometer over assign[c] in {−1, open facilities}.
    while (true) {
      if (solve_lp(m, option, assign, s) && s.objective < best.objective - 1e-9) best = s;
      int c = 0;
      for (; c < n_cus; ++c) {
        int f = assign[c] + 1;
        while (f < n_fac && option[f] < 0) ++f;
        if (f < n_fac) {
          assign[c] = f;
          break;
        }
        assign[c] = -1;
      }
      if (c == n_cus) return;
    }
  };

  // Odometer over option[f] in {−1 (unless forced), 0..k−1}.
  while (true) {
    int open = 0;
    for (int o : option) open += o >= 0;
    bool ok = !m.max_open || open <= *m.max_open;
    for (int f = 0; f < n_fac; ++f)
      if (m.facilities[f].forced_open && option[f] < 0) ok = false;
    if (ok) try_assignments();
    int f = 0;
    for (; f < n_fac; ++f) {
      if (++option[f] < static_cast<int>(m.facilities[f].options.size())) break;
      option[f] = -1;
    }
    if (f == n_fac) break;
  }
  best.status = design::solver::SolveStatus::kOptimal;
  best.lower_bound = best.objective;
  best.gap = 0.0;
  return best;
}

}  // namespace corridor::testing
