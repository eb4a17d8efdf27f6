#pragma once
// Expected queueing delay at a border crossing as a function of the corridor's flow
// through it, for the congestion-aware plan (docs/design-model.md, "Congestion at the
// crossings").
//
// Method. A crossing is a c-server FIFO queue (servers, mean processing s = 1/mu, the
// crossing's opening hours) shared with Poisson background freight; the parameters are
// the simulator's (src/sim/prepare.cpp: background rate = share x c x open share / s).
//   * Erlang C for M/M/c: P(wait) = C(c, a), a = lambda/mu, from the Erlang B recursion
//     B_0 = 1, B_k = a B_{k-1} / (k + a B_{k-1}), C = B_c / (1 - rho (1 - B_c)),
//     rho = a/c; Wq = C / (c mu - lambda). Stable for any c; O(c).
//   * M/G/c by Allen-Cunneen: Wq ~= Wq(M/M/c) x (ca^2 + cs^2) / 2 (ca^2 = 1: Poisson
//     arrivals; cs^2 the processing time's squared coefficient of variation).
//   * Opening hours, holidays and closures: the crossing's schedule over the plan's year
//     (scenario::crossing_schedule, the one the simulator applies). Arrivals come around
//     the clock and start service only while the crossing is open; a service started
//     before closing runs to its end (the simulator's rule), so each closing adds about
//     s (1 + cs^2) / 2 hours of work per server (renewal count of starts in an open
//     spell: T/s + (1 + cs^2)/2; exact for exponential service). Three parts of the wait:
//       - waiting for the opening: sum(T_i^2) / (2 H) over the closed spells T_i of the
//         year of H hours (exact for arrivals uniform in time);
//       - the backlog a closure leaves: lambda T_i units arrive while it is shut, all but
//         c of them queue at the opening and drain at a - lambda (fluid), adding
//         sum max(0, lambda T_i - c)^2 / (2 (a - lambda)) unit-hours per year; a = c mu
//         for spells shorter than a day (drained within the next opening), c mu x the
//         weekly rows' effective open share for longer ones (holidays, closures: their
//         backlog lasts days, served only while open). Closures are taken one by one:
//         backlogs of closures days apart that overlap add more than this (a crossing
//         near saturation is underestimated).
//       - the M/G/c queue while open, at the open-time rate lambda / phi_eff (phi_eff:
//         server time including the work past closings, / H).
//     Background freight is background_share of the service capacity over the year
//     (open hours weighted by capacity-cut speeds), the simulator's rate.
//   * A calibration factor (default 1) multiplies the queue part; the plan-simulate loop
//     sets it from the waits the simulator measures.
// The cost of a crossing is g(f) = D x v x f x W(f) per year (f parcels/day, W hours, v
// value of time per parcel-hour, D planning days): increasing and convex in f, steep
// near saturation. The derivative is exact (forward-mode differentiation of the Erlang
// B recursion), so tangent cuts are exact supporting lines.
//
// References: A. K. Erlang (1917); A. O. Allen, "Probability, Statistics, and Queueing
// Theory" (2nd ed., 1990), the Allen-Cunneen approximation; W. Whitt, "Approximations
// for the GI/G/m queue", Production and Operations Management 2(2) (1993) 114-161.

#include <string>
#include <utility>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::design {

/// Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda/mu
/// (erlangs). 1 when a >= c (unstable). `d_da`, when not null, receives dC/da.
double erlang_c(int c, double a, double* d_da = nullptr);

/// Mean wait in queue of M/M/c (time unit of 1/mu); +inf when lambda >= c mu.
double mmc_wait(int c, double lambda, double mu);

/// Allen-Cunneen M/G/c (GI/G/c) mean wait in queue: mmc_wait x (ca2 + cs2) / 2.
double allen_cunneen_wait(int c, double lambda, double mu, double ca2, double cs2);

/// One crossing's queue, in the simulator's terms.
struct CrossingQueue {
  std::string crossing;               // crossings.csv id
  int servers = 1;                    // c
  double service_hours = 0.0;         // mean processing per unit
  double service_scv = 1.0;           // cs^2 (1 exponential, 0 deterministic)
  double open_share = 1.0;            // open hours (speed-weighted) / hours of the year
  double effective_open_share = 1.0;  // phi_eff: server time, work past closings included
  double drain_open_share = 1.0;      // the same for the weekly rows alone (no holidays)
  double closure_wait_hours = 0.0;    // mean wait for the opening of an arrival
  double horizon_hours = 0.0;         // H: hours of the plan's year
  std::vector<std::pair<double, int>> closed_spells;  // (length in hours, how many)
  double background_per_hour = 0.0;  // other freight, units/hour (around the clock)
  double parcels_per_unit = 1.0;     // as the simulator packs them (whole number)
  double calibration = 1.0;          // multiplies the queue part of the wait

  /// Mean wait of a unit (hours) with the corridor sending `flow` parcels/day; +inf at
  /// or past saturation. `slope`, when not null, receives dW/dflow (hours per parcel/day).
  double wait_hours(double flow, double* slope = nullptr) const;
  /// Mean extra wait (hours) from the backlogs closures leave, with `flow` parcels/day;
  /// `slope`, when not null, receives its derivative per parcel/day.
  double backlog_hours(double flow, double* slope = nullptr) const;
  /// Utilisation of the servers while open, background included.
  double utilisation(double flow) const;
  /// Corridor flow (parcels/day) at which the crossing saturates (utilisation 1); 0 when
  /// the background alone saturates it.
  double saturation_flow() const;
  /// Largest flow whose wait is at most `hours` (bisection to 1e-9 relative); 0 when even
  /// no corridor flow keeps the wait within it.
  double flow_for_wait(double hours) const;
};

/// The queue of crossing `cr` of (variant-applied) scenario `s` over the plan's year
/// (scenario::plan_year), with the processing time's squared coefficient of variation
/// `service_scv`.
CrossingQueue crossing_queue(const scenario::Scenario& s,
                             const scenario::Crossing& cr,
                             double service_scv);

}  // namespace corridor::design
