// Google Benchmark micro-benchmarks of the event engine.
// BM_EventQueueHold: the "hold" model (pop the earliest event, push one a random
// exponential time later) at a steady pending-set size n, the classic measure of a
// pending-event set (Jones 1986); the corridor model keeps n in the hundreds
// (arrival streams, trains, units at crossings), M/M/c keeps n = c + 1.

#include <benchmark/benchmark.h>

#include "engine.hpp"
#include "mmc.hpp"
#include "random.hpp"

namespace {

void BM_EventQueueHold(benchmark::State& state) {
  using namespace corridor::sim;
  const auto n = static_cast<std::size_t>(state.range(0));
  EventQueue<std::uint64_t> q;
  Rng rng(1);
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) q.push({rng.exponential(1.0), seq++, i});
  for (auto _ : state) {
    auto ev = q.pop();
    q.push({ev.time + rng.exponential(1.0), seq++, ev.payload});
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(4)->Arg(256)->Arg(65536);

void BM_Mmc(benchmark::State& state) {
  using namespace corridor::sim;
  MmcParams p;
  p.servers = static_cast<int>(state.range(0));
  p.lambda = 0.9 * p.servers;
  p.warmup = 0;
  p.horizon = 1e5;
  std::uint64_t events = 0;
  for (auto _ : state) events += run_mmc(p).events;
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_Mmc)->Arg(1)->Arg(8);

}  // namespace

BENCHMARK_MAIN();
