// corridor_orlib_bench: solves one OR-Library instance with the design solver and
// prints one line "name capacity objective lower_bound gap status nodes seconds";
// optionally writes the exact MIP as CPLEX LP for the peer (cbc) to solve.
//   corridor_orlib_bench FILE [--capacity Q] [--write-lp OUT.lp] [--time-limit S]
//                        [--threads N] [--alternatives K] [--progress]
// With --alternatives K, one more line per ranked plan: "rank objective open-set".
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/solver/model.hpp"

using corridor::design::solver::Model;
using corridor::design::solver::SolveOptions;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: corridor_orlib_bench FILE [--capacity Q] [--write-lp OUT] "
                 "[--time-limit S] [--threads N] [--alternatives K] [--progress]\n");
    return 2;
  }
  std::string file = argv[1], lp_out;
  std::optional<double> capacity;
  SolveOptions opt;
  for (int a = 2; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--capacity" && a + 1 < argc) {
      capacity = std::atof(argv[++a]);
    } else if (arg == "--write-lp" && a + 1 < argc) {
      lp_out = argv[++a];
    } else if (arg == "--time-limit" && a + 1 < argc) {
      opt.time_limit_seconds = std::atof(argv[++a]);
    } else if (arg == "--threads" && a + 1 < argc) {
      opt.threads = std::atoi(argv[++a]);
    } else if (arg == "--alternatives" && a + 1 < argc) {
      opt.alternatives = std::atoi(argv[++a]);
    } else if (arg == "--progress") {
      opt.progress = &std::cerr;
    } else {
      std::fprintf(stderr, "unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  try {
    const Model m = corridor::design::solver::read_orlib(file, capacity);
    if (!lp_out.empty()) {
      std::ofstream out(lp_out);
      corridor::design::solver::write_lp(m, out);
      return out ? 0 : 1;
    }
    const auto s = corridor::design::solver::solve(m, opt);
    std::printf("%s %g %.6f %.6f %.3g %s %lld %.3f\n",
                file.c_str(),
                capacity.value_or(0.0),
                s.objective,
                s.lower_bound,
                s.gap,
                s.status == corridor::design::solver::SolveStatus::kOptimal      ? "optimal"
                : s.status == corridor::design::solver::SolveStatus::kTimeLimit  ? "time_limit"
                : s.status == corridor::design::solver::SolveStatus::kNoSolution ? "no_solution"
                                                                                 : "infeasible",
                s.nodes,
                s.seconds);
    auto open_set = [](const std::vector<int>& option) {
      std::string o;
      for (std::size_t i = 0; i < option.size(); ++i)
        if (option[i] >= 0) o += (o.empty() ? "" : ",") + std::to_string(i + 1);
      return o;
    };
    if (opt.alternatives > 1) {
      std::printf("rank 1 %.6f %s\n", s.objective, open_set(s.option).c_str());
      for (std::size_t r = 0; r < s.alternatives.size(); ++r)
        std::printf("rank %zu %.6f %s\n",
                    r + 2,
                    s.alternatives[r].objective,
                    open_set(s.alternatives[r].option).c_str());
    }
    return 0;
  } catch (const corridor::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
