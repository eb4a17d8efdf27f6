#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "corridor/report.hpp"

namespace corridor::report {

Kpis compute_kpis(const design::Plan& plan) {
  Kpis k;
  k.total_cost_per_year = plan.objective;
  k.cost_per_parcel = plan.cost_per_parcel;
  k.gap = plan.gap;
  k.status = design::to_string(plan.status);

  struct Weighted {
    double days;
    double weight;
  };
  std::vector<Weighted> w;
  double within = 0.0;
  for (const auto& z : plan.zones) {
    double delivered = z.stocked_per_day + z.direct_per_day;
    k.demand_per_day += z.demand_per_day;
    k.delivered_per_day += delivered;
    k.unmet_per_day += z.unmet_per_day;
    if (delivered <= 0.0) continue;
    w.push_back({z.delivery_days, delivered});
    k.mean_delivery_days += delivered * z.delivery_days;
    // A small tolerance so a path planned exactly at the promise counts as met.
    if (z.delivery_days <= z.promise_days + 1e-9) within += delivered;
  }
  if (k.delivered_per_day > 0.0) {
    k.mean_delivery_days /= k.delivered_per_day;
    k.within_promise_share = within / k.delivered_per_day;
    std::stable_sort(
        w.begin(), w.end(), [](const Weighted& a, const Weighted& b) { return a.days < b.days; });
    double target = 0.95 * k.delivered_per_day;
    double cum = 0.0;
    k.planned_p95_zone_days = w.back().days;
    for (const auto& x : w) {
      cum += x.weight;
      if (cum >= target * (1.0 - 1e-12)) {
        k.planned_p95_zone_days = x.days;
        break;
      }
    }
  }
  if (k.demand_per_day > 0.0) k.unmet_share = k.unmet_per_day / k.demand_per_day;
  return k;
}

void to_json(nlohmann::json& j, const Kpis& k) {
  j = {{"total_cost_per_year", k.total_cost_per_year},
       {"cost_per_parcel", k.cost_per_parcel},
       {"demand_per_day", k.demand_per_day},
       {"delivered_per_day", k.delivered_per_day},
       {"unmet_per_day", k.unmet_per_day},
       {"unmet_share", k.unmet_share},
       {"mean_delivery_days", k.mean_delivery_days},
       {"planned_p95_zone_days", k.planned_p95_zone_days},
       {"within_promise_share", k.within_promise_share},
       {"gap", k.gap},
       {"status", k.status}};
}

}  // namespace corridor::report
