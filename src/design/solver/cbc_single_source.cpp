// Single sourcing: COIN-OR Cbc on the exact MIP (formulation.hpp). The Lagrangian
// method of solver.cpp relies on continuous (splittable) assignments; with binary
// assignments its subproblems become 0-1 knapsacks, so this variant is delegated to a
// general MIP solver. Duals for resource_value come from the LP with every binary
// fixed at the Cbc solution.
#include <fmt/format.h>

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "fixed_lp.hpp"
#include "formulation.hpp"
#include "solver.hpp"

namespace corridor::design::solver {

namespace {

// Cbc's -sec takes a finite number: "no limit" (SolveOptions' 1e30) is capped to 1e9 s,
// about 32 years.
constexpr double kCbcMaxSeconds = 1e9;

int no_callback(CbcModel* /*model*/, int /*where*/) { return 0; }

void load_mip(OsiClpSolverInterface& osi, const Mip& mip, const MipArrays& arr) {
  osi.messageHandler()->setLogLevel(0);
  osi.loadProblem(arr.matrix,
                  arr.lo.data(),
                  arr.up.data(),
                  arr.obj.data(),
                  arr.row_lo.data(),
                  arr.row_up.data());
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    if (mip.columns[c].binary) osi.setInteger(c);
}

// Cbc through its command-line driver (as the cbc binary runs it): time limit and gap.
void run_cbc(CbcModel& cbc, CbcSolverUsefulData& data, const SolveOptions& options) {
  CbcMain0(cbc, data);
  cbc.setLogLevel(0);
  const std::string sec = fmt::format("{}", std::min(options.time_limit_seconds, kCbcMaxSeconds));
  const std::string ratio = fmt::format("{}", options.relative_gap);
  const char* argv[] = {"corridor",
                        "-log",
                        "0",
                        "-threads",
                        "0",
                        "-sec",
                        sec.c_str(),
                        "-ratioGap",
                        ratio.c_str(),
                        "-solve",
                        "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, cbc, no_callback, data);
}

// The LP with every binary fixed at Cbc's solution `x`, for exact flows and duals.
void solve_fixed_binaries(ClpSimplex& lp, const Mip& mip, const MipArrays& arr, const double* x) {
  std::vector<double> lo = arr.lo, up = arr.up;
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    if (mip.columns[c].binary) lo[c] = up[c] = std::round(x[c]);
  lp.setLogLevel(0);
  lp.loadProblem(
      arr.matrix, lo.data(), up.data(), arr.obj.data(), arr.row_lo.data(), arr.row_up.data());
  ClpSolve o = no_presolve();
  lp.initialSolve(o);
}

// The chosen size option per facility from the y columns of `x` (-1 = closed).
std::vector<int> chosen_options(const Mip& mip, const double* x) {
  std::vector<int> option(mip.y_index.size(), -1);
  for (int i = 0; i < static_cast<int>(mip.y_index.size()); ++i)
    for (int k = 0; k < static_cast<int>(mip.y_index[i].size()); ++k)
      if (std::round(x[mip.y_index[i][k]]) == 1.0) option[i] = k;
  return option;
}

// Flows, unmet and the objective from the column values `xs`.
void read_flows(const Model& model, const Mip& mip, const double* xs, Solution& sol) {
  for (int idx : mip.x_index) sol.arc_flow.push_back(clean_lp_value(xs[idx]));
  for (int idx : mip.s_index)
    sol.supply_flow.push_back(model.needs_supply ? clean_lp_value(xs[idx]) : 0.0);
  for (int idx : mip.w_index) sol.direct_flow.push_back(clean_lp_value(xs[idx]));
  for (int idx : mip.u_index) sol.unmet.push_back(idx >= 0 ? clean_lp_value(xs[idx]) : 0.0);
  sol.objective = 0.0;
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    sol.objective += mip.columns[c].cost * xs[c];
}

// resource_value from the res_ rows' duals, facility_capacity_value from the capacity
// row (cap_ or the chosen option's zc_) of each open facility.
void read_duals(const Mip& mip, const ClpSimplex& lp, Solution& sol) {
  const double* dual = lp.dualRowSolution();
  for (int r = 0; r < static_cast<int>(mip.rows.size()); ++r) {
    const std::string& name = mip.rows[r].name;
    const double v = std::max(0.0, -dual[r]);
    if (name.rfind("res_", 0) == 0) {
      sol.resource_value[std::stoi(name.substr(4))] = v;
    } else if (name.rfind("cap_", 0) == 0 || name.rfind("zc_", 0) == 0) {
      const int i = std::stoi(name.substr(name.find('_') + 1));
      if (sol.option[i] >= 0) {
        // Row is sum x - Q y <= 0 with y fixed: +1 capacity = +1 on the right-hand side.
        const bool own =
            name[0] == 'c' || std::stoi(name.substr(name.rfind('_') + 1)) == sol.option[i];
        if (own) sol.facility_capacity_value[i] = v;
      }
    }
  }
}

// Bound and gap from Cbc; optimal when proven or within the requested gap.
void set_status(const CbcModel& cbc, const SolveOptions& options, Solution& sol) {
  const double bound = std::min(cbc.getBestPossibleObjValue(), sol.objective);
  sol.lower_bound = bound;
  sol.gap = std::max(0.0, (sol.objective - bound) / std::max(1.0, std::abs(sol.objective)));
  if (cbc.isProvenOptimal() || sol.gap <= options.relative_gap)
    sol.status = SolveStatus::kOptimal;
  else
    sol.status = SolveStatus::kTimeLimit;
}

}  // namespace

Solution solve_single_sourcing(const Model& model, const SolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const Mip mip = build_mip(model);
  MipArrays arr = to_arrays(mip);
  OsiClpSolverInterface osi;
  load_mip(osi, mip, arr);
  CbcModel cbc(osi);
  CbcSolverUsefulData data;
  run_cbc(cbc, data, options);

  Solution sol;
  const int nf = static_cast<int>(model.facilities.size());
  sol.nodes = cbc.getNodeCount();
  sol.option.assign(nf, -1);
  const double* x = cbc.bestSolution();
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (x == nullptr) {
    sol.status = cbc.isProvenInfeasible() ? SolveStatus::kInfeasible : SolveStatus::kNoSolution;
    sol.lower_bound = cbc.getBestPossibleObjValue();
    sol.gap = std::numeric_limits<double>::infinity();  // no solution to measure
    return sol;
  }
  ClpSimplex lp;
  solve_fixed_binaries(lp, mip, arr, x);
  sol.option = chosen_options(mip, x);
  read_flows(model, mip, lp.isProvenOptimal() ? lp.primalColumnSolution() : x, sol);
  sol.resource_value.assign(model.resources.size(), 0.0);
  sol.facility_capacity_value.assign(nf, 0.0);
  if (lp.isProvenOptimal()) read_duals(mip, lp, sol);
  set_status(cbc, options, sol);
  return sol;
}

}  // namespace corridor::design::solver
