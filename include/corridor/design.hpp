#pragma once
// Network design: which warehouse sites to open and at what size, and how the daily
// flow runs hub -> crossing -> warehouse -> zone (and direct), at least annual cost
// within capacities and delivery promises. The model is documented in
// docs/design-model.md, the Plan's JSON/CSV schema in docs/plan-schema.md.

#include <functional>
#include <iosfwd>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/core/output.hpp"
#include "corridor/error.hpp"
#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"

namespace corridor::design {

/// Queueing delay at the crossings inside the design (docs/design-model.md, "Congestion
/// at the crossings"). Off by default: the plan is then exactly the congestion-blind one.
struct CongestionOptions {
  /// Model each usable crossing as an M/G/c queue: its expected wait costs the scenario's
  /// value_of_time_per_parcel_hour per parcel-hour, counts against direct parcels'
  /// promise, and no crossing is planned past `max_wait_hours`. Default off.
  bool enabled = false;
  /// Squared coefficient of variation of the processing time (Allen-Cunneen cs^2):
  /// 1 = exponential (what `corridor simulate` draws by default), 0 = deterministic.
  double service_scv = 1.0;
  /// No crossing is planned at a flow whose expected wait exceeds this (hours). Keeps
  /// the convex delay finite; far above any wait a plan would choose. Default one week.
  double max_wait_hours = 168.0;
  /// Per crossing id: factor on the queue part of the predicted wait (default 1). The
  /// plan-simulate loop (`corridor plan --check-sim`) sets it from measured waits.
  std::map<std::string, double> calibration;
  /// Per warehouse site id: share of each size option's pick/pack capacity the plan may
  /// fill (default 1). The plan-simulate loop lowers it where the simulated pick/pack
  /// queue (seasonal peaks) makes the site's zones miss their promise.
  std::map<std::string, double> site_capacity_share;
  /// Outer-approximation rounds (master solves) before giving up with the honest gap.
  int max_rounds = 60;
};

/// The most plans `alternatives` may ask for: each one more is a search that must prove
/// no cheaper open set was missed, and a planner compares a handful, not hundreds.
inline constexpr int kMaxAlternatives = 50;

/// Every tunable of `corridor plan`, with its default.
struct PlanOptions {
  /// Wall-clock limit of the solve in seconds; on reaching it the best plan found is
  /// returned with status kTimeLimit and an honest gap. Default: no limit.
  double time_limit_seconds = 1e30;
  /// Stop when (upper − lower bound) / max(1, |upper|) ≤ gap. Default 1e-6 (optimal).
  double gap = 1e-6;
  /// Solver threads (>= 1, else kBadOption). Deterministic: a proven plan is the same
  /// for any count; only where a time limit stops the search depends on speed. Default 1.
  int threads = 1;
  /// The K best plans: K > 1 also returns the 2nd..K-th best distinct open sets (sites
  /// and sizes) in Plan::alternatives, proven like the best (no other locally minimal set
  /// costs less than the K-th within `gap`). Only locally minimal open sets count: closing a
  /// site or choosing a smaller size must not make the plan strictly cheaper. 1..50
  /// (kMaxAlternatives); K > 1 is refused (kBadOption) with single_sourcing and with
  /// congestion. Default 1.
  int alternatives = 1;
  /// Each zone's stocked flow comes from exactly one warehouse. Default off.
  bool single_sourcing = false;
  /// At most this many open warehouses (existing ones count). Default: no limit.
  std::optional<int> max_open;
  /// Progress lines of long solves go here (the CLI passes stderr). Default: silent.
  std::ostream* progress = nullptr;
  /// Fraction done (0..1) and what is happening, at the solve's milestones: model
  /// built, branch and bound by the larger of gap closed (on a log scale down to `gap`)
  /// and time-limit fraction, solved (`--progress-fd`). May step back when a
  /// congestion round restarts the search: callers keep the maximum. Default: none.
  std::function<void(double, std::string_view)> on_progress;
  /// Queueing delay at the crossings (default off).
  CongestionOptions congestion;
};

/// Builds the corridor model from the scenario, solves it exactly and returns the Plan.
Plan plan(const scenario::Scenario& s, const PlanOptions& options = {});

/// Lanes as a decision (docs/design-model.md, "Lanes"): the number of servers at one
/// crossing, MIN..MAX, each lane costing `cost_per_lane_year`.
struct LaneOptions {
  std::string crossing;  // crossings.csv id
  int min_lanes = 1;
  int max_lanes = 1;
  double cost_per_lane_year = 0.0;  // scenario currency per lane and year
};

/// One lane count: the congestion-aware plan with that many servers.
struct LaneRow {
  int lanes = 0;
  double capacity_per_day = 0.0;  // units/day, scaled with the lanes
  double background_share = 0.0;  // the same other freight over more (or fewer) lanes
  SolveStatus status = SolveStatus::kOptimal;
  bool has_plan = false;
  double plan_cost = 0.0;             // plan objective per year (waits included)
  double plan_gap = 0.0;              // its proven relative gap
  double lane_cost = 0.0;             // lanes x cost per lane
  double total = 0.0;                 // plan_cost + lane_cost
  double flow_parcels_per_day = 0.0;  // the corridor's flow through the crossing
  double utilisation = 0.0;           // servers busy while open, background included
  double predicted_wait_hours = 0.0;
};

struct LaneChoice {
  std::string crossing;
  int scenario_servers = 0;  // servers in crossings.csv
  double cost_per_lane_year = 0.0;
  std::vector<LaneRow> rows;  // MIN..MAX in order
  int chosen = -1;            // index into rows of the least total; -1 when no row has a plan
  bool proven = false;        // every row's plan optimal (within the gap): the choice is exact
  Plan plan;                  // the chosen row's plan (empty when chosen < 0)
};

/// The scenario with `lanes` servers at crossing `crossing`: capacity_per_day scales with
/// the servers, the other freight stays the same units/day (its share scales inversely,
/// kept below 1). Throws InputError (kBadOption) for an unknown crossing or lanes < 1.
scenario::Scenario with_lanes(const scenario::Scenario& s, const std::string& crossing, int lanes);

/// Every problem of `lanes` with `options` (kBadOption errors; empty when fine).
std::vector<Diagnostic> check_lane_options(const scenario::Scenario& s,
                                           const PlanOptions& options,
                                           const LaneOptions& lanes);

/// Enumerates MIN..MAX lanes at one crossing, solves the congestion-aware plan for each
/// and picks the least plan cost + lane cost (ties: fewer lanes). Exact when every
/// row's plan is. Throws InputError (kBadOption) with every problem of `lanes` and
/// `options` (congestion off, unknown crossing, MIN < 1, MIN > MAX, negative cost).
LaneChoice plan_lanes(const scenario::Scenario& s,
                      const PlanOptions& options,
                      const LaneOptions& lanes);

/// lanes.csv: one row per lane count (docs/design-model.md, "Lanes").
void add_lane_outputs(const LaneChoice& c, core::OutputSet& out);

/// Writes the scenario's exact MIP in CPLEX LP format (what `plan` would solve).
void export_lp(const scenario::Scenario& s, const PlanOptions& options, std::ostream& out);

/// Solves a Beasley OR-Library capacitated warehouse location file (see
/// solver::read_orlib) and reports it as a Plan: facilities as warehouses (site =
/// "f<i>", 1-based), assignment flows as outbound flows to customers "c<j>".
Plan plan_orlib(const std::string& path,
                std::optional<double> capacity,
                const PlanOptions& options = {});

/// Adds plan.json plus warehouses.csv, crossings.csv, flows.csv, zones.csv and
/// unmet.csv to `out` (published together by the caller, corridor/core/output.hpp).
void add_plan_outputs(const Plan& plan, core::OutputSet& out);

/// One variant against the base.
struct VariantDelta {
  std::string variant;  // empty for the base row
  std::string description;
  std::string status;
  double total_cost = 0.0;  // per year
  double delta_total_cost = 0.0;
  double cost_per_parcel = 0.0;
  double delta_cost_per_parcel = 0.0;
  double mean_delivery_days = 0.0;  // over delivered parcels (stocked and direct)
  double delta_mean_delivery_days = 0.0;
  double max_delivery_days = 0.0;  // worst zone
  double delta_max_delivery_days = 0.0;
  double unmet_per_day = 0.0;
  std::vector<std::string> open_sites;                // "site:size"
  std::vector<std::string> sites_opened;              // open here, closed in the base
  std::vector<std::string> sites_closed;              // open in the base, closed here
  std::map<std::string, double> crossing_flow;        // crossing id -> parcels/day
  std::map<std::string, double> delta_crossing_flow;  // vs base
};

/// compare.json's schema (corridor/core/artefact.hpp): "corridor.compare/2".
inline constexpr const char* kCompareSchema = "corridor.compare";
inline constexpr int kCompareSchemaVersion = 2;

struct Comparison {
  std::string scenario;
  std::string scenario_fingerprint;  // of the base (each plan carries its own)
  std::string currency;
  std::vector<VariantDelta> rows;  // base first, then the variants in the order asked
  std::vector<Plan> plans;         // same order as rows
};

/// Builds the comparison table from already solved plans (base first).
Comparison compare_plans(const Plan& base,
                         const std::vector<Plan>& variants,
                         const std::vector<std::string>& descriptions = {});

/// Loads the scenario folder, solves the base and each named variant (all variants
/// of the manifest when `variants` is empty) and compares them.
Comparison compare(const std::string& folder,
                   const std::vector<std::string>& variants,
                   const PlanOptions& options = {});

/// Reads compare.json strictly (header corridor.compare/2, every plan read as by
/// read_plan, the rows' variant names and descriptions) and rebuilds the comparison
/// from its plans, so the deltas are recomputed, never trusted. Throws InputError
/// (kBadArtefact) with every problem found, located in `file`.
Comparison read_comparison(const nlohmann::json& j, const std::string& file);

/// Adds compare.json and compare.csv to `out`.
void add_compare_outputs(const Comparison& c, core::OutputSet& out);

void to_json(nlohmann::json& j, const VariantDelta& d);
void to_json(nlohmann::json& j, const Comparison& c);

}  // namespace corridor::design
