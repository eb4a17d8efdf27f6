#include "congested.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "corridor/error.hpp"

namespace corridor::design {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Two tangent points closer than this (parcels/day, relative) are one.
constexpr double kSamePoint = 1e-9;
// A direct path's slack below this (hours) is a promise kept exactly.
constexpr double kPromiseEpsHours = 1e-9;

// Straight-line pieces of L = max of tangents: segment k costs `slope[k]` per unit of
// flow over a width `width[k]` (the last one up to the crossing's cap).
struct Pieces {
  std::vector<double> slope, width;
};

Pieces pieces(const CongestionModel& cg, std::size_t i, std::vector<double> pts, double cap) {
  std::sort(pts.begin(), pts.end());
  Pieces p;
  double prev_b = 0.0, prev_s = 0.0, start = 0.0;
  for (std::size_t k = 0; k < pts.size(); ++k) {
    double s = 0.0;
    const double g = cg.cost(i, pts[k], &s);
    if (!std::isfinite(g) || !std::isfinite(s)) break;
    const double b = g - pts[k] * s;  // intercept of the tangent at pts[k]
    double from = 0.0;
    if (k > 0) {
      if (s <= prev_s) continue;  // a tangent no steeper than the last adds nothing
      from = (prev_b - b) / (s - prev_s);
      if (from <= start) {  // the new tangent dominates the previous piece entirely
        p.slope.back() = s;
        prev_b = b;
        prev_s = s;
        continue;
      }
      if (from >= cap) break;
      p.width.back() = from - start;
    }
    p.slope.push_back(s);
    p.width.push_back(cap - from);
    start = from;
    prev_b = b;
    prev_s = s;
  }
  return p;
}

// The master: cm.model with every path through a congested crossing split per piece.
struct Master {
  solver::Model model;
  std::vector<int> supply_of, direct_of;           // master path -> model path
  std::vector<double> supply_extra, direct_extra;  // piece slope paid per unit
};

Master build_master(const solver::Model& base,
                    const CongestionModel& cg,
                    const std::vector<std::vector<double>>& points) {
  Master m;
  m.model = base;
  m.model.supply.clear();
  m.model.direct.clear();
  std::vector<int> queue_of(base.resources.size(), -1);
  for (std::size_t i = 0; i < cg.resource.size(); ++i)
    queue_of[cg.resource[i]] = static_cast<int>(i);
  std::vector<Pieces> piece(cg.resource.size());
  std::vector<int> first_seg(cg.resource.size(), 0);
  for (std::size_t i = 0; i < cg.resource.size(); ++i) {
    const double cap = base.resources[cg.resource[i]].capacity;
    piece[i] = pieces(cg, i, points[i], cap);
    first_seg[i] = static_cast<int>(m.model.resources.size());
    for (std::size_t k = 0; k < piece[i].slope.size(); ++k)
      m.model.resources.push_back(
          {fmt::format("{}:piece{}", base.resources[cg.resource[i]].name, k), piece[i].width[k]});
  }
  auto split = [&](const auto& path,
                   auto& out,
                   std::vector<int>& of,
                   std::vector<double>& extra,
                   int index) {
    int q = -1;
    for (int r : path.resources)
      if (queue_of[r] >= 0) q = queue_of[r];
    if (q < 0) {
      out.push_back(path);
      of.push_back(index);
      extra.push_back(0.0);
      return;
    }
    for (std::size_t k = 0; k < piece[q].slope.size(); ++k) {
      auto copy = path;
      copy.unit_cost += piece[q].slope[k];
      copy.resources.push_back(first_seg[q] + static_cast<int>(k));
      out.push_back(std::move(copy));
      of.push_back(index);
      extra.push_back(piece[q].slope[k]);
    }
  };
  for (std::size_t k = 0; k < base.supply.size(); ++k)
    split(base.supply[k], m.model.supply, m.supply_of, m.supply_extra, static_cast<int>(k));
  for (std::size_t k = 0; k < base.direct.size(); ++k)
    split(base.direct[k], m.model.direct, m.direct_of, m.direct_extra, static_cast<int>(k));
  return m;
}

// The master's solution on the base model (copies summed) and what it paid for pieces.
solver::Solution map_back(const solver::Model& base,
                          const Master& m,
                          const solver::Solution& sol,
                          double& paid) {
  solver::Solution out = sol;
  paid = 0.0;
  out.supply_flow.assign(base.supply.size(), 0.0);
  out.direct_flow.assign(base.direct.size(), 0.0);
  for (std::size_t k = 0; k < sol.supply_flow.size(); ++k) {
    out.supply_flow[m.supply_of[k]] += sol.supply_flow[k];
    paid += sol.supply_flow[k] * m.supply_extra[k];
  }
  for (std::size_t k = 0; k < sol.direct_flow.size(); ++k) {
    out.direct_flow[m.direct_of[k]] += sol.direct_flow[k];
    paid += sol.direct_flow[k] * m.direct_extra[k];
  }
  if (out.resource_value.size() > base.resources.size())
    out.resource_value.resize(base.resources.size());
  return out;
}

// Parcels/day through each congested crossing.
std::vector<double> crossing_flows(const solver::Model& base,
                                   const CongestionModel& cg,
                                   const solver::Solution& sol) {
  std::vector<double> f(cg.resource.size(), 0.0);
  auto add = [&](const std::vector<int>& res, double flow) {
    for (std::size_t i = 0; i < cg.resource.size(); ++i)
      if (std::find(res.begin(), res.end(), cg.resource[i]) != res.end()) f[i] += flow;
  };
  for (std::size_t k = 0; k < base.supply.size() && k < sol.supply_flow.size(); ++k)
    add(base.supply[k].resources, sol.supply_flow[k]);
  for (std::size_t k = 0; k < base.direct.size() && k < sol.direct_flow.size(); ++k)
    add(base.direct[k].resources, sol.direct_flow[k]);
  return f;
}

void report(const CorridorModel& cm,
            const CongestionModel& cg,
            const std::vector<double>& flow,
            CongestionResult& out) {
  out.crossings.clear();
  out.wait_cost_per_year = 0.0;
  for (std::size_t i = 0; i < cg.queue.size(); ++i) {
    const CrossingQueue& q = cg.queue[i];
    CrossingCongestion c;
    c.crossing = q.crossing;
    c.servers = q.servers;
    c.service_hours = q.service_hours;
    c.open_share = q.open_share;
    c.background_units_per_hour = q.background_per_hour;
    c.calibration = q.calibration;
    c.closure_wait_hours = q.closure_wait_hours;
    c.max_flow_parcels_per_day = cm.model.resources[cg.resource[i]].capacity;
    c.flow_parcels_per_day = flow[i];
    c.backlog_wait_hours = q.backlog_hours(flow[i]);
    c.utilisation = q.utilisation(flow[i]);
    c.predicted_wait_hours = q.wait_hours(flow[i]);
    c.wait_cost_per_year = cg.cost(i, flow[i]);
    out.wait_cost_per_year += c.wait_cost_per_year;
    out.crossings.push_back(std::move(c));
  }
  out.warnings = cg.warnings;
}

}  // namespace

