// corridor_design_bench: time to a relative gap on a generated corridor-shaped model.
//   corridor_design_bench [--sites N] [--zones N] [--hubs N] [--crossings N]
//                         [--radius KM] [--seed S] [--gap G] [--time-limit S]
//                         [--threads N] [--progress] [--write-lp FILE]
// Prints the model size, objective, bound, gap, status, nodes, seconds, the fixed-option
// LPs solved and their seconds, and peak RSS.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "corridor_gen.hpp"

int main(int argc, char** argv) {
  corridor::bench::CorridorShape shape;
  shape.sites = 1000;
  shape.zones = 10000;
  corridor::design::solver::SolveOptions opt;
  opt.relative_gap = 1e-3;
  std::string lp_out;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto next = [&]() { return a + 1 < argc ? std::atof(argv[++a]) : 0.0; };
    if (arg == "--sites")
      shape.sites = static_cast<int>(next());
    else if (arg == "--zones")
      shape.zones = static_cast<int>(next());
    else if (arg == "--hubs")
      shape.hubs = static_cast<int>(next());
    else if (arg == "--crossings")
      shape.crossings = static_cast<int>(next());
    else if (arg == "--radius")
      shape.promise_radius_km = next();
    else if (arg == "--seed")
      shape.seed = static_cast<std::uint64_t>(next());
    else if (arg == "--gap")
      opt.relative_gap = next();
    else if (arg == "--time-limit")
      opt.time_limit_seconds = next();
    else if (arg == "--threads")
      opt.threads = static_cast<int>(next());
    else if (arg == "--progress")
      opt.progress = &std::cerr;
    else if (arg == "--write-lp" && a + 1 < argc)
      lp_out = argv[++a];
    else {
      std::fprintf(stderr, "unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  const auto m = corridor::bench::generate_corridor(shape);
  if (!lp_out.empty()) {
    std::ofstream out(lp_out);
    corridor::design::solver::write_lp(m, out);
    return out ? 0 : 1;
  }
  std::printf("sites %d zones %d arcs %zu supply %zu direct %zu resources %zu\n",
              shape.sites,
              shape.zones,
              m.arcs.size(),
              m.supply.size(),
              m.direct.size(),
              m.resources.size());
  const auto s = corridor::design::solver::solve(m, opt);
  int open = 0;
  for (int k : s.option) open += k >= 0 ? 1 : 0;
  double unmet = 0;
  for (double u : s.unmet) unmet += u;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "objective %.2f bound %.2f gap %.4f%% status %d nodes %lld open %d unmet %.1f "
      "seconds %.2f lp_solves %lld lp_seconds %.2f peak_rss_mb %.0f\n",
      s.objective,
      s.lower_bound,
      100 * s.gap,
      static_cast<int>(s.status),
      s.nodes,
      open,
      unmet,
      s.seconds,
      s.lp_solves,
      s.lp_seconds,
      static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
