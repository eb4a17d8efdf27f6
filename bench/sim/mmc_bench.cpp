// The bare M/M/c queue on corridor's event engine (src/sim/mmc.cpp), timed: the C++
// side of bench/sim/mmc_vs_simpy.sh. Prints one JSON line.
// Models: a border crossing with c lanes, Poisson arrivals, exponential processing.
//
// usage: sim_mmc_bench [customers=2000000] [c=2] [rho=0.8] [seed=1]

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "mmc.hpp"

int main(int argc, char** argv) {
  const double customers = argc > 1 ? std::atof(argv[1]) : 2e6;
  const int c = argc > 2 ? std::atoi(argv[2]) : 2;
  const double rho = argc > 3 ? std::atof(argv[3]) : 0.8;
  const unsigned long long seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1;
  corridor::sim::MmcParams p;
  p.mu = 1.0;
  p.servers = c;
  p.lambda = rho * c * p.mu;
  p.warmup = 0.0;
  p.horizon = customers / p.lambda;
  p.seed = seed;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = corridor::sim::run_mmc(p);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "{\"engine\": \"corridor\", \"customers\": %llu, \"events\": %llu, \"seconds\": %.4f, "
      "\"events_per_second\": %.0f, \"wq\": %.5f, \"utilisation\": %.4f}\n",
      static_cast<unsigned long long>(r.customers),
      static_cast<unsigned long long>(r.events),
      s,
      static_cast<double>(r.events) / s,
      r.wq_mean,
      r.utilisation);
  return 0;
}
