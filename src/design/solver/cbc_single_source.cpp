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

int no_callback(CbcModel* /*model*/, int /*where*/) { return 0; }

}  // namespace

Solution solve_single_sourcing(const Model& model, const SolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const Mip mip = build_mip(model);
  MipArrays arr = to_arrays(mip);
  OsiClpSolverInterface osi;
  osi.messageHandler()->setLogLevel(0);
  osi.loadProblem(arr.matrix,
                  arr.lo.data(),
                  arr.up.data(),
                  arr.obj.data(),
                  arr.row_lo.data(),
                  arr.row_up.data());
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    if (mip.columns[c].binary) osi.setInteger(c);
  CbcModel cbc(osi);
  CbcSolverUsefulData data;
  CbcMain0(cbc, data);
  cbc.setLogLevel(0);
  const std::string sec = fmt::format("{}", std::min(options.time_limit_seconds, 1e9));
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

  Solution sol;
  const int nf = static_cast<int>(model.facilities.size());
  sol.nodes = cbc.getNodeCount();
  sol.option.assign(nf, -1);
  const double* x = cbc.bestSolution();
  const bool have = x != nullptr;
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!have) {
    sol.status = cbc.isProvenInfeasible() ? SolveStatus::kInfeasible : SolveStatus::kNoSolution;
    sol.lower_bound = cbc.getBestPossibleObjValue();
    sol.gap = std::numeric_limits<double>::infinity();  // no solution to measure
    return sol;
  }
  // Fix the binaries and re-solve the LP for exact flows and duals.
  std::vector<double> lo = arr.lo, up = arr.up;
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    if (mip.columns[c].binary) lo[c] = up[c] = std::round(x[c]);
  for (int i = 0; i < nf; ++i)
    for (int k = 0; k < static_cast<int>(mip.y_index[i].size()); ++k)
      if (std::round(x[mip.y_index[i][k]]) == 1.0) sol.option[i] = k;
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(
      arr.matrix, lo.data(), up.data(), arr.obj.data(), arr.row_lo.data(), arr.row_up.data());
  {
    ClpSolve o = no_presolve();
    lp.initialSolve(o);
  }
  const double* xs = lp.isProvenOptimal() ? lp.primalColumnSolution() : x;
  auto clean = [](double v) { return v < 1e-9 ? 0.0 : v; };
  for (int idx : mip.x_index) sol.arc_flow.push_back(clean(xs[idx]));
  for (int idx : mip.s_index) sol.supply_flow.push_back(model.needs_supply ? clean(xs[idx]) : 0.0);
  for (int idx : mip.w_index) sol.direct_flow.push_back(clean(xs[idx]));
  for (int idx : mip.u_index) sol.unmet.push_back(idx >= 0 ? clean(xs[idx]) : 0.0);
  sol.objective = 0.0;
  for (int c = 0; c < static_cast<int>(mip.columns.size()); ++c)
    sol.objective += mip.columns[c].cost * xs[c];
  sol.resource_value.assign(model.resources.size(), 0.0);
  sol.facility_capacity_value.assign(nf, 0.0);
  if (lp.isProvenOptimal()) {
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
  const double bound = std::min(cbc.getBestPossibleObjValue(), sol.objective);
  sol.lower_bound = bound;
  sol.gap = std::max(0.0, (sol.objective - bound) / std::max(1.0, std::abs(sol.objective)));
  if (cbc.isProvenOptimal() || sol.gap <= options.relative_gap)
    sol.status = SolveStatus::kOptimal;
  else
    sol.status = SolveStatus::kTimeLimit;
  return sol;
}

}  // namespace corridor::design::solver
