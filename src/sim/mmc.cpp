#include "mmc.hpp"

#include <deque>

#include "engine.hpp"
#include "random.hpp"
#include "stats.hpp"

namespace corridor::sim {

MmcResult run_mmc(const MmcParams& p) {
  enum Kind : std::uint32_t { kArrival, kDeparture };
  Engine<std::uint32_t> engine;
  Rng rng(p.seed);
  std::deque<double> waiting;  // arrival times, FIFO
  int busy = 0;
  const double mean_ia = 1.0 / p.lambda;
  const double mean_s = 1.0 / p.mu;

  TimeAverage queue_len, in_system, busy_servers;
  bool window = false;
  double wait_sum = 0.0;
  std::uint64_t started = 0;
  std::uint64_t arrivals = 0;

  auto start_window = [&] {
    window = true;
    const double q = static_cast<double>(waiting.size());
    queue_len.reset(p.warmup, q);
    in_system.reset(p.warmup, q + busy);
    busy_servers.reset(p.warmup, busy);
  };
  auto record_levels = [&](double t) {
    if (!window) return;
    const double q = static_cast<double>(waiting.size());
    queue_len.set(t, q);
    in_system.set(t, q + busy);
    busy_servers.set(t, busy);
  };

  engine.schedule(rng.exponential(mean_ia), kArrival);
  auto handler = [&](const Event<std::uint32_t>& ev) {
    const double t = ev.time;
    if (ev.payload == kArrival) {
      if (window) ++arrivals;
      engine.schedule(t + rng.exponential(mean_ia), kArrival);
      if (busy < p.servers) {
        ++busy;
        if (window) ++started;  // waited zero
        engine.schedule(t + rng.exponential(mean_s), kDeparture);
      } else {
        waiting.push_back(t);
      }
    } else {
      if (!waiting.empty()) {
        const double arrived = waiting.front();
        waiting.pop_front();
        if (arrived >= p.warmup) {
          wait_sum += t - arrived;
          ++started;
        }
        engine.schedule(t + rng.exponential(mean_s), kDeparture);
      } else {
        --busy;
      }
    }
    record_levels(t);
  };
  engine.run_until(p.warmup, handler);
  start_window();
  engine.run_until(p.horizon, handler);

  MmcResult r;
  r.customers = started;
  r.wq_mean = started ? wait_sum / static_cast<double>(started) : 0.0;
  r.lq_mean = queue_len.mean(p.horizon);
  r.l_mean = in_system.mean(p.horizon);
  r.utilisation = busy_servers.mean(p.horizon) / p.servers;
  r.arrival_rate = static_cast<double>(arrivals) / (p.horizon - p.warmup);
  r.events = engine.processed();
  return r;
}

}  // namespace corridor::sim
