// compare_plan_sim (corridor/report.hpp): the plan's predicted crossing waits and zone
// times beside what the simulation measured, and the price of reliability.

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "corridor/report.hpp"
#include "corridor/sim.hpp"

namespace corridor::report {
namespace {

constexpr double kHoursPerDay = 24.0;
constexpr double kPercentile = 0.95;

// Smallest value whose cumulative weight reaches kPercentile of the total (no
// interpolation, as compute_kpis).
double weighted_p95(std::vector<std::pair<double, double>> v) {
  std::sort(v.begin(), v.end());
  double total = 0.0;
  for (const auto& [x, w] : v) total += w;
  double cum = 0.0;
  for (const auto& [x, w] : v) {
    cum += w;
    if (cum >= kPercentile * total - 1e-12 * total) return x;
  }
  return v.empty() ? 0.0 : v.back().first;
}

std::vector<CrossingCheck> crossing_checks(const design::Plan& plan, const sim::SimResult& sim) {
  std::map<std::string, const sim::CrossingStats*> measured;
  for (const auto& x : sim.crossings) measured[x.crossing] = &x;
  std::vector<CrossingCheck> out;
  auto add = [&](CrossingCheck c) {
    if (auto it = measured.find(c.crossing); it != measured.end()) {
      c.simulated = true;
      c.simulated_wait_hours = it->second->wait_hours_mean.mean;
      c.simulated_wait_ci95 = it->second->wait_hours_mean.ci95;
      if (c.predicted && c.predicted_wait_hours > 0.0)
        c.relative_error =
            (c.simulated_wait_hours - c.predicted_wait_hours) / c.predicted_wait_hours;
    }
    out.push_back(std::move(c));
  };
  if (plan.congestion.modelled) {
    for (const auto& x : plan.congestion.crossings)
      if (x.flow_parcels_per_day > 0.0)
        add({x.crossing, x.flow_parcels_per_day, x.utilisation, true, x.predicted_wait_hours});
  } else {
    for (const auto& x : plan.crossings)
      if (x.flow_parcels_per_day > 0.0)
        add({x.crossing, x.flow_parcels_per_day, x.utilisation, false, 0.0});
  }
  return out;
}

std::vector<ZoneCheck> zone_checks(const design::Plan& plan, const sim::SimResult& sim) {
  std::map<std::string, double> wait;  // crossing -> predicted wait (congestion-aware)
  for (const auto& x : plan.congestion.crossings) wait[x.crossing] = x.predicted_wait_hours;
  std::map<std::string, std::vector<std::pair<double, double>>> paths;  // zone -> (h, flow)
  for (const auto& f : plan.flows) {
    if (f.parcels_per_day <= 0.0 || f.channel == "inbound") continue;
    double h = f.hours;
    if (f.channel == "direct" && plan.congestion.modelled) h += wait[f.crossing];
    paths[f.zone].emplace_back(h, f.parcels_per_day);
  }
  std::map<std::string, const sim::DeliveryStats*> measured;
  for (const auto& z : sim.zones) measured[z.zone] = &z;
  std::vector<ZoneCheck> out;
  for (const auto& z : plan.zones) {
    auto p = paths.find(z.zone);
    if (p == paths.end()) continue;
    ZoneCheck c{z.zone, z.promise_days, weighted_p95(p->second) / kHoursPerDay};
    if (auto it = measured.find(z.zone); it != measured.end()) {
      c.simulated = true;
      c.simulated_p95_days = it->second->p95_days.mean;
      c.simulated_on_time = it->second->on_time_share.mean;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

PlanVsSim compare_plan_sim(const design::Plan& plan,
                           const sim::SimResult& sim,
                           const design::Plan* blind) {
  PlanVsSim r;
  r.congestion_modelled = plan.congestion.modelled;
  r.crossings = crossing_checks(plan, sim);
  r.zones = zone_checks(plan, sim);
  r.cost = plan.objective;
  if (blind != nullptr) {
    r.has_blind = true;
    r.blind_cost = blind->objective;
    r.price_of_reliability = plan.objective - blind->objective;
  }
  return r;
}

}  // namespace corridor::report
