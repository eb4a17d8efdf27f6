#include "congestion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "corridor/network.hpp"

namespace corridor::design {

namespace {

constexpr double kHoursPerWeek = 168.0;
constexpr double kInf = std::numeric_limits<double>::infinity();

using Spell = std::pair<double, double>;  // [from, to) in hours of the week, Monday 0:00 = 0

// The weekly open spells of a calendar, merged; none named or no weekly row = always open
// (the simulator's rule, src/sim/prepare.cpp calendar_rules).
std::vector<Spell> open_spells(const scenario::Scenario& s, const std::string& calendar) {
  std::vector<Spell> v;
  bool has_weekly = false;
  for (const auto& r : s.calendars) {
    if (r.calendar != calendar || r.kind != scenario::CalendarRule::Kind::kWeekly) continue;
    has_weekly = true;
    for (int w = 0; w < 7; ++w)
      if (r.weekdays & (1u << w)) v.emplace_back(24.0 * w + r.open_hour, 24.0 * w + r.close_hour);
  }
  if (calendar.empty() || !has_weekly) return {{0.0, kHoursPerWeek}};
  std::sort(v.begin(), v.end());
  std::vector<Spell> merged;
  for (const auto& sp : v) {
    if (!merged.empty() && sp.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, sp.second);
    else
      merged.push_back(sp);
  }
  return merged;
}

// Open share and the mean wait for the opening of an arrival uniform over the week:
// sum of T^2 / (2 x 168) over the closed spells T (the last one wraps into the first).
std::pair<double, double> open_share_and_closure_wait(const std::vector<Spell>& open) {
  if (open.empty()) return {0.0, kInf};
  double open_hours = 0.0, sq = 0.0;
  for (std::size_t i = 0; i < open.size(); ++i) {
    open_hours += open[i].second - open[i].first;
    const double next = i + 1 < open.size() ? open[i + 1].first : open[0].first + kHoursPerWeek;
    const double closed = next - open[i].second;
    sq += closed * closed;
  }
  return {open_hours / kHoursPerWeek, sq / (2.0 * kHoursPerWeek)};
}

}  // namespace

double erlang_c(int c, double a, double* d_da) {
  if (d_da) *d_da = 0.0;
  if (c < 1 || a >= c) return 1.0;
  if (a <= 0.0) return 0.0;
  // Erlang B by its stable recursion, differentiated alongside (forward mode).
  double b = 1.0, db = 0.0;
  for (int k = 1; k <= c; ++k) {
    const double den = k + a * b;
    const double nb = a * b / den;
    db = k * (b + a * db) / (den * den);
    b = nb;
  }
  const double rho = a / c;
  const double den = 1.0 - rho * (1.0 - b);
  const double cc = b / den;
  if (d_da) {
    const double dden = -(1.0 - b) / c + rho * db;
    *d_da = (db * den - b * dden) / (den * den);
  }
  return cc;
}

double mmc_wait(int c, double lambda, double mu) {
  if (lambda <= 0.0) return 0.0;
  if (lambda >= c * mu) return kInf;
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

double allen_cunneen_wait(int c, double lambda, double mu, double ca2, double cs2) {
  return mmc_wait(c, lambda, mu) * (ca2 + cs2) / 2.0;
}

double CrossingQueue::utilisation(double flow) const {
  if (open_share <= 0.0) return kInf;
  const double lambda = background_per_hour + flow / (parcels_per_unit * 24.0);
  return lambda * service_hours / (servers * open_share);
}

double CrossingQueue::wait_hours(double flow, double* slope) const {
  if (slope) *slope = 0.0;
  if (service_hours <= 0.0) return closure_wait_hours;
  if (open_share <= 0.0) return kInf;
  const double mu = 1.0 / service_hours;
  const double per_flow = 1.0 / (parcels_per_unit * 24.0 * open_share);  // d lambda_open / df
  const double lambda = (background_per_hour + flow / (parcels_per_unit * 24.0)) / open_share;
  const double cap = servers * mu;
  if (lambda >= cap) {
    if (slope) *slope = kInf;
    return kInf;
  }
  const double factor = calibration * (1.0 + service_scv) / 2.0;
  if (lambda <= 0.0) return closure_wait_hours;
  double dc = 0.0;
  const double pw = erlang_c(servers, lambda / mu, &dc);
  const double gap = cap - lambda;
  const double wq = pw / gap;
  if (slope) {
    const double dwq_dlambda = (dc / mu) / gap + pw / (gap * gap);
    *slope = factor * dwq_dlambda * per_flow;
  }
  return closure_wait_hours + factor * wq;
}

double CrossingQueue::saturation_flow() const {
  if (service_hours <= 0.0) return kInf;
  const double free_per_hour = servers * open_share / service_hours - background_per_hour;
  return std::max(0.0, free_per_hour * parcels_per_unit * 24.0);
}

double CrossingQueue::flow_for_wait(double hours) const {
  if (!(wait_hours(0.0) <= hours)) return 0.0;
  double lo = 0.0, hi = saturation_flow();
  if (!std::isfinite(hi)) return kInf;
  for (int it = 0; it < 200 && hi - lo > 1e-9 * std::max(1.0, hi); ++it) {
    const double mid = 0.5 * (lo + hi);
    (wait_hours(mid) <= hours ? lo : hi) = mid;
  }
  return lo;
}

CrossingQueue crossing_queue(const scenario::Scenario& s,
                             const scenario::Crossing& cr,
                             double service_scv) {
  CrossingQueue q;
  q.crossing = cr.id;
  q.servers = std::max(1, cr.servers);
  q.service_hours = cr.processing_hours.value();
  q.service_scv = service_scv;
  const auto [share, closure] = open_share_and_closure_wait(open_spells(s, cr.calendar));
  q.open_share = share;
  q.closure_wait_hours = closure;
  if (cr.background_share > 0.0 && q.service_hours > 0.0)
    q.background_per_hour = cr.background_share * q.servers * share / q.service_hours;
  q.parcels_per_unit = std::max(1.0, std::round(network::parcels_per_unit(s, cr.unit)));
  return q;
}

}  // namespace corridor::design
