#include "fixed_lp.hpp"

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <algorithm>
#include <chrono>

namespace corridor::design::solver {

// CoinUtils' presolve leaks small buffers (LeakSanitizer); these LPs are small enough.
ClpSolve no_presolve() {
  ClpSolve o;
  o.setPresolveType(ClpSolve::presolveOff);
  return o;
}

struct FixedLp::Arrays {
  Arrays(int n_cols, int n_rows)
      : obj(n_cols, 0.0),
        lo(n_cols, 0.0),
        up(n_cols, COIN_DBL_MAX),
        row_lo(n_rows, 0.0),
        row_up(n_rows, 0.0) {
    starts.reserve(n_cols + 1);
  }
  void start_column() { starts.push_back(static_cast<CoinBigIndex>(index.size())); }
  void entry(int row, double v) {
    index.push_back(row);
    value.push_back(v);
  }
  void column(std::initializer_list<std::pair<int, double>> entries) {
    start_column();
    for (const auto& [r, v] : entries) entry(r, v);
  }

  std::vector<double> obj, lo, up, row_lo, row_up;
  std::vector<CoinBigIndex> starts;
  std::vector<int> index;
  std::vector<double> value;
};

FixedLp::FixedLp(const Model& model, Limits limits)
    : model_(model), limits_(limits), lp_(std::make_unique<ClpSimplex>()) {
  set_layout();
  Arrays a(n_cols_, n_rows_);
  add_outflow_columns(a);
  add_path_columns(a);
  add_unmet_columns(a);
  a.start_column();  // the end of the last column
  set_row_bounds(a);
  load(a);
  last_option_.assign(n_fac_, -2);
  arcs_of_.resize(n_fac_);
  for (int k = 0; k < n_arcs_; ++k) arcs_of_[model_.arcs[k].facility].push_back(k);
  has_arcs_.assign(n_fac_, 0);
  arc_col_.assign(n_arcs_, -1);
}

void FixedLp::set_layout() {
  const Model& model = model_;
  n_arcs_ = static_cast<int>(model.arcs.size());
  n_fac_ = static_cast<int>(model.facilities.size());
  n_sup_ = model.needs_supply ? static_cast<int>(model.supply.size()) : 0;
  n_dir_ = static_cast<int>(model.direct.size());
  n_cust_ = static_cast<int>(model.demand.size());
  out0_ = 0;
  sup0_ = out0_ + n_fac_;
  dir0_ = sup0_ + n_sup_;
  unmet0_ = dir0_ + n_dir_;
  n_cols_ = unmet0_ + (model.unmet_penalty ? n_cust_ : 0);
  arc0_ = n_cols_;  // arc columns follow, added per facility (add_arcs_of)
  row_flow0_ = n_cust_;
  row_sup0_ = row_flow0_ + n_fac_;
  row_res0_ = row_sup0_ + (model.needs_supply ? n_fac_ : 0);
  n_rows_ = row_res0_ + static_cast<int>(model.resources.size());
}

// out_i: closed (upper bound 0) until solve() sets an option's capacity and handling.
void FixedLp::add_outflow_columns(Arrays& a) const {
  for (int i = 0; i < n_fac_; ++i) {
    a.up[out0_ + i] = 0.0;
    if (model_.needs_supply)
      a.column({{row_flow0_ + i, -1.0}, {row_sup0_ + i, -1.0}});
    else
      a.column({{row_flow0_ + i, -1.0}});
  }
}

// s_p and w_q, each with a 1 in every resource row it uses.
void FixedLp::add_path_columns(Arrays& a) const {
  for (int p = 0; p < n_sup_; ++p) {
    const auto& sp = model_.supply[p];
    a.obj[sup0_ + p] = sp.unit_cost;
    a.start_column();
    a.entry(row_sup0_ + sp.facility, 1.0);
    for (int r : sp.resources) a.entry(row_res0_ + r, 1.0);
  }
  for (int q = 0; q < n_dir_; ++q) {
    const auto& dp = model_.direct[q];
    a.obj[dir0_ + q] = dp.unit_cost;
    a.up[dir0_ + q] = model_.demand[dp.customer];
    a.start_column();
    a.entry(dp.customer, 1.0);
    for (int r : dp.resources) a.entry(row_res0_ + r, 1.0);
  }
}

void FixedLp::add_unmet_columns(Arrays& a) const {
  if (!model_.unmet_penalty) return;
  for (int j = 0; j < n_cust_; ++j) {
    a.obj[unmet0_ + j] = *model_.unmet_penalty;
    a.up[unmet0_ + j] = model_.demand[j];
    a.column({{j, 1.0}});
  }
}

// Demand rows are equalities; flow and supply rows stay = 0; resources <= capacity.
void FixedLp::set_row_bounds(Arrays& a) const {
  for (int j = 0; j < n_cust_; ++j) a.row_lo[j] = a.row_up[j] = model_.demand[j];
  for (int r = 0; r < static_cast<int>(model_.resources.size()); ++r) {
    a.row_lo[row_res0_ + r] = -COIN_DBL_MAX;
    a.row_up[row_res0_ + r] = model_.resources[r].capacity;
  }
}

void FixedLp::load(const Arrays& a) {
  // Duplicate (row, column) entries would be summed silently by Clp; a resource listed
  // twice on one path genuinely consumes twice, so that is what we want.
  CoinPackedMatrix matrix(true,
                          n_rows_,
                          n_cols_,
                          static_cast<CoinBigIndex>(a.index.size()),
                          a.value.data(),
                          a.index.data(),
                          a.starts.data(),
                          nullptr);
  lp_->setLogLevel(0);
  lp_->loadProblem(
      matrix, a.lo.data(), a.up.data(), a.obj.data(), a.row_lo.data(), a.row_up.data());
}

FixedLp::~FixedLp() = default;

// Appends the arc columns of `facilities`, nonbasic at 0: the basis stays valid and
// primal feasible (their flow rows are balanced without them).
void FixedLp::add_arcs_of(const std::vector<int>& facilities) {
  std::vector<double> lo, up, obj, value;
  std::vector<int> index;
  std::vector<CoinBigIndex> starts{0};
  for (int i : facilities) {
    for (int k : arcs_of_[i]) {
      const auto& arc = model_.arcs[k];
      lo.push_back(0.0);
      up.push_back(model_.demand[arc.customer]);
      obj.push_back(arc.unit_cost);
      index.insert(index.end(), {arc.customer, row_flow0_ + arc.facility});
      value.insert(value.end(), {1.0, 1.0});
      starts.push_back(static_cast<CoinBigIndex>(index.size()));
      arc_col_[k] = arc0_ + static_cast<int>(col_arc_.size());
      col_arc_.push_back(k);
    }
    has_arcs_[i] = 1;
  }
  const int first = lp_->numberColumns();
  const int n = static_cast<int>(lo.size());
  if (n == 0) return;
  lp_->addColumns(n, lo.data(), up.data(), obj.data(), starts.data(), index.data(), value.data());
  for (int c = first; c < first + n; ++c) {
    lp_->setColumnStatus(c, ClpSimplex::atLowerBound);
    lp_->primalColumnSolution()[c] = 0.0;
  }
}

// Deletes the arc columns of facilities that are closed now. Without `basis_reset`,
// only facilities none of whose arc columns is basic, so the basis keeps its size.
void FixedLp::drop_arcs_of_closed(bool basis_reset) {
  std::vector<int> which;
  for (int i = 0; i < n_fac_; ++i) {
    if (!has_arcs_[i] || last_option_[i] >= 0) continue;
    bool basic = false;
    if (!basis_reset)
      for (int k : arcs_of_[i])
        basic = basic || lp_->getColumnStatus(arc_col_[k]) == ClpSimplex::basic;
    if (basic) continue;
    for (int k : arcs_of_[i]) which.push_back(arc_col_[k]);
    has_arcs_[i] = 0;
  }
  if (which.empty()) return;
  lp_->deleteColumns(static_cast<int>(which.size()), which.data());
  // Renumber what is left, in column order (deleteColumns keeps the survivors' order).
  std::vector<char> gone(col_arc_.size(), 0);
  for (int c : which) gone[c - arc0_] = 1;
  std::vector<int> kept;
  kept.reserve(col_arc_.size() - which.size());
  for (std::size_t c = 0; c < col_arc_.size(); ++c) {
    if (gone[c]) {
      arc_col_[col_arc_[c]] = -1;
    } else {
      arc_col_[col_arc_[c]] = arc0_ + static_cast<int>(kept.size());
      kept.push_back(col_arc_[c]);
    }
  }
  col_arc_ = std::move(kept);
}

bool FixedLp::solve(const std::vector<int>& option) {
  const auto start = std::chrono::steady_clock::now();
  ++solves_;
  const bool ok = solve_options(option);
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return ok;
}

bool FixedLp::solve_options(const std::vector<int>& option) {
  bool cost_changed = false;
  int changed = 0;
  double fixed = 0.0;
  std::vector<int> to_add;
  for (int i = 0; i < n_fac_; ++i) {
    const int k = option[i];
    if (k >= 0) fixed += model_.facilities[i].options[k].fixed_cost;
    if (k >= 0 && !has_arcs_[i]) to_add.push_back(i);
    if (k == last_option_[i]) continue;
    ++changed;
    // Closing is only a bound (the handling cost of a column held at 0 is irrelevant),
    // so a basis stays dual feasible and the dual simplex restarts from it.
    lp_->setColumnUpper(out0_ + i, k >= 0 ? model_.facilities[i].options[k].capacity : 0.0);
    const double h =
        k >= 0 ? model_.facilities[i].options[k].unit_cost : lp_->objective()[out0_ + i];
    if (lp_->objective()[out0_ + i] != h) {
      lp_->setObjectiveCoefficient(out0_ + i, h);
      cost_changed = true;
    }
    last_option_[i] = k;
  }
  // A basis from a very different open set is a poor start: going from every site open
  // to a third of them took the warm primal simplex 62 s at 1,000 x 10,000 against 6 s
  // from scratch.
  const bool restart = solved_once_ && changed > std::max(limits_.restart_min, n_fac_ / 4);
  if (restart) lp_->allSlackBasis(true);
  int closed_with_arcs = 0, open_with_arcs = 0;
  for (int i = 0; i < n_fac_; ++i) {
    if (!has_arcs_[i]) continue;
    if (last_option_[i] >= 0)
      ++open_with_arcs;
    else
      ++closed_with_arcs;
  }
  if (restart || closed_with_arcs > std::max(limits_.closed_arcs_min, open_with_arcs))
    drop_arcs_of_closed(restart);
  add_arcs_of(to_add);
  // New arc columns may price out: the basis stays primal feasible only.
  cost_changed = cost_changed || !to_add.empty();
  if (!solved_once_ || restart) {
    {
      ClpSolve o = no_presolve();
      lp_->initialSolve(o);
    }
    solved_once_ = true;
  } else if (cost_changed) {
    lp_->primal(1);
  } else {
    lp_->dual(0);
  }
  if (!lp_->isProvenOptimal() && !lp_->isProvenPrimalInfeasible()) lp_->primal(1);
  if (!lp_->isProvenOptimal()) {
    // Clp can report infeasibility from a stale basis; confirm from scratch once.
    lp_->allSlackBasis(true);
    {
      ClpSolve o = no_presolve();
      lp_->initialSolve(o);
    }
    if (!lp_->isProvenOptimal()) return false;
  }
  const double* x = lp_->primalColumnSolution();
  objective_ = fixed;
  const double* c = lp_->objective();
  const int n_cols = lp_->numberColumns();
  for (int col = 0; col < n_cols; ++col) objective_ += c[col] * x[col];
  outflow_.assign(x + out0_, x + out0_ + n_fac_);
  return true;
}

void FixedLp::extract(Solution& s) const {
  const double* x = lp_->primalColumnSolution();
  s.arc_flow.resize(n_arcs_);
  for (int a = 0; a < n_arcs_; ++a)
    s.arc_flow[a] = arc_col_[a] >= 0 ? clean_lp_value(x[arc_col_[a]]) : 0.0;
  s.supply_flow.assign(model_.supply.size(), 0.0);
  for (int p = 0; p < n_sup_; ++p) s.supply_flow[p] = clean_lp_value(x[sup0_ + p]);
  s.direct_flow.resize(n_dir_);
  for (int q = 0; q < n_dir_; ++q) s.direct_flow[q] = clean_lp_value(x[dir0_ + q]);
  s.unmet.assign(n_cust_, 0.0);
  if (model_.unmet_penalty)
    for (int j = 0; j < n_cust_; ++j) s.unmet[j] = clean_lp_value(x[unmet0_ + j]);
  const double* dual = lp_->dualRowSolution();
  const double* reduced = lp_->dualColumnSolution();
  s.resource_value.resize(model_.resources.size());
  for (int r = 0; r < static_cast<int>(model_.resources.size()); ++r)
    s.resource_value[r] = std::max(0.0, -dual[row_res0_ + r]);
  s.facility_capacity_value.assign(n_fac_, 0.0);
  for (int i = 0; i < n_fac_; ++i)
    if (last_option_[i] >= 0) s.facility_capacity_value[i] = std::max(0.0, -reduced[out0_ + i]);
}

void FixedLp::duals(std::vector<double>& mult) const {
  const double* dual = lp_->dualRowSolution();
  for (int j = 0; j < n_cust_; ++j) mult[j] = dual[j];
  for (int r = 0; r < static_cast<int>(model_.resources.size()); ++r)
    mult[n_cust_ + r] = std::max(0.0, -dual[row_res0_ + r]);
}

}  // namespace corridor::design::solver