double CongestionModel::cost(std::size_t i, double flow, double* slope) const {
  double dw = 0.0;
  const double w = queue[i].wait_hours(flow, &dw);
  if (slope) *slope = cost_per_parcel_hour_year * (w + flow * dw);
  if (!std::isfinite(w)) return kInf;
  return cost_per_parcel_hour_year * flow * w;
}

CongestionModel apply_congestion(CorridorModel& cm, const PlanOptions& options) {
  const CongestionOptions& o = options.congestion;
  const scenario::Scenario& s = cm.net.scenario;
  CongestionModel cg;
  cg.cost_per_parcel_hour_year = s.value_of_time_per_parcel_hour.value() * cm.days;
  std::vector<int> queue_of_crossing(cm.net.crossings.size(), -1);
  for (std::size_t r = 0; r < cm.resources.size(); ++r) {
    if (cm.resources[r].kind != CorridorModel::ResourceKind::kCrossing) continue;
    const int xi = cm.resources[r].index;
    CrossingQueue q = crossing_queue(s, s.crossings[xi], o.service_scv);
    if (auto it = o.calibration.find(q.crossing); it != o.calibration.end())
      q.calibration = it->second;
    const double cap = q.flow_for_wait(o.max_wait_hours);
    if (cap <= 0.0)
      cg.warnings.push_back(fmt::format(
          "crossing {}: its background freight alone keeps the expected wait above {} h "
          "(utilisation {:.1f}% while open): no capacity left for the corridor, the plan routes "
          "around it [{}]",
          q.crossing,
          o.max_wait_hours,
          100.0 * q.utilisation(0.0),
          error_code_name(ErrorCode::kCrossingSaturated)));
    double& capacity = cm.model.resources[r].capacity;
    capacity = std::min(capacity, cap);
    queue_of_crossing[xi] = static_cast<int>(cg.queue.size());
    cg.resource.push_back(static_cast<int>(r));
    cg.crossing.push_back(xi);
    cg.queue.push_back(std::move(q));
  }
  for (auto& f : cm.model.facilities)
    if (auto it = o.site_capacity_share.find(f.name); it != o.site_capacity_share.end())
      for (auto& opt : f.options) opt.capacity *= it->second;
  // A direct parcel's promise runs hub -> door: the crossing's wait counts against it.
  // Paths that miss it with the background's wait alone can never keep it.
  std::vector<solver::DirectPath> kept;
  std::vector<int> kept_route;
  for (std::size_t k = 0; k < cm.model.direct.size(); ++k) {
    const auto& r = cm.net.direct[cm.direct_route[k]];
    const int q = queue_of_crossing[r.crossing];
    const double wait = q >= 0 ? cg.queue[q].wait_hours(0.0) : 0.0;
    if (r.hours + wait > 24.0 * s.zones[r.zone].promise_days + kPromiseEpsHours) continue;
    kept.push_back(cm.model.direct[k]);
    kept_route.push_back(cm.direct_route[k]);
  }
  cm.model.direct = std::move(kept);
  cm.direct_route = std::move(kept_route);
  return cg;
}

