#include "check_sim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "corridor/core/artefact.hpp"
#include "corridor/error.hpp"

namespace corridor::cli {

namespace {

// A queue part of the prediction below this (hours) is too small to calibrate against.
constexpr double kMinQueueHours = 0.01;
// A short simulation starts with empty queues; calibration never lowers a factor, and
// never raises one by more than this per round.
constexpr double kMaxRaise = 4.0;

const sim::CrossingStats* sim_crossing(const sim::SimResult& r, const std::string& id) {
  for (const auto& c : r.crossings)
    if (c.crossing == id) return &c;
  return nullptr;
}

const sim::DeliveryStats* sim_zone(const sim::SimResult& r, const std::string& id) {
  for (const auto& z : r.zones)
    if (z.zone == id) return &z;
  return nullptr;
}

CheckRound describe(int round, const design::Plan& p, const sim::SimResult& r) {
  CheckRound c;
  c.round = round;
  c.cost = p.objective;
  c.on_time = r.overall.on_time_share.mean;
  c.p95_days = r.overall.p95_days.mean;
  for (const auto& x : p.congestion.crossings) {
    if (x.flow_parcels_per_day <= 0.0) continue;
    CheckCrossing cc{x.crossing,
                     x.flow_parcels_per_day,
                     x.utilisation,
                     x.predicted_wait_hours,
                     0.0,
                     0.0,
                     x.calibration};
    if (const auto* s = sim_crossing(r, x.crossing)) {
      cc.simulated_wait_hours = s->wait_hours_mean.mean;
      cc.simulated_wait_ci95 = s->wait_hours_mean.ci95;
    }
    c.crossings.push_back(cc);
  }
  for (const auto& z : p.zones) {
    CheckZone cz{z.zone, z.promise_days, z.delivery_days, 0.0, 1.0, z.main_site};
    if (const auto* s = sim_zone(r, z.zone)) {
      cz.simulated_p95_days = s->p95_days.mean;
      cz.simulated_on_time = s->on_time_share.mean;
    }
    c.zones.push_back(cz);
  }
  return c;
}

// Daily orders relative to their mean over the simulated window (the series' `orders`
// column, mean across replications); empty when the series lacks it.
std::vector<double> demand_profile(const sim::SimResult& r) {
  const auto& cols = r.series.columns;
  const auto it = std::find(cols.begin(), cols.end(), "orders");
  if (it == cols.end() || r.series.rows.empty()) return {};
  const auto k = static_cast<std::size_t>(it - cols.begin());
  std::vector<double> v;
  for (const auto& row : r.series.rows)
    if (k < row.size()) v.push_back(row[k]);
  double mean = 0.0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  if (mean <= 0.0) return {};
  for (double& x : v) x /= mean;
  return v;
}

}  // namespace

double pick_late_share(const std::vector<double>& profile, double utilisation, double slack) {
  double backlog = 0.0, late = 0.0, total = 0.0;
  for (double phi : profile) {
    const double orders = utilisation * phi;
    backlog = std::max(0.0, backlog + orders - 1.0);
    total += orders;
    if (backlog > slack) late += orders;
  }
  return total > 0.0 ? late / total : 0.0;
}

double pick_max_utilisation(const std::vector<double>& profile, double slack, double allowed) {
  if (pick_late_share(profile, 1.0, slack) <= allowed) return 1.0;
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (pick_late_share(profile, mid, slack) <= allowed ? lo : hi) = mid;
  }
  return lo;
}

