#pragma once
// A bare M/M/c queue on the generic engine: Poisson arrivals (rate lambda), c
// servers, exponential service (rate mu), FIFO, always open. It exists to test the
// engine alone against Erlang C and to benchmark it against SimPy (bench/sim/);
// the corridor model reproduces the same system through a scenario (tests).
// Cost: two events per customer, O(log n) each with n <= 2 pending events + c.

#include <cstdint>

namespace corridor::sim {

struct MmcParams {
  double lambda = 0.8;   // arrivals per unit time
  double mu = 1.0;       // services per unit time per server
  int servers = 1;       // c
  double warmup = 1e3;   // statistics start here
  double horizon = 1e5;  // statistics end here (the run stops)
  std::uint64_t seed = 1;
};

struct MmcResult {
  double wq_mean = 0.0;         // mean wait in queue of customers arriving in the window
  double lq_mean = 0.0;         // time-average number waiting over the window
  double l_mean = 0.0;          // time-average number in system over the window
  double utilisation = 0.0;     // time-average busy servers / c
  double arrival_rate = 0.0;    // observed arrivals per unit time in the window
  std::uint64_t customers = 0;  // customers that started service in the window
  std::uint64_t events = 0;     // events processed over the whole run
};

MmcResult run_mmc(const MmcParams& params);

}  // namespace corridor::sim
