#pragma once
// The LP that remains once every facility's size option is fixed: a min-cost flow
// with side constraints (resource capacities), solved with COIN-OR Clp and
// warm-started between calls (dual simplex after bound changes), so that the branch
// and bound can evaluate many open sets cheaply. Gives the primal plan of the final
// open set and the LP duals behind resource_value / facility_capacity_value.
//
// Columns: x_a (arcs), out_i (facility outflow: cost = option handling, upper bound =
// option capacity, 0 when closed), s_p (supply), w_q (direct), u_j (unmet).
// Rows: demand_j (=), flow_i: sum_a x_a - out_i = 0, supply_i: sum_p s_p - out_i = 0
// (needs_supply), resource_r (<= capacity).

#include <memory>
#include <vector>

#include "corridor/solver/model.hpp"

class ClpSimplex;
class ClpSolve;

namespace corridor::design::solver {

/// Clp options shared by every LP we solve: presolve off (see fixed_lp.cpp).
ClpSolve no_presolve();

class FixedLp {
 public:
  explicit FixedLp(const Model& model);
  ~FixedLp();
  FixedLp(const FixedLp&) = delete;
  FixedLp& operator=(const FixedLp&) = delete;

  /// Solves with `option[i]` (-1 = closed). Returns false when infeasible.
  bool solve(const std::vector<int>& option);
  /// Variable cost of the last feasible solve plus the fixed costs of its options.
  [[nodiscard]] double objective() const { return objective_; }
  /// Outflow of each facility in the last feasible solve.
  [[nodiscard]] const std::vector<double>& outflow() const { return outflow_; }
  /// Fills flows, unmet, resource_value and facility_capacity_value of `s` from the
  /// last feasible solve.
  void extract(Solution& s) const;
  /// Lagrangian multipliers from the duals of the last feasible solve: lambda_j (demand
  /// rows) then mu_r >= 0 (resource rows); `mult` must have at least that size.
  void duals(std::vector<double>& mult) const;

 private:
  const Model& model_;
  std::unique_ptr<ClpSimplex> lp_;
  int n_arcs_ = 0, n_fac_ = 0, n_sup_ = 0, n_dir_ = 0, n_cust_ = 0;
  int out0_ = 0, sup0_ = 0, dir0_ = 0, unmet0_ = 0;
  int row_res0_ = 0;
  bool solved_once_ = false;
  std::vector<int> last_option_;
  double objective_ = 0.0;
  std::vector<double> outflow_;
};

}  // namespace corridor::design::solver
