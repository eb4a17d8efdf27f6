#pragma once
// The result of `corridor plan`: a plain value type that serialises to JSON
// (plan.json). The CLI, the report, the simulator and the tests all read this.
// Flows are per day (parcels/day); costs are per year in the scenario currency
// unless the field name says otherwise. Schema documented in docs/plan-schema.md.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace corridor {
struct ArtefactHeader;
class DiagnosticSink;
}  // namespace corridor

namespace corridor::design {

/// How a solve ended (docs/cli.md maps each to an exit code).
enum class SolveStatus {
  kOptimal,     // a plan proven within the requested gap (Plan::requested_gap) of the
                // optimum; Plan::gap is the proven gap, at most the requested one
  kTimeLimit,   // --time-limit stopped the solve with a plan not proven within the
                // requested gap; Plan::gap says how far from the optimum it may be
  kNoSolution,  // --time-limit stopped the solve before any plan: no objective
  kInfeasible   // proven: no plan exists (cannot happen with an unmet-demand penalty)
};

std::string to_string(SolveStatus s);
/// The status named `name` (as to_string writes it); false for an unknown name.
bool status_from_string(const std::string& name, SolveStatus& out);

struct WarehouseDecision {
  std::string site;  // warehouse_sites.csv site id
  std::string node;
  std::string name;
  std::string size;               // chosen size option
  double capacity_per_day = 0.0;  // parcels/day
  double fixed_cost_per_year = 0.0;
  double handling_cost_per_parcel = 0.0;
  double throughput_per_day = 0.0;  // parcels/day leaving the site to zones
  double utilisation = 0.0;         // throughput / capacity
  bool existing = false;
  std::vector<std::string> zones;  // zones it serves (any share)
};

struct CrossingResult {
  std::string crossing;  // crossings.csv id
  std::string name;
  std::string mode;    // "rail" | "road"
  std::string status;  // "operating" | "planned" | "closed"
  bool usable = true;
  double capacity_parcels_per_day = 0.0;  // net of background share
  double flow_parcels_per_day = 0.0;      // stocked + direct
  double flow_units_per_day = 0.0;        // containers or trucks per day
  double utilisation = 0.0;
  /// Marginal saving per year of one more unit (container/truck) per day of capacity,
  /// from the LP with the open set fixed; 0 when the capacity does not bind.
  double shadow_price_per_unit_day = 0.0;
};

/// One path of flow. Stocked inbound: hub -> crossing -> site. Stocked outbound:
/// site -> zone. Direct: hub -> crossing -> zone.
struct FlowPath {
  std::string channel;  // "inbound" | "outbound" | "direct"
  std::string hub;
  std::string crossing;
  std::string site;
  std::string zone;
  double parcels_per_day = 0.0;
  double cost_per_parcel = 0.0;  // variable cost along this path
  double hours = 0.0;            // travel + processing time along this path
  std::string mode;              // crossing mode ("rail" | "road"); empty for outbound
  /// Node ids along the path, first to last (hub .. site/zone, or site, zone).
  std::vector<std::string> route;
  /// links.csv ids along the path in order; crossings appear as their crossing id and
  /// a last-mile leg by the rule as "last_mile".
  std::vector<std::string> legs;
};

struct ZoneResult {
  std::string zone;
  std::string node;
  std::string name;
  double demand_per_day = 0.0;
  double stocked_per_day = 0.0;
  double direct_per_day = 0.0;
  double unmet_per_day = 0.0;
  std::string main_site;  // site serving the largest stocked share, may be empty
  double promise_days = 0.0;
  double delivery_days = 0.0;    // flow-weighted mean promised-path time, in days
  double cost_per_parcel = 0.0;  // flow-weighted mean variable + allocated fixed cost
  bool late = false;             // delivery_days > promise_days (cannot happen by design)
};

struct UnmetDemand {
  std::string zone;
  double parcels_per_day = 0.0;
  /// no_path_within_promise | crossing_capacity | site_capacity | hub_supply |
  /// link_capacity | cost_above_penalty (rule in docs/design-model.md)
  std::string reason;
  /// "stocked" or "direct" for a zone with a fixed stocked_share, else "any".
  std::string part;
  /// The binding resource or site the reason names (crossing id, link id, hub id, site
  /// id); empty for no_path_within_promise and cost_above_penalty.
  std::string binding;
};

struct CostBreakdown {  // per year
  double fixed = 0.0;
  double cn_linehaul = 0.0;
  double crossing = 0.0;  // fees + gauge-change transshipment
  double kz_linehaul = 0.0;
  double handling = 0.0;
  double last_mile = 0.0;
  double direct = 0.0;  // direct channel's own per-parcel cost
  double unmet_penalty = 0.0;
};

/// One usable crossing as the congestion-aware plan sees it (an M/G/c queue).
struct CrossingCongestion {
  std::string crossing;
  int servers = 1;
  double service_hours = 0.0;              // mean processing per unit
  double open_share = 1.0;                 // open hours / hours of the plan's year
  double background_units_per_hour = 0.0;  // other freight (the simulator's rate)
  double calibration = 1.0;                // factor on the queue part of the wait
  double closure_wait_hours = 0.0;         // part of the wait: waiting for the opening
  double backlog_wait_hours = 0.0;         // part of the wait: backlogs closures leave
  double max_flow_parcels_per_day = 0.0;   // flow at which the wait reaches max_wait_hours
  double flow_parcels_per_day = 0.0;
  double utilisation = 0.0;           // servers busy while open, background included
  double predicted_wait_hours = 0.0;  // mean wait of a unit before processing
  double wait_cost_per_year = 0.0;    // flow × wait × value of time × days
};

/// What the congestion-aware plan modelled (absent from plan.json when it did not).
struct CongestionResult {
  bool modelled = false;
  double value_of_time_per_parcel_hour = 0.0;
  double service_scv = 1.0;
  double max_wait_hours = 0.0;
  int rounds = 0;                   // outer-approximation master solves
  int cuts = 0;                     // tangent cuts in the last master
  double wait_cost_per_year = 0.0;  // in objective, on top of `costs`
  std::vector<CrossingCongestion> crossings;
  std::vector<std::string> warnings;  // e.g. a crossing its background freight saturates
};

/// A site whose size differs between two plans.
struct SizeChange {
  std::string site;
  std::string from;  // its size in the best plan
  std::string to;    // its size in the alternative
};

/// A crossing whose daily flow differs between two plans (stocked + direct).
struct CrossingChange {
  std::string crossing;
  double best_flow_per_day = 0.0;  // parcels/day in the best plan
  double flow_per_day = 0.0;       // parcels/day in the alternative
};

/// One of the K best plans other than the best (`corridor plan --alternatives K`): a
/// distinct open set (sites and sizes), its cost, and how it differs from the best plan.
struct PlanAlternative {
  int rank = 2;              // 2..K, cheapest first
  double objective = 0.0;    // total annual cost incl. penalties
  double gap_to_best = 0.0;  // (objective - best) / max(1, |best|), >= 0
  double cost_per_parcel = 0.0;
  double unmet_per_day = 0.0;
  CostBreakdown costs;
  std::vector<WarehouseDecision> warehouses;  // its open sites, as in Plan::warehouses
  std::vector<std::string> sites_opened;      // open here, closed in the best plan
  std::vector<std::string> sites_closed;      // open in the best plan, closed here
  std::vector<SizeChange> sizes_changed;      // open in both at different sizes
  /// Crossings whose flow differs by more than kFlowChangeTol parcels/day.
  std::vector<CrossingChange> crossings_changed;
  std::vector<std::string> crossings_now_used;    // flow here, none in the best plan
  std::vector<std::string> crossings_now_unused;  // flow in the best plan, none here
};

/// Flow differences (parcels/day) below this are LP round-off, not a different plan;
/// a crossing is "used" above it.
inline constexpr double kFlowChangeTol = 1e-6;

/// plan.json's schema (corridor/core/artefact.hpp): "corridor.plan/3" (3 adds
/// `alternatives`; /2 files are still read, as plans without alternatives).
inline constexpr const char* kPlanSchema = "corridor.plan";
inline constexpr int kPlanSchemaVersion = 3;
inline constexpr int kPlanSchemaOldestVersion = 2;

struct Plan {
  // Artefact header: what the plan was solved for (docs/artefacts.md).
  std::string scenario;
  std::string variant;
  std::string scenario_fingerprint;  // scenario::fingerprint() of the model solved
  std::string corridor_version;      // of the build that solved it
  std::string currency;
  SolveStatus status = SolveStatus::kOptimal;
  double objective = 0.0;      // total annual cost incl. penalties
  double lower_bound = 0.0;    // proven
  double gap = 0.0;            // (objective - lower_bound) / max(1, |objective|)
  double requested_gap = 0.0;  // the --gap the solve was asked for (PlanOptions::gap)
  double solve_seconds = 0.0;
  long long nodes = 0;  // branch-and-bound nodes explored
  int planning_days_per_year = 360;
  double demand_per_day = 0.0;
  double delivered_per_day = 0.0;  // stocked + direct
  double unmet_per_day = 0.0;
  double cost_per_parcel = 0.0;  // objective / delivered parcels per year
  CostBreakdown costs;
  std::vector<WarehouseDecision> warehouses;  // open sites only
  std::vector<CrossingResult> crossings;      // every crossing of the scenario
  std::vector<FlowPath> flows;
  std::vector<ZoneResult> zones;
  std::vector<UnmetDemand> unmet;
  CongestionResult congestion;  // modelled = false: a congestion-blind plan
  /// The 2nd..K-th best plans (PlanOptions::alternatives = K), cheapest first; empty
  /// when K = 1 or when no other open set exists.
  std::vector<PlanAlternative> alternatives;
};

/// plan.json: the artefact header, then the fields above (docs/plan-schema.md).
void to_json(nlohmann::json& j, const Plan& p);

/// True when the solve found a plan (optimal or stopped by the time limit with one).
bool has_plan(const Plan& p);

/// The 2nd..K-th best plans described against `best`: rank (2 onwards, in the order
/// given), objective, gap to the best, costs, warehouses and what differs (sites
/// opened, closed, resized; crossings whose flow differs, newly used or unused).
std::vector<PlanAlternative> describe_alternatives(const Plan& best,
                                                   const std::vector<Plan>& others);

/// Reads the header of a plan.json document: schema corridor.plan/3, or /2 (a plan
/// without alternatives). Problems go to `sink` (kBadArtefact); `version` gets the
/// version read (kPlanSchemaVersion when unreadable).
ArtefactHeader read_plan_header(const nlohmann::json& j,
                                const std::string& file,
                                DiagnosticSink& sink,
                                int& version);

/// Reads a plan.json document strictly: the header's schema must be corridor.plan/3
/// (or /2, read without `alternatives`) and every key must be present with its type; all problems
/// are thrown at once as InputError (kBadArtefact, or kBadPlanFile for a plan that cannot be
/// simulated), located in `file` by JSON path. `path` prefixes the paths (a plan inside
/// compare.json).
Plan read_plan(const nlohmann::json& j, const std::string& file, const std::string& path = {});

/// read_plan() of a file on disk (kMissingFile, kBadArtefact for text that is not JSON).
Plan load_plan(const std::string& file);

}  // namespace corridor::design
