// Google Benchmark micro-benchmarks of the design solver.
// BM_SolveOrlib: OR-Library cap71 (16 warehouses x 50 customers), the classic CFLP shape.
// BM_SolveCorridor: a generated corridor (3 hubs, 5 crossings, N sites, 10 N zones,
// 150 km promise radius): the planning model's shape at small scale.
#include <benchmark/benchmark.h>

#include "corridor_gen.hpp"

namespace {

void BM_SolveOrlib(benchmark::State& state) {
  const auto m =
      corridor::design::solver::read_orlib(std::string(CORRIDOR_ORLIB_DIR) + "/cap71.txt");
  for (auto _ : state) benchmark::DoNotOptimize(corridor::design::solver::solve(m).objective);
}
BENCHMARK(BM_SolveOrlib)->Unit(benchmark::kMillisecond);

void BM_SolveCorridor(benchmark::State& state) {
  corridor::bench::CorridorShape shape;
  shape.sites = static_cast<int>(state.range(0));
  shape.zones = 10 * shape.sites;
  const auto m = corridor::bench::generate_corridor(shape);
  corridor::design::solver::SolveOptions opt;
  opt.relative_gap = 1e-2;
  opt.time_limit_seconds = 30;
  for (auto _ : state) benchmark::DoNotOptimize(corridor::design::solver::solve(m, opt).objective);
}
BENCHMARK(BM_SolveCorridor)->Arg(10)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
