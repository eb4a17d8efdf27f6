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

/// LP values below this are reported as 0: Clp leaves residues of the order of its
/// feasibility tolerance (1e-7 by default), some negative, on columns without flow.
inline constexpr double kLpZero = 1e-9;
inline double clean_lp_value(double v) { return v < kLpZero ? 0.0 : v; }

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
  struct Arrays;  // the LP as column-major arrays, while it is built (fixed_lp.cpp)
  void set_layout();
  void add_arc_columns(Arrays& a) const;
  void add_outflow_columns(Arrays& a) const;
  void add_path_columns(Arrays& a) const;
  void add_unmet_columns(Arrays& a) const;
  void set_row_bounds(Arrays& a) const;
  void load(const Arrays& a);

  const Model& model_;
  std::unique_ptr<ClpSimplex> lp_;
  int n_arcs_ = 0, n_fac_ = 0, n_sup_ = 0, n_dir_ = 0, n_cust_ = 0;
  int out0_ = 0, sup0_ = 0, dir0_ = 0, unmet0_ = 0;  // first column of each family
  int row_flow0_ = 0, row_sup0_ = 0, row_res0_ = 0;  // first row of each family
  int n_cols_ = 0, n_rows_ = 0;
  bool solved_once_ = false;
  std::vector<int> last_option_;
  double objective_ = 0.0;
  std::vector<double> outflow_;
};

}  // namespace corridor::design::solver