namespace {

// The usable share of `site` for the next round: the fluid pick/pack backlog on the
// simulated daily demand says how far the site's planned utilisation must come down for
// its zones' slack to absorb the peaks; at least one site_step per round.
double next_site_share(const design::Plan& p,
                       const std::vector<CheckZone>& failing,
                       const std::vector<double>& profile,
                       const CheckSimOptions& check,
                       double share) {
  double u = 0.0;
  for (const auto& w : p.warehouses)
    if (w.site == failing.front().main_site) u = w.utilisation;
  double slack = std::numeric_limits<double>::infinity();
  for (const auto& z : failing) slack = std::min(slack, z.promise_days - z.planned_days);
  double next = share * check.site_step;
  if (!profile.empty() && u > 0.0 && slack > 0.0) {
    const double allowed = check.pick_late_budget * (1.0 - check.target);
    const double u_max = pick_max_utilisation(profile, slack, allowed);
    next = std::min(next, share * u_max / u);
  }
  return std::max(check.min_site_share, next);
}

std::vector<std::string> site_ids(const scenario::Scenario& s) {
  std::vector<std::string> v;
  for (const auto& site : s.sites) v.push_back(site.id);
  return v;
}

// Raises each crossing's calibration where the simulation waited longer than predicted;
// lowers the usable share of the main site of each zone below the target. Returns
// whether anything changed, and says what in `round.adjustments`.
bool calibrate(const design::Plan& p,
               const sim::SimResult& r,
               const std::vector<std::string>& all_sites,
               const CheckSimOptions& check,
               CheckRound& round,
               design::CongestionOptions& c) {
  bool changed = false;
  for (const auto& x : p.congestion.crossings) {
    const auto* s = sim_crossing(r, x.crossing);
    if (x.flow_parcels_per_day <= 0.0 || !s) continue;
    const double predicted = x.predicted_wait_hours - x.closure_wait_hours;
    const double measured = s->wait_hours_mean.mean - x.closure_wait_hours;
    if (predicted < kMinQueueHours || measured <= predicted) continue;
    const double factor = std::min(kMaxRaise, measured / predicted);
    c.calibration[x.crossing] = x.calibration * factor;
    round.adjustments.push_back(
        fmt::format("crossing {}: simulated wait {:.2f} h > predicted {:.2f} h: queue factor "
                    "{:.3g} -> {:.3g}",
                    x.crossing,
                    s->wait_hours_mean.mean,
                    x.predicted_wait_hours,
                    x.calibration,
                    x.calibration * factor));
    changed = true;
  }
  std::map<std::string, std::string> why;
  std::map<std::string, std::vector<CheckZone>> failing;
  for (const auto& z : round.zones)
    if (z.simulated_on_time < check.target && !z.main_site.empty()) {
      failing[z.main_site].push_back(z);
      why[z.main_site] += fmt::format("{}{} on time {:.1f}% (p95 {:.2f} d, promise {:g} d)",
                                      why[z.main_site].empty() ? "" : ", ",
                                      z.zone,
                                      100.0 * z.simulated_on_time,
                                      z.simulated_p95_days,
                                      z.promise_days);
    }
  const std::vector<double> profile = demand_profile(r);
  double floor = 1.0;  // the lowest share a failing site needs
  for (const auto& [site, text] : why) {
    double& share = c.site_capacity_share.try_emplace(site, 1.0).first->second;
    const double next = next_site_share(p, failing[site], profile, check, share);
    floor = std::min(floor, next);
    if (next >= share) continue;
    round.adjustments.push_back(fmt::format(
        "site {}: {}: plan it to {:.0f}% of its capacity (was {:.0f}%) to absorb the peaks",
        site,
        text,
        100.0 * next,
        100.0 * share));
    share = next;
    changed = true;
  }
  // The season is the same at every site: a site the next plan opens or fills instead
  // would back up the same way, so no site may be planned above the lowest share.
  int capped = 0;
  for (const auto& site : all_sites) {
    double& share = c.site_capacity_share.try_emplace(site, 1.0).first->second;
    if (floor < share) {
      share = floor;
      ++capped;
    }
  }
  if (capped > 0) {
    round.adjustments.push_back(fmt::format(
        "every other site: at most {:.0f}% of its capacity (the peaks are the same everywhere)",
        100.0 * floor));
    changed = true;
  }
  return changed;
}

std::string verdict(const CheckRound& last, double target) {
  std::string zones, crossings;
  for (const auto& z : last.zones)
    if (z.simulated_on_time < target)
      zones += fmt::format("{}{} ({:.1f}% on time, p95 {:.2f} d for a {:g}-day promise, from {})",
                           zones.empty() ? "" : ", ",
                           z.zone,
                           100.0 * z.simulated_on_time,
                           z.simulated_p95_days,
                           z.promise_days,
                           z.main_site.empty() ? std::string("direct") : z.main_site);
  for (const auto& x : last.crossings)
    if (x.simulated_wait_hours > x.predicted_wait_hours + x.simulated_wait_ci95)
      crossings += fmt::format("{}{} (simulated wait {:.1f} h, predicted {:.1f} h)",
                               crossings.empty() ? "" : ", ",
                               x.crossing,
                               x.simulated_wait_hours,
                               x.predicted_wait_hours);
  return fmt::format(
      "on-time {:.1f}% after {} round{}, below the target {:.1f}%: zones {}{}{} [{}]",
      100.0 * last.on_time,
      last.round,
      last.round == 1 ? "" : "s",
      100.0 * target,
      zones.empty() ? std::string("none below the target alone") : zones,
      crossings.empty() ? "" : "; crossings waiting longer than planned: ",
      crossings,
      error_code_name(ErrorCode::kTargetNotMet));
}

}  // namespace

