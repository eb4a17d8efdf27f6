#pragma once
// Seeded random design models for the solver's cross-checks (random_test.cpp,
// alternatives_test.cpp): small enough to enumerate every option assignment.
#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "corridor/solver/model.hpp"

namespace corridor::design::solver::testing {

// SplitMix64: our own generator so the instances are the same everywhere.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

/// `extra_facilities` / `extra_options` grow the model beyond the default 2-4 facilities
/// with 1-2 options (the K-best tests need more open sets than that).
inline Model random_model(std::uint64_t seed, int extra_facilities = 0, int extra_options = 0) {
  Rng r{seed};
  Model m;
  const int nf = 2 + r.below(3) + extra_facilities, nc = 2 + r.below(4) + extra_facilities;
  const int nr = r.below(3);
  m.needs_supply = nr > 0 && r.below(2) == 0;
  for (int i = 0; i < nf; ++i) {
    Facility f;
    f.name = fmt::format("f{}", i);
    const int no = 1 + r.below(2 + extra_options);
    for (int k = 0; k < no; ++k)
      f.options.push_back({r.uniform(10, 60), r.uniform(20, 200), r.uniform(0, 2)});
    f.forced_open = r.below(6) == 0;
    m.facilities.push_back(f);
  }
  for (int j = 0; j < nc; ++j) m.demand.push_back(std::round(r.uniform(1, 25)));
  for (int i = 0; i < nf; ++i)
    for (int j = 0; j < nc; ++j)
      if (r.below(4) != 0) m.arcs.push_back({i, j, r.uniform(1, 10)});
  for (int k = 0; k < nr; ++k) m.resources.push_back({fmt::format("r{}", k), r.uniform(10, 60)});
  if (m.needs_supply)
    for (int i = 0; i < nf; ++i)
      for (int t = 0; t < 1 + r.below(2); ++t)
        m.supply.push_back({i, r.uniform(1, 5), {r.below(nr)}});
  if (nr > 0)
    for (int j = 0; j < nc; ++j)
      if (r.below(3) == 0) m.direct.push_back({j, r.uniform(5, 15), {r.below(nr)}});
  if (r.below(2) == 0) m.unmet_penalty = r.uniform(10, 30);
  if (r.below(3) == 0) m.max_open = 1 + r.below(nf);
  return m;
}

}  // namespace corridor::design::solver::testing
