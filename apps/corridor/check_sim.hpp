#pragma once
// corridor plan --check-sim: plan with congestion, simulate the plan, and where the
// simulated on-time share misses the target, calibrate the congestion model from what
// the simulation measured and plan again; a bounded number of rounds, each reported.
// Lives in the app layer because design may not use sim (docs/architecture.md); it
// calls both only through their public headers. Method in docs/design-model.md
// ("The plan-simulate loop").

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corridor/design.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim.hpp"

namespace corridor::cli {

struct CheckSimOptions {
  double target = 0.95;  // simulated on-time share to reach (overall)
  int max_rounds = 6;    // plan-simulate rounds before giving up (each reported)
  /// Factor on a failing zone's main site's usable pick/pack share per round, at least
  /// (the fluid pick/pack backlog on the simulated daily demand may ask for more).
  double site_step = 0.85;
  /// Share of the late-parcel allowance (1 - target) the pick/pack backlog may take:
  /// the rest is left to travel-time and crossing variability.
  double pick_late_budget = 0.5;
  double min_site_share = 0.3;  // never below this share of a site's capacity
  sim::SimOptions sim;
};

struct CheckCrossing {
  std::string crossing;
  double flow_parcels_per_day = 0.0;
  double utilisation = 0.0;  // planned, servers while open, background included
  double predicted_wait_hours = 0.0;
  double simulated_wait_hours = 0.0;  // mean over replications
  double simulated_wait_ci95 = 0.0;
  double calibration = 1.0;  // used for this round's plan
};

struct CheckZone {
  std::string zone;
  double promise_days = 0.0;
  double planned_days = 0.0;  // the plan's mean promised-path time
  double simulated_p95_days = 0.0;
  double simulated_on_time = 0.0;
  std::string main_site;
};

struct CheckRound {
  int round = 0;
  double cost = 0.0;  // plan objective per year (waits included)
  double on_time = 0.0;
  double p95_days = 0.0;
  std::vector<CheckCrossing> crossings;  // used ones
  std::vector<CheckZone> zones;
  std::map<std::string, double> site_capacity_share;  // used for this round's plan
  std::vector<std::string> adjustments;               // what the next round changes, and why
};

struct CheckSimResult {
  design::Plan blind;  // congestion-blind plan (the price of reliability's reference)
  sim::SimResult blind_sim;
  design::Plan plan;  // the last round's (congestion-aware) plan
  sim::SimResult sim;
  std::vector<CheckRound> rounds;
  bool met = false;
  std::string verdict;  // one sentence: met, or which zones and crossings fail and why
};

/// Share of a site's orders that a fluid pick/pack backlog delays by more than `slack`
/// days when the site runs at `utilisation` of its capacity on the daily demand
/// `profile` (orders / mean): backlog_d = max(0, backlog_{d-1} + utilisation x
/// profile_d - 1) days of capacity, an order of day d late when backlog_d > slack.
double pick_late_share(const std::vector<double>& profile, double utilisation, double slack);

/// Largest utilisation (bisection, 1e-18) whose pick_late_share is at most `allowed`.
double pick_max_utilisation(const std::vector<double>& profile, double slack, double allowed);

/// Runs the loop. `options.congestion` is switched on; the blind plan uses it off.
CheckSimResult check_sim(const scenario::Scenario& s,
                         design::PlanOptions options,
                         const CheckSimOptions& check);

/// check_sim.json (schema corridor.check-sim/1): header, target, both plans' costs and
/// on-time shares, every round.
nlohmann::ordered_json check_sim_json(const CheckSimResult& r, double target);

}  // namespace corridor::cli
