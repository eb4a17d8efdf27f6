#pragma once
// The LP that remains once every facility's size option is fixed: a min-cost flow
// with side constraints (resource capacities), solved with COIN-OR Clp and
// warm-started between calls (dual simplex after bound changes), so that the branch
// and bound can evaluate many open sets cheaply. Gives the primal plan of the final
// open set and the LP duals behind resource_value / facility_capacity_value.
//
// Columns: out_i (facility outflow: cost = option handling, upper bound = option
// capacity, 0 when closed), s_p (supply), w_q (direct), u_j (unmet), then x_a (arcs)
// of the facilities opened so far. A closed facility's arcs carry no flow (out_i = 0),
// so they are only added when it first opens, and dropped again when closed
// facilities' arcs outnumber the open ones' (nonbasic columns only, so the basis
// survives) or at a restart: at 1,000 sites x 10,000 zones about a fifth of the 400k
// arcs belong to open sites, and every simplex iteration prices all columns.
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
  /// When a solve rebuilds rather than warm-starts, and when it drops arc columns.
  struct Limits {
    /// A solve restarts from a slack basis when more than max(this, facilities / 4)
    /// options changed since the last one.
    int restart_min = 64;
    /// Closed facilities' arcs are dropped when those facilities number more than
    /// max(this, open facilities with arcs).
    int closed_arcs_min = 64;
  };
  explicit FixedLp(const Model& model) : FixedLp(model, Limits{}) {}
  FixedLp(const Model& model, Limits limits);
  ~FixedLp();
  FixedLp(const FixedLp&) = delete;
  FixedLp& operator=(const FixedLp&) = delete;

  /// Solves with `option[i]` (-1 = closed). Returns false when infeasible.
  bool solve(const std::vector<int>& option);
  /// Solves so far and their wall-clock seconds.
  [[nodiscard]] long long solves() const { return solves_; }
  [[nodiscard]] double seconds() const { return seconds_; }
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
  void add_outflow_columns(Arrays& a) const;
  void add_path_columns(Arrays& a) const;
  void add_unmet_columns(Arrays& a) const;
  void set_row_bounds(Arrays& a) const;
  void load(const Arrays& a);
  bool solve_options(const std::vector<int>& option);
  void add_arcs_of(const std::vector<int>& facilities);
  void drop_arcs_of_closed(bool basis_reset);

  const Model& model_;
  Limits limits_;
  std::unique_ptr<ClpSimplex> lp_;
  int n_arcs_ = 0, n_fac_ = 0, n_sup_ = 0, n_dir_ = 0, n_cust_ = 0;
  int out0_ = 0, sup0_ = 0, dir0_ = 0, unmet0_ = 0, arc0_ = 0;  // first column of each
  int row_flow0_ = 0, row_sup0_ = 0, row_res0_ = 0;             // first row of each family
  int n_cols_ = 0, n_rows_ = 0;
  bool solved_once_ = false;
  std::vector<int> last_option_;
  std::vector<std::vector<int>> arcs_of_;  // arc ids of each facility
  std::vector<char> has_arcs_;             // facility's arc columns are in the LP
  std::vector<int> arc_col_;               // column of each arc, -1 when not in the LP
  std::vector<int> col_arc_;               // arc of column arc0_ + c
  double objective_ = 0.0;
  long long solves_ = 0;
  double seconds_ = 0.0;
  std::vector<double> outflow_;
};

}  // namespace corridor::design::solver
