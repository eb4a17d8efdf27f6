#pragma once
// The exact MIP of a solver::Model as an explicit sparse matrix with names. Used by
// write_lp (CPLEX LP export, so peers such as cbc solve the same problem) and by the
// single-sourcing path (COIN-OR Cbc). The Lagrangian branch and bound in solver.cpp
// works on the model directly and never builds this matrix.
//
// Formulation (all variables >= 0):
//   y_ik  binary: facility i uses size option k     cost fixed_cost_ik
//   x_a   flow on arc a = (i, j)                     cost arc cost (+ handling if uniform)
//   z_ik  outflow of i under option k (only when i's options differ in handling cost)
//   s_p   supply path flow, w_q direct path flow, u_j unmet demand (penalty)
//   a_a   binary assignment (single sourcing only)
// rows:
//   dem_j   sum_a x_a + sum_q w_q + u_j = d_j
//   cap_i   sum_a x_a - sum_k Q_ik y_ik <= 0             (uniform handling)
//   or flo_i sum_a x_a - sum_k z_ik = 0 and zc_i_k: z_ik - Q_ik y_ik <= 0
//   one_i   sum_k y_ik <= 1 (= 1 when forced_open; omitted for one unforced option)
//   sup_i   sum_p s_p - sum_a x_a = 0                    (needs_supply)
//   res_r   sum of s_p, w_q using r <= capacity_r
//   lnk_a   x_a - d_j sum_k y_ik <= 0                    (strong linking)
//   single sourcing: lnk_a is x_a - d_j a_a <= 0, asg_a: a_a - sum_k y_ik <= 0,
//   one_j: sum_a a_a <= 1 (a customer's facility flow comes from one facility; direct
//   and unmet flow may still complement it).
//   max_open: sum y <= max_open.

#include <CoinPackedMatrix.hpp>
#include <string>
#include <vector>

#include "corridor/solver/model.hpp"

namespace corridor::design::solver {

// A column bound at or above this is no bound (1e30, the customary "infinite" bound of
// LP and MPS tools; COIN-OR's own is COIN_DBL_MAX): to_arrays maps it to COIN_DBL_MAX
// and write_lp leaves the bound out.
inline constexpr double kNoUpperBound = 1e30;

struct MipColumn {
  std::string name;
  double cost = 0.0;
  double lower = 0.0;
  double upper = kNoUpperBound;  // >= kNoUpperBound means unbounded
  bool binary = false;
};

struct MipRow {
  std::string name;
  char sense = 'L';  // 'L' <=, 'G' >=, 'E' =
  double rhs = 0.0;
  std::vector<std::pair<int, double>> terms;  // (column, coefficient)
};

struct Mip {
  std::vector<MipColumn> columns;
  std::vector<MipRow> rows;
  /// Column index of y_ik: y_index[i][k].
  std::vector<std::vector<int>> y_index;
  std::vector<int> x_index, s_index, w_index, u_index;  // u_index[j] = -1 if none
};

Mip build_mip(const Model& model);

/// Column-wise arrays of a Mip for COIN-OR loaders (infinite bounds as COIN_DBL_MAX).
struct MipArrays {
  CoinPackedMatrix matrix;
  std::vector<double> lo, up, obj, row_lo, row_up;
};
MipArrays to_arrays(const Mip& mip);

/// Letters, digits and '_' only, never empty; safe in LP-format names.
std::string sanitize_name(const std::string& name);

}  // namespace corridor::design::solver
