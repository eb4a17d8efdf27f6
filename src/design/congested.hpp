#pragma once
// The congestion-aware plan: the corridor model plus a convex queueing cost per usable
// crossing, solved exactly by outer approximation (docs/design-model.md, "Congestion at
// the crossings").
//
// Method (Kelley 1960; Duran & Grossmann 1986, outer approximation for convex MINLP).
// The cost g_e(f) = D v f W_e(f) of crossing e is convex; any set of tangent points
// a_1 < ... < a_K (a_1 = 0) gives the piecewise-linear under-estimator
// L_e(f) = max_k g_e(a_k) + g_e'(a_k)(f - a_k) <= g_e(f). The master is the ordinary
// corridor MIP in which every path through e is split into K copies, copy k consuming a
// segment resource of width beta_k - beta_{k-1} (the breakpoints of L_e) at the extra
// unit cost g_e'(a_k): slopes increase, so an optimal master fills segments in order and
// pays exactly L_e(f). Solved by the Lagrangian branch and bound to its gap, the master
// gives a valid lower bound (L <= g), and its flows, priced with the exact g, a feasible
// plan (upper bound). A tangent is added at every crossing's master flow and the master
// solved again, until (best upper - best lower) <= gap x max(1, |upper|): the plan is
// then proven within the gap of the congested optimum.
// Complexity: each round is one master solve on |paths through congested crossings| x K
// copies; K grows by at most one per crossing per round (the cuts concentrate where the
// optimum is, so K stays small: a handful of rounds on the default scenario).

#include <string>
#include <vector>

#include "congestion.hpp"
#include "corridor/design.hpp"
#include "corridor_model.hpp"

namespace corridor::design {

/// The queues of the corridor model's crossing resources.
struct CongestionModel {
  double cost_per_parcel_hour_year = 0.0;  // value of time × planning days
  std::vector<int> resource;               // model resource index, per congested crossing
  std::vector<int> crossing;               // Network::crossings index, same order
  std::vector<CrossingQueue> queue;        // same order
  std::vector<std::string> warnings;

  /// Annual cost of `flow` parcels/day through congested crossing i; `slope` its
  /// derivative. +inf past saturation.
  double cost(std::size_t i, double flow, double* slope = nullptr) const;
};

/// Caps every usable crossing at the flow whose wait reaches max_wait_hours, drops the
/// direct paths that cannot keep their promise even with the background's wait, and
/// returns the queues. Changes cm.model in place (a model, not yet solved).
CongestionModel apply_congestion(CorridorModel& cm, const PlanOptions& options);

/// Solves cm's model with the congestion cost by outer approximation. The returned
/// solution is on cm.model (segment copies summed back) with objective = true cost
/// including waits; `out` receives the per-crossing figures.
solver::Solution solve_congested(const CorridorModel& cm,
                                 const CongestionModel& cg,
                                 const PlanOptions& options,
                                 CongestionResult& out);

}  // namespace corridor::design
