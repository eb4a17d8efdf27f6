#include "congestion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "corridor/network.hpp"

namespace corridor::design {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A closure this long (hours) or longer leaves a backlog that outlasts the next opening:
// it drains at the weekly calendar's average service rate, not the open-hours one.
constexpr double kLongSpellHours = 24.0;

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
  if (effective_open_share <= 0.0) return kInf;
  const double lambda = background_per_hour + flow / (parcels_per_unit * 24.0);
  return lambda * service_hours / (servers * effective_open_share);
}

double CrossingQueue::backlog_hours(double flow, double* slope) const {
  if (slope) *slope = 0.0;
  const double lambda = background_per_hour + flow / (parcels_per_unit * 24.0);
  if (service_hours <= 0.0 || lambda <= 0.0 || horizon_hours <= 0.0) return 0.0;
  // Mean over arrivals: sum n (lambda T - c)^2 / (2 (a - lambda)) / (lambda H), a the
  // service rate the backlog drains at: c mu within an open spell; c mu x the weekly
  // open share for spells of a day or more, whose backlog outlasts the next opening.
  double value = 0.0, d_lambda = 0.0;
  for (const auto& [spell, n] : closed_spells) {
    const double excess = lambda * spell - servers;
    if (excess <= 0.0) continue;
    const double a = servers / service_hours * (spell >= kLongSpellHours ? drain_open_share : 1.0);
    if (a <= lambda) {
      if (slope) *slope = kInf;
      return kInf;
    }
    const double den = (a - lambda) * lambda, d_den = a - 2.0 * lambda;
    value += n * excess * excess / den;
    d_lambda += n * (2.0 * spell * excess / den - excess * excess * d_den / (den * den));
  }
  const double scale = calibration / (2.0 * horizon_hours);
  if (slope) *slope = scale * d_lambda / (parcels_per_unit * 24.0);
  return scale * value;
}

double CrossingQueue::wait_hours(double flow, double* slope) const {
  if (slope) *slope = 0.0;
  if (service_hours <= 0.0) return closure_wait_hours;
  if (effective_open_share <= 0.0) return kInf;
  const double mu = 1.0 / service_hours;
  const double per_flow = 1.0 / (parcels_per_unit * 24.0 * effective_open_share);
  const double lambda =
      (background_per_hour + flow / (parcels_per_unit * 24.0)) / effective_open_share;
  const double cap = servers * mu;
  if (lambda >= cap) {
    if (slope) *slope = kInf;
    return kInf;
  }
  if (lambda <= 0.0) return closure_wait_hours;
  double db = 0.0;
  const double backlog = backlog_hours(flow, &db);
  const double factor = calibration * (1.0 + service_scv) / 2.0;
  double dc = 0.0;
  const double pw = erlang_c(servers, lambda / mu, &dc);
  const double gap = cap - lambda;
  const double wq = pw / gap;
  if (slope) {
    const double dwq_dlambda = (dc / mu) / gap + pw / (gap * gap);
    *slope = factor * dwq_dlambda * per_flow + db;
  }
  return closure_wait_hours + backlog + factor * wq;
}

double CrossingQueue::saturation_flow() const {
  if (service_hours <= 0.0) return kInf;
  const double free_per_hour = servers * effective_open_share / service_hours - background_per_hour;
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

namespace {

// Open share, closure wait and closed spells of crossing `cr` over the plan's year.
void set_schedule(const scenario::Scenario& s, const scenario::Crossing& cr, CrossingQueue& q) {
  const int year = scenario::plan_year(s);
  const long first = scenario::days_from_civil(year, 1, 1);
  const int days = static_cast<int>(scenario::days_from_civil(year + 1, 1, 1) - first);
  const auto sched = scenario::crossing_schedule(s, cr, first, days, true);
  const double h = 24.0 * days;
  q.horizon_hours = h;
  q.open_share = sched.open_hours(0, days, true) / h;
  std::map<double, int> spells;
  double sq = 0.0;
  for (double t : sched.closed_spells()) {
    ++spells[t];
    sq += t * t;
  }
  q.closed_spells.assign(spells.begin(), spells.end());
  q.closure_wait_hours = q.open_share > 0.0 ? sq / (2.0 * h) : kInf;
  // Work past each closing: the renewal count of service starts in an open spell.
  const double per_closing = q.service_hours * (1.0 + q.service_scv) / 2.0;
  auto effective = [&](double open_share, std::size_t closings) {
    if (open_share <= 0.0 || open_share >= 1.0) return std::max(0.0, open_share);
    return std::min(1.0, open_share + static_cast<double>(closings) * per_closing / h);
  };
  q.effective_open_share = effective(q.open_share, sched.closed_spells().size());
  const auto week = scenario::crossing_schedule(s, cr, first, days, false);
  q.drain_open_share = effective(week.open_hours(0, days) / h, week.closed_spells().size());
}

}  // namespace

CrossingQueue crossing_queue(const scenario::Scenario& s,
                             const scenario::Crossing& cr,
                             double service_scv) {
  CrossingQueue q;
  q.crossing = cr.id;
  q.servers = std::max(1, cr.servers);
  q.service_hours = cr.processing_hours.value();
  q.service_scv = service_scv;
  set_schedule(s, cr, q);
  if (cr.background_share > 0.0 && q.service_hours > 0.0)
    q.background_per_hour = cr.background_share * q.servers * q.open_share / q.service_hours;
  q.parcels_per_unit = std::max(1.0, std::round(network::parcels_per_unit(s, cr.unit)));
  return q;
}

}  // namespace corridor::design
