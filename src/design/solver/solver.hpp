#pragma once
// Exact solver for the generic design model (model.hpp): capacitated facility
// location with size options, inbound supply paths and direct paths sharing
// capacitated resources, and optional unmet demand.
//
// Method: Lagrangian branch and bound (Beasley 1988; Görtz & Klose 2012).
//  * Relax the demand rows (multipliers lambda_j, free) and the resource capacities
//    (mu_r >= 0), and max_open (rho >= 0). For fixed multipliers a facility's inbound
//    unit cost is its cheapest supply path under mu-adjusted costs, and each
//    (facility, option) decouples into a continuous knapsack over its arcs with the
//    strong bounds x_ij <= d_j: take arcs by reduced cost c_ij + h_k + s_i - lambda_j
//    while negative, up to the option's capacity.
//  * The open decisions keep the aggregate-capacity cut sum_i Q_i y_i >= D (D = demand
//    only facilities can serve, when unmet demand is not allowed) and are solved as an
//    exact covering 0-1 knapsack (knapsack.hpp). A facility with several allowed
//    options enters as one item with the cheapest value and the largest capacity, a
//    relaxation, so the bound stays valid.
//  * Multipliers: the volume algorithm (Barahona & Anbil 2000), a subgradient method
//    that averages primal solutions; Polyak step towards the incumbent.
//  * Branch and bound over (facility, option) choices: best-bound node selection with
//    diving, children warm-started from the parent's multipliers, branching on the
//    facility whose averaged open value is nearest 1/2, and Lagrangian reduced-cost
//    fixing (a choice whose forced Lagrangian bound reaches the incumbent is removed).
//    Leaves (every choice fixed) are solved exactly by the LP (fixed_lp.hpp).
//  * Primal: at every node the Lagrangian open set (completed to enough capacity) is
//    evaluated exactly by Clp, warm-started, with a cache of evaluated open sets;
//    unused facilities are then closed. A new incumbent starts a local search over
//    open/close/resize moves ranked by the Lagrangian value under its LP duals; when
//    the tree stalls far above the root bound, every such move is priced by the LP.
//  * Single sourcing: the binary-assignment variant is handed to COIN-OR Cbc on the
//    exact MIP (formulation.hpp); its Lagrangian subproblems are 0-1 knapsacks, which
//    this code does not implement.
// Complexity: one Lagrangian evaluation is O(|arcs| + sum_i n_i log n_i + F log F)
// for n_i negative reduced-cost arcs at facility i and F facilities; the tree is
// exponential in F in the worst case.
// Exactness: every Lagrangian value is a valid lower bound; nodes are pruned only when
// bound >= incumbent - relative_gap * max(1, |incumbent|); the reported lower bound is
// the minimum over open and gap-pruned nodes, so status kOptimal is a proof.
// Determinism: the result is a pure function of the model and options; the
// evaluations run on options.threads threads in fixed chunks (chunks.hpp), so every
// thread count follows the same search.
// Caveats: the bound of multi-option facilities in the capacity cut is weaker than an
// exact multiple-choice knapsack; the primal LP duals (resource_value,
// facility_capacity_value) are those of one optimal basis when the LP is degenerate.
// References: J. E. Beasley, "An algorithm for solving large capacitated warehouse
// location problems", EJOR 33 (1988) 314-325. S. Görtz, A. Klose, "A simple but usually
// fast branch-and-bound algorithm for the capacitated facility location problem",
// INFORMS J. Computing 24(4) (2012) 597-610. F. Barahona, R. Anbil, "The volume
// algorithm", Math. Programming 87 (2000) 385-399.

#include "corridor/solver/model.hpp"

namespace corridor::design::solver {

/// Checks indices, signs and finiteness; throws InputError (kOutOfRange /
/// kUnknownReference / kForcedOpenConflict) listing every problem.
void validate(const Model& model);

/// The single-sourcing path (Cbc on the exact MIP).
Solution solve_single_sourcing(const Model& model, const SolveOptions& options);

}  // namespace corridor::design::solver
