#pragma once
// A realistic scenario and plan built in code for the report tests (and the browser
// test's page generator): Xinjiang hubs, five crossings (one planned), six candidate
// sites, eighteen Kazakhstan zones. The plan's flows are consistent by construction
// (site throughput = outbound flow, crossing flow = inbound + direct, zone demand =
// stocked + direct + unmet, cost components sum to the objective).

#include <nlohmann/json.hpp>

#include "corridor/plan.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"

namespace corridor::report::testing {

scenario::Scenario sample_scenario();

/// A flow path by its named fields (the rest keep their defaults).
design::FlowPath flow(const std::string& channel,
                      const std::string& hub,
                      const std::string& crossing,
                      const std::string& site,
                      const std::string& zone,
                      double parcels_per_day,
                      double cost_per_parcel = 0.0,
                      double hours = 0.0);

/// The base plan. With `variant` = "ayagoz", the planned Ayagoz–Tacheng rail crossing
/// is open and carries the Astana site's inbound flow, and Karaganda opens.
design::Plan sample_plan(const scenario::Scenario& s, const std::string& variant = {});

/// A real simulation of `plan` on `s` (sim::simulate): four measured weeks after one
/// week of warm-up, three replications, seed 2025, with the per-day series the page's
/// queue chart draws. The sample's legs have no links.csv path, so they fall back to
/// great circle x circuity (the result's warnings name them).
sim::SimResult sample_sim(const scenario::Scenario& s, const design::Plan& plan);

}  // namespace corridor::report::testing
