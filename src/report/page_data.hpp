#pragma once
// The report's data model: everything the page shows that is not a field of the Plan
// itself (KPIs, flow legs for the map, per-mode totals, deltas between variants) is
// computed here, once, and embedded in the page's JSON. The page's JS only draws it.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corridor/plan.hpp"
#include "corridor/report.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"

namespace corridor::report {

/// One drawn leg of the flow map: the sum of every flow path that uses the leg
/// `from -> to` (scenario node ids) by `mode`: "rail" | "road" (hub -> crossing ->
/// site or zone legs, by the crossing's mode), "last_mile" (site -> zone, stocked) or
/// "direct" (crossing -> zone, direct channel).
struct Segment {
  std::string from;
  std::string to;
  std::string mode;
  double stocked_per_day = 0.0;  // inbound (stocked channel) and outbound parcels
  double direct_per_day = 0.0;
  [[nodiscard]] double parcels_per_day() const { return stocked_per_day + direct_per_day; }
};

/// Legs in a deterministic order (from, to, mode). Paths naming an id the scenario
/// lacks contribute only the legs whose both ends are known. O(p log s).
std::vector<Segment> flow_segments(const scenario::Scenario& scenario, const design::Plan& plan);

/// Border flow by crossing mode ("rail", "road"), parcels per day, and its share.
struct ModeTotal {
  std::string mode;
  double parcels_per_day = 0.0;
  double share = 0.0;
};
std::vector<ModeTotal> crossing_flow_by_mode(const design::Plan& plan);

/// What changed from a base plan to a variant plan.
struct PlanDelta {
  std::string label;
  Kpis base;
  Kpis variant;
  struct CrossingChange {
    std::string crossing, name, mode;
    double base_flow = 0.0, flow = 0.0;  // parcels per day
  };
  struct SiteChange {
    std::string site, name;
    std::string change;  // "opened" | "closed" | "resized"
    std::string base_size, size;
  };
  struct SegmentChange {
    std::string from, to, mode;
    double base = 0.0, value = 0.0;  // parcels per day
  };
  std::vector<CrossingChange> crossings;  // every crossing in either plan
  std::vector<SiteChange> sites;          // only sites that changed
  std::vector<SegmentChange> segments;    // only legs whose flow changed
};

PlanDelta compute_delta(const scenario::Scenario& scenario,
                        const std::string& label,
                        const design::Plan& base,
                        const design::Plan& variant);

/// The simulation as the page embeds it: sim.json (sim::to_json) plus "series"
/// {columns, rows} of the per-day series for the charts; null without a simulation.
nlohmann::json sim_page_json(const sim::SimResult* sim);

/// The page's JSON: {report, scenario (geometry), plans [{label, plan, kpis, segments,
/// mode_totals}], deltas, sim}. Schema in docs/report.md.
nlohmann::json page_data(const std::string& kind,
                         const scenario::Scenario& scenario,
                         const std::vector<LabelledPlan>& plans,
                         const sim::SimResult* sim);

}  // namespace corridor::report
