#pragma once
// The HTML report: one self-contained page (inline CSS, JS, SVG; no network at view
// time) with the corridor map, the flows, the KPIs and the tables of a plan, or of a
// base plan and its variants side by side. The page's data is the Plan JSON (the same
// to_json as plan.json) plus the scenario's node geometry and the report's derived
// figures (report::Kpis), embedded as <script type="application/json">. The KPIs and
// tables are rendered into the HTML on the server side, so the page reads without JS;
// the page's JS draws the map and charts and formats numbers, never computes figures.
// A simulation result (sim::SimResult, typed) fills the simulation section and the
// simulated p95 card. Documented in docs/report.md.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"

namespace corridor::design {
struct Comparison;  // corridor/design.hpp
}  // namespace corridor::design

namespace corridor::sim {
struct SimResult;  // corridor/sim.hpp
}  // namespace corridor::sim

namespace corridor::report {

/// Headline figures of one plan, computed once here and shown as they are.
/// Delivery figures are planned, not simulated: over delivered parcels (stocked +
/// direct), weighted by each zone's delivered parcels per day, using the zone's
/// delivery_days from the plan (a zone's mean planned time, not a parcel's).
struct Kpis {
  double total_cost_per_year = 0.0;  // plan objective (includes the unmet penalty)
  double cost_per_parcel = 0.0;      // plan cost_per_parcel
  double demand_per_day = 0.0;
  double delivered_per_day = 0.0;
  double unmet_per_day = 0.0;
  double unmet_share = 0.0;         // unmet / demand, 0 when there is no demand
  double mean_delivery_days = 0.0;  // flow-weighted mean over zones
  /// Flow-weighted 95th percentile of the zones' mean planned delivery times: 95 % of
  /// delivered parcels go to zones whose planned time is within it. Not a percentile
  /// of parcels (that is the simulation's SimResult::overall.p95_days).
  double planned_p95_zone_days = 0.0;
  double within_promise_share = 0.0;  // share of delivered parcels with days <= promise
  double gap = 0.0;
  std::string status;  // design::to_string(SolveStatus)
};

/// Computes a plan's KPIs. Percentile: the smallest zone delivery time whose
/// cumulative delivered weight reaches 95 % of the total (no interpolation). O(z log z).
Kpis compute_kpis(const design::Plan& plan);

void to_json(nlohmann::json& j, const Kpis& k);

/// One variant of a comparison: its label (variant name, "base" for the base) and plan.
struct LabelledPlan {
  std::string label;
  const design::Plan* plan = nullptr;
};

/// Renders the report of one plan. `sim`, when given, is the simulation of this plan
/// (`sim::simulate`, or sim.json read back with `sim::from_json`); it fills the
/// simulation section and adds the simulated p95 card beside the planned one.
std::string render_plan_report(const scenario::Scenario& scenario,
                               const design::Plan& plan,
                               const sim::SimResult* sim = nullptr);

/// Renders the comparison report: a variant selector, each plan's KPIs, map and tables,
/// and the changes of each variant against the first plan (the base). Node geometry
/// comes from `scenario` (the base scenario); nodes that only a variant adds are listed
/// in the tables but not drawn. Requires at least one plan. `sim` fills the simulation
/// section; its p95 card goes beside the plan whose variant is the simulation's.
std::string render_compare_report(const scenario::Scenario& scenario,
                                  const std::vector<LabelledPlan>& plans,
                                  const sim::SimResult* sim = nullptr);

/// Renders the comparison that `corridor compare` computed: its plans in order (base
/// first), labelled by their variant name ("base" for the base).
std::string render_compare_report(const scenario::Scenario& scenario,
                                  const design::Comparison& comparison,
                                  const sim::SimResult* sim = nullptr);

}  // namespace corridor::report
