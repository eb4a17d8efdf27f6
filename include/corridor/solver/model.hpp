#pragma once
// The generic model the design solver works on: capacitated facility location
// with size options, sparse facility->customer arcs, optional inbound supply
// paths and direct paths that share capacitated resources, and optional unmet
// demand at a penalty. The corridor (src/design/corridor_model.*) and the
// OR-Library reader both build this; the solver knows nothing of corridors.
// This is the solver's whole public API (target corridor::solver); the rest of
// src/design/solver/ is private to it. Depends only on core (corridor/error.hpp).
//
// Units: demand and capacities are flows per day; every cost is per year for
// one unit of daily flow (the builder multiplies per-parcel costs by the
// planning days), fixed costs per year. So objective = annual cost.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace corridor::design::solver {

/// How a solve ended. Design maps it one to one onto design::SolveStatus
/// (corridor/plan.hpp), which the solver does not know.
enum class SolveStatus {
  kOptimal,     // a solution proven within SolveOptions::relative_gap of the optimum
  kTimeLimit,   // stopped by SolveOptions::time_limit_seconds with a solution not (yet)
                // proven within the gap; `gap` says how far it may be
  kNoSolution,  // stopped by the time limit before any solution was found
  kInfeasible   // proven: the model admits no solution at all
};

struct SizeOption {
  double capacity = 0.0;    // max outflow per day when this option is chosen
  double fixed_cost = 0.0;  // per year
  double unit_cost = 0.0;   // per unit of daily outflow per year (handling)
};

struct Facility {
  std::string name;
  std::vector<SizeOption> options;  // choose at most one (exactly one if forced_open)
  bool forced_open = false;
};

/// Facility -> customer: the customer's stocked demand may be served along it.
struct Arc {
  int facility = 0;
  int customer = 0;
  double unit_cost = 0.0;
};

/// Inbound path feeding a facility (hub -> crossing -> facility); consumes one unit
/// of each listed resource per unit of flow.
struct SupplyPath {
  int facility = 0;
  double unit_cost = 0.0;
  std::vector<int> resources;
};

/// Direct path serving a customer without a facility (hub -> crossing -> customer).
struct DirectPath {
  int customer = 0;
  double unit_cost = 0.0;
  std::vector<int> resources;
};

struct Resource {
  std::string name;
  double capacity = 0.0;  // units of flow per day
};

struct Model {
  std::vector<Facility> facilities;
  std::vector<double> demand;  // per customer, per day
  std::vector<Arc> arcs;
  /// When true every facility's outflow must be fed by supply paths (flow balance);
  /// when false (pure CFLP) facilities need no inbound flow.
  bool needs_supply = false;
  std::vector<SupplyPath> supply;
  std::vector<DirectPath> direct;
  std::vector<Resource> resources;
  /// Penalty per unit of daily unmet demand per year; none = demand must be met.
  std::optional<double> unmet_penalty;
  /// Optional limit on the number of open facilities (forced ones count).
  std::optional<int> max_open;
  /// Each customer's arc flow comes from exactly one facility (binary assignment).
  bool single_sourcing = false;
};

struct SolveOptions {
  double time_limit_seconds = 1e30;  // stop with best plan and honest gap
  double relative_gap = 1e-6;        // stop when (ub - lb) / max(1, |ub|) <= this
  /// Threads for the Lagrangian evaluations (>= 1). The work is split into fixed
  /// chunks reduced in a fixed order, so every thread count follows the same search:
  /// a proven result is the same plan for any count, and only where a time limit
  /// stops the search depends on speed.
  int threads = 1;
  /// The K best plans (>= 1): K > 1 also returns the 2nd..K-th best distinct open sets
  /// (sites and sizes) in Solution::alternatives, proven like the best one (no other
  /// open set costs less than the K-th within relative_gap). Only locally minimal open
  /// sets count: closing one open site, or giving one a smaller size, must not make
  /// the plan strictly cheaper (otherwise it is the cheaper plan plus idle capacity).
  /// Not with single_sourcing (kBadOption).
  int alternatives = 1;
  /// Progress lines (elapsed, incumbent, bound, gap) to this stream at most every
  /// `progress_interval_seconds`, and only once a solve has run that long. Null: silent.
  std::ostream* progress = nullptr;
  double progress_interval_seconds = 2.0;
  /// The same reports as values (elapsed s, incumbent, bound, nodes; the incumbent is
  /// +inf before the first plan), at the same pace. Empty: none.
  std::function<void(double, double, double, long long)> on_bound;
};

struct Solution {
  SolveStatus status = SolveStatus::kOptimal;
  double objective = 0.0;
  double lower_bound = 0.0;
  double gap = 0.0;
  long long nodes = 0;
  double seconds = 0.0;
  /// The fixed-option LPs solved (each open set priced exactly) and their share of
  /// `seconds`: at scale they are most of the time (bench/README.md).
  long long lp_solves = 0;
  double lp_seconds = 0.0;
  std::vector<int> option;          // per facility: chosen option index, -1 = closed
  std::vector<double> arc_flow;     // per arc
  std::vector<double> supply_flow;  // per supply path
  std::vector<double> direct_flow;  // per direct path
  std::vector<double> unmet;        // per customer
  /// Per resource: objective decrease per year for one more unit of daily capacity
  /// (>= 0), from the LP with the chosen options fixed.
  std::vector<double> resource_value;
  /// Per facility: same for one more unit of daily capacity of the chosen option.
  std::vector<double> facility_capacity_value;
  /// With SolveOptions::alternatives = K > 1: the 2nd..K-th best plans, cheapest first
  /// (fewer when fewer open sets exist), each complete like this one (status, objective
  /// and flows; its own alternatives empty; lower_bound and gap those of the search).
  std::vector<Solution> alternatives;
};

/// Solves exactly (branch and bound; see solver.hpp for the method).
Solution solve(const Model& model, const SolveOptions& options = {});

/// Writes the exact MIP in CPLEX LP format (readable by cbc and HiGHS).
void write_lp(const Model& model, std::ostream& out);

/// Reads Beasley's OR-Library capacitated warehouse location format. `capacity`
/// replaces the word "capacity" in capa/capb/capc; required there, an error elsewhere
/// only if it conflicts. Throws InputError (kBadOrlibFile) with file:line on bad input.
Model read_orlib(const std::string& path, std::optional<double> capacity = std::nullopt);

}  // namespace corridor::design::solver