solver::Solution solve_congested(const CorridorModel& cm,
                                 const CongestionModel& cg,
                                 const PlanOptions& options,
                                 CongestionResult& out) {
  const auto t0 = std::chrono::steady_clock::now();
  const solver::Model& base = cm.model;
  const std::size_t nq = cg.queue.size();
  std::vector<std::vector<double>> points(nq, std::vector<double>{0.0});
  for (std::size_t i = 0; i < nq; ++i) {  // a coarse start: tangents at half and 90 %
    const double cap = base.resources[cg.resource[i]].capacity;
    if (cap > 0.0 && std::isfinite(cap)) {
      points[i].push_back(0.5 * cap);
      points[i].push_back(0.9 * cap);
    }
  }
  solver::SolveOptions so = solve_options(options);
  so.relative_gap = options.gap / 2.0;  // the other half is the outer approximation's
  solver::Solution best;
  best.status = solver::SolveStatus::kNoSolution;
  double best_ub = kInf, best_lb = -kInf;
  long long nodes = 0;
  bool stopped = false;
  int rounds = 0, cuts = 0;
  for (; rounds < options.congestion.max_rounds;) {
    const double used =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    so.time_limit_seconds = options.time_limit_seconds - used;
    const Master m = build_master(base, cg, points);
    cuts = 0;
    for (const auto& p : points) cuts += static_cast<int>(p.size());
    const solver::Solution sol = solver::solve(m.model, so);
    ++rounds;
    nodes += sol.nodes;
    if (sol.status == solver::SolveStatus::kInfeasible ||
        sol.status == solver::SolveStatus::kNoSolution) {
      if (best_ub == kInf) return sol;
      stopped = true;
      break;
    }
    double paid = 0.0;
    solver::Solution mapped = map_back(base, m, sol, paid);
    const std::vector<double> f = crossing_flows(base, cg, mapped);
    double ub = sol.objective - paid;
    for (std::size_t i = 0; i < nq; ++i) ub += cg.cost(i, f[i]);
    best_lb = std::max(best_lb, sol.lower_bound);
    if (ub < best_ub) {
      best_ub = ub;
      best = std::move(mapped);
      report(cm, cg, f, out);
    }
    if (best_ub - best_lb <= options.gap * std::max(1.0, std::abs(best_ub))) break;
    if (sol.status == solver::SolveStatus::kTimeLimit) {
      stopped = true;
      break;
    }
    bool added = false;
    for (std::size_t i = 0; i < nq; ++i) {
      const bool known = std::any_of(points[i].begin(), points[i].end(), [&](double a) {
        return std::abs(a - f[i]) <= kSamePoint * std::max(1.0, f[i]);
      });
      if (!known) {
        points[i].push_back(f[i]);
        added = true;
      }
    }
    if (!added) break;  // every flow already on a tangent: master cost = true cost
  }
  best.objective = best_ub;
  best.lower_bound = std::min(best_lb, best_ub);
  best.gap = (best_ub - best.lower_bound) / std::max(1.0, std::abs(best_ub));
  best.nodes = nodes;
  best.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  best.status = best.gap <= options.gap && !stopped ? solver::SolveStatus::kOptimal
                                                    : solver::SolveStatus::kTimeLimit;
  out.modelled = true;
  out.rounds = rounds;
  out.cuts = cuts;
  out.max_wait_hours = options.congestion.max_wait_hours;
  out.service_scv = options.congestion.service_scv;
  out.value_of_time_per_parcel_hour = cm.net.scenario.value_of_time_per_parcel_hour.value();
  return best;
}

}  // namespace corridor::design
