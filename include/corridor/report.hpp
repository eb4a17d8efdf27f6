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

#include "corridor/core/i18n.hpp"
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

/// A crossing the plan uses, as planned and as simulated.
struct CrossingCheck {
  std::string crossing;
  double flow_parcels_per_day = 0.0;
  /// Congestion-aware plan: servers busy while open, background freight included (the
  /// queue model's); congestion-blind plan: flow / the capacity other freight leaves free.
  double planned_utilisation = 0.0;
  bool predicted = false;             // the plan modelled the queue (predicted_wait valid)
  double predicted_wait_hours = 0.0;  // the plan's expected wait of a unit
  bool simulated = false;             // the simulation has this crossing
  double simulated_wait_hours = 0.0;  // mean over replications
  double simulated_wait_ci95 = 0.0;   // half-width across replications
  /// (simulated - predicted) / predicted when both exist and predicted > 0, else 0.
  double relative_error = 0.0;
};

/// A zone the plan serves: its planned and simulated p95 against its promise.
struct ZoneCheck {
  std::string zone;
  double promise_days = 0.0;
  /// Flow-weighted 95th percentile of the zone's planned path times (outbound legs and
  /// direct paths; a direct path's predicted crossing wait added when the plan modelled
  /// queues): the smallest path time whose cumulative flow reaches 95 %, in days.
  double planned_p95_days = 0.0;
  bool simulated = false;
  double simulated_p95_days = 0.0;
  double simulated_on_time = 0.0;
};

/// The plan beside its simulation, and the price of reliability when the congestion-blind
/// plan of the same scenario is given (docs/report.md, "Plan against simulation").
struct PlanVsSim {
  bool congestion_modelled = false;
  std::vector<CrossingCheck> crossings;  // crossings with flow in the plan, plan order
  std::vector<ZoneCheck> zones;          // zones with delivered flow, plan order
  bool has_blind = false;
  double cost = 0.0;                  // this plan's objective per year
  double blind_cost = 0.0;            // the congestion-blind plan's objective per year
  double price_of_reliability = 0.0;  // cost - blind_cost
};

/// Computes the side-by-side figures. O(crossings x sim crossings + flows log flows).
PlanVsSim compare_plan_sim(const design::Plan& plan,
                           const sim::SimResult& sim,
                           const design::Plan* blind = nullptr);

/// One variant of a comparison: its label (variant name, "base" for the base) and plan.
struct LabelledPlan {
  std::string label;
  const design::Plan* plan = nullptr;
};

/// Renders the report of one plan. `sim`, when given, is the simulation of this plan
/// (`sim::simulate`, or sim.json read back with `sim::from_json`); it fills the
/// simulation section, adds the simulated p95 card beside the planned one and the "Plan
/// against simulation" section (compare_plan_sim). `blind`, when given, is the
/// congestion-blind plan of the same scenario: that section then states the price of
/// reliability.
/// `lang` is the page's language (every label, the html lang attribute and the words
/// the page's JS writes, through the data block's "phrases"); figures are unchanged.
std::string render_plan_report(const scenario::Scenario& scenario,
                               const design::Plan& plan,
                               const sim::SimResult* sim = nullptr,
                               const design::Plan* blind = nullptr,
                               core::Lang lang = core::Lang::kEn);

/// Renders the comparison report: a variant selector, each plan's KPIs, map and tables,
/// and the changes of each variant against the first plan (the base). Node geometry
/// comes from `scenario` (the base scenario); nodes that only a variant adds are listed
/// in the tables but not drawn. Requires at least one plan. `sim` fills the simulation
/// section; its p95 card goes beside the plan whose variant is the simulation's.
std::string render_compare_report(const scenario::Scenario& scenario,
                                  const std::vector<LabelledPlan>& plans,
                                  const sim::SimResult* sim = nullptr,
                                  core::Lang lang = core::Lang::kEn);

/// Renders the comparison that `corridor compare` computed: its plans in order (base
/// first), labelled by their variant name ("base" for the base).
std::string render_compare_report(const scenario::Scenario& scenario,
                                  const design::Comparison& comparison,
                                  const sim::SimResult* sim = nullptr,
                                  core::Lang lang = core::Lang::kEn);

}  // namespace corridor::report
