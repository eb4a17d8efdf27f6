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
  /// Factor on a failing zone's main site's usable pick/pack share per round.
  double site_step = 0.85;
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

/// Runs the loop. `options.congestion` is switched on; the blind plan uses it off.
CheckSimResult check_sim(const scenario::Scenario& s,
                         design::PlanOptions options,
                         const CheckSimOptions& check);

/// check_sim.json (schema corridor.check-sim/1): header, target, both plans' costs and
/// on-time shares, every round.
nlohmann::ordered_json check_sim_json(const CheckSimResult& r, double target);

}  // namespace corridor::cli
