#include "fixed_lp.hpp"

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <algorithm>

namespace corridor::design::solver {

// CoinUtils' presolve leaks small buffers (LeakSanitizer); these LPs are small enough.
ClpSolve no_presolve() {
  ClpSolve o;
  o.setPresolveType(ClpSolve::presolveOff);
  return o;
}

FixedLp::FixedLp(const Model& model) : model_(model), lp_(std::make_unique<ClpSimplex>()) {
  n_arcs_ = static_cast<int>(model.arcs.size());
  n_fac_ = static_cast<int>(model.facilities.size());
  n_sup_ = model.needs_supply ? static_cast<int>(model.supply.size()) : 0;
  n_dir_ = static_cast<int>(model.direct.size());
  n_cust_ = static_cast<int>(model.demand.size());
  out0_ = n_arcs_;
  sup0_ = out0_ + n_fac_;
  dir0_ = sup0_ + n_sup_;
  unmet0_ = dir0_ + n_dir_;
  const int n_cols = unmet0_ + (model.unmet_penalty ? n_cust_ : 0);
  const int row_flow0 = n_cust_;
  const int row_sup0 = row_flow0 + n_fac_;
  row_res0_ = row_sup0 + (model.needs_supply ? n_fac_ : 0);
  const int n_rows = row_res0_ + static_cast<int>(model.resources.size());

  std::vector<double> obj(n_cols, 0.0), lo(n_cols, 0.0), up(n_cols, COIN_DBL_MAX);
  std::vector<double> row_lo(n_rows, 0.0), row_up(n_rows, 0.0);
  std::vector<CoinBigIndex> starts;
  std::vector<int> index;
  std::vector<double> value;
  starts.reserve(n_cols + 1);
  auto column = [&](std::initializer_list<std::pair<int, double>> entries) {
    starts.push_back(static_cast<CoinBigIndex>(index.size()));
    for (const auto& [r, v] : entries) {
      index.push_back(r);
      value.push_back(v);
    }
  };
  for (int a = 0; a < n_arcs_; ++a) {
    const auto& arc = model.arcs[a];
    obj[a] = arc.unit_cost;
    up[a] = model.demand[arc.customer];
    column({{arc.customer, 1.0}, {row_flow0 + arc.facility, 1.0}});
  }
  for (int i = 0; i < n_fac_; ++i) {
    up[out0_ + i] = 0.0;
    if (model.needs_supply)
      column({{row_flow0 + i, -1.0}, {row_sup0 + i, -1.0}});
    else
      column({{row_flow0 + i, -1.0}});
  }
  for (int p = 0; p < n_sup_; ++p) {
    const auto& sp = model.supply[p];
    obj[sup0_ + p] = sp.unit_cost;
    starts.push_back(static_cast<CoinBigIndex>(index.size()));
    index.push_back(row_sup0 + sp.facility);
    value.push_back(1.0);
    for (int r : sp.resources) {
      index.push_back(row_res0_ + r);
      value.push_back(1.0);
    }
  }
  for (int q = 0; q < n_dir_; ++q) {
    const auto& dp = model.direct[q];
    obj[dir0_ + q] = dp.unit_cost;
    up[dir0_ + q] = model.demand[dp.customer];
    starts.push_back(static_cast<CoinBigIndex>(index.size()));
    index.push_back(dp.customer);
    value.push_back(1.0);
    for (int r : dp.resources) {
      index.push_back(row_res0_ + r);
      value.push_back(1.0);
    }
  }
  if (model.unmet_penalty)
    for (int j = 0; j < n_cust_; ++j) {
      obj[unmet0_ + j] = *model.unmet_penalty;
      up[unmet0_ + j] = model.demand[j];
      column({{j, 1.0}});
    }
  starts.push_back(static_cast<CoinBigIndex>(index.size()));
  for (int j = 0; j < n_cust_; ++j) row_lo[j] = row_up[j] = model.demand[j];
  for (int r = 0; r < static_cast<int>(model.resources.size()); ++r) {
    row_lo[row_res0_ + r] = -COIN_DBL_MAX;
    row_up[row_res0_ + r] = model.resources[r].capacity;
  }
  // Duplicate (row, column) entries would be summed silently by Clp; a resource listed
  // twice on one path genuinely consumes twice, so that is what we want.
  CoinPackedMatrix matrix(true,
                          n_rows,
                          n_cols,
                          static_cast<CoinBigIndex>(index.size()),
                          value.data(),
                          index.data(),
                          starts.data(),
                          nullptr);
  lp_->setLogLevel(0);
  lp_->loadProblem(matrix, lo.data(), up.data(), obj.data(), row_lo.data(), row_up.data());
  last_option_.assign(n_fac_, -2);
}

FixedLp::~FixedLp() = default;

bool FixedLp::solve(const std::vector<int>& option) {
  bool cost_changed = false;
  double fixed = 0.0;
  for (int i = 0; i < n_fac_; ++i) {
    const int k = option[i];
    if (k >= 0) fixed += model_.facilities[i].options[k].fixed_cost;
    if (k == last_option_[i]) continue;
    const double cap = k >= 0 ? model_.facilities[i].options[k].capacity : 0.0;
    const double h = k >= 0 ? model_.facilities[i].options[k].unit_cost : 0.0;
    lp_->setColumnUpper(out0_ + i, cap);
    if (lp_->objective()[out0_ + i] != h) {
      lp_->setObjectiveCoefficient(out0_ + i, h);
      cost_changed = true;
    }
    last_option_[i] = k;
  }
  if (!solved_once_) {
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
  auto clean = [](double v) { return v < 1e-9 ? 0.0 : v; };
  s.arc_flow.resize(n_arcs_);
  for (int a = 0; a < n_arcs_; ++a) s.arc_flow[a] = clean(x[a]);
  s.supply_flow.assign(model_.supply.size(), 0.0);
  for (int p = 0; p < n_sup_; ++p) s.supply_flow[p] = clean(x[sup0_ + p]);
  s.direct_flow.resize(n_dir_);
  for (int q = 0; q < n_dir_; ++q) s.direct_flow[q] = clean(x[dir0_ + q]);
  s.unmet.assign(n_cust_, 0.0);
  if (model_.unmet_penalty)
    for (int j = 0; j < n_cust_; ++j) s.unmet[j] = clean(x[unmet0_ + j]);
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