CheckSimResult check_sim(const scenario::Scenario& s,
                         design::PlanOptions options,
                         const CheckSimOptions& check) {
  CheckSimResult out;
  design::PlanOptions blind = options;
  blind.congestion.enabled = false;
  out.blind = design::plan(s, blind);
  if (!design::has_plan(out.blind)) return out;
  out.blind_sim = sim::simulate(s, out.blind, check.sim);
  options.congestion.enabled = true;
  for (int k = 1; k <= check.max_rounds; ++k) {
    design::Plan p = design::plan(s, options);
    if (!design::has_plan(p)) {
      out.verdict =
          fmt::format("round {}: the solve found no plan ({})", k, design::to_string(p.status));
      return out;
    }
    sim::SimResult r = sim::simulate(s, p, check.sim);
    CheckRound round = describe(k, p, r);
    round.site_capacity_share = options.congestion.site_capacity_share;
    out.plan = std::move(p);
    out.sim = std::move(r);
    if (round.on_time >= check.target) {
      out.met = true;
      out.verdict = fmt::format("on-time {:.1f}% >= target {:.1f}% in round {}",
                                100.0 * round.on_time,
                                100.0 * check.target,
                                k);
      out.rounds.push_back(std::move(round));
      return out;
    }
    const bool changed =
        k < check.max_rounds &&
        calibrate(out.plan, out.sim, site_ids(s), check, round, options.congestion);
    out.rounds.push_back(std::move(round));
    if (!changed) break;
  }
  out.verdict = verdict(out.rounds.back(), check.target);
  return out;
}

nlohmann::ordered_json check_sim_json(const CheckSimResult& r, double target) {
  using nlohmann::ordered_json;
  ordered_json j = ordered_json::object();
  write_header(
      j,
      make_header(
          "corridor.check-sim", 1, r.plan.scenario, r.plan.variant, r.plan.scenario_fingerprint));
  j["target_on_time"] = target;
  j["met"] = r.met;
  j["verdict"] = r.verdict;
  j["blind"] = {{"cost", r.blind.objective},
                {"on_time", r.blind_sim.overall.on_time_share.mean},
                {"p95_days", r.blind_sim.overall.p95_days.mean}};
  j["aware"] = {{"cost", r.plan.objective},
                {"wait_cost", r.plan.congestion.wait_cost_per_year},
                {"on_time", r.sim.overall.on_time_share.mean},
                {"p95_days", r.sim.overall.p95_days.mean}};
  j["price_of_reliability"] = r.plan.objective - r.blind.objective;
  ordered_json rounds = ordered_json::array();
  for (const auto& k : r.rounds) {
    ordered_json x = {
        {"round", k.round}, {"cost", k.cost}, {"on_time", k.on_time}, {"p95_days", k.p95_days}};
    x["site_capacity_share"] = k.site_capacity_share;
    ordered_json cs = ordered_json::array();
    for (const auto& c : k.crossings)
      cs.push_back({{"crossing", c.crossing},
                    {"flow_parcels_per_day", c.flow_parcels_per_day},
                    {"utilisation", c.utilisation},
                    {"predicted_wait_hours", c.predicted_wait_hours},
                    {"simulated_wait_hours", c.simulated_wait_hours},
                    {"simulated_wait_ci95", c.simulated_wait_ci95},
                    {"calibration", c.calibration}});
    x["crossings"] = cs;
    ordered_json zs = ordered_json::array();
    for (const auto& z : k.zones)
      zs.push_back({{"zone", z.zone},
                    {"promise_days", z.promise_days},
                    {"planned_days", z.planned_days},
                    {"simulated_p95_days", z.simulated_p95_days},
                    {"simulated_on_time", z.simulated_on_time},
                    {"main_site", z.main_site}});
    x["zones"] = zs;
    x["adjustments"] = k.adjustments;
    rounds.push_back(std::move(x));
  }
  j["rounds"] = rounds;
  return j;
}

}  // namespace corridor::cli
