#pragma once
// Seeded generator of corridor-shaped design models: Xinjiang hubs feed warehouse sites
// in Kazakhstan through a few border crossings (capacitated resources, like Khorgos and
// Dostyk), sites come in three sizes, zones are served from sites within a promise
// radius, and some zones can also be served direct (hub -> crossing -> zone, e.g.
// cross-border parcel post). Unserved demand costs a penalty. Geometry is a 2000 x 1000
// km box (Kazakhstan-like extent) with the crossings on its eastern edge. Costs are
// annual (per-parcel cost x 360 days). Deterministic for a seed on every platform.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/solver/model.hpp"

namespace corridor::bench {

struct CorridorShape {
  int hubs = 3;
  int crossings = 5;
  int sites = 100;
  int zones = 1000;
  double promise_radius_km = 150.0;
  std::uint64_t seed = 1;
};

class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t s_;
};

inline design::solver::Model generate_corridor(const CorridorShape& shape) {
  using namespace design::solver;
  constexpr double kDays = 360.0;
  SplitMix rng(shape.seed);
  struct Pt {
    double x, y;
  };
  auto dist = [](Pt a, Pt b) { return std::hypot(a.x - b.x, a.y - b.y); };
  std::vector<Pt> hubs(shape.hubs), crossings(shape.crossings), sites(shape.sites),
      zones(shape.zones);
  for (auto& h : hubs) h = {rng.uniform(2100, 2600), rng.uniform(100, 900)};
  for (auto& c : crossings) c = {2000, rng.uniform(100, 900)};
  // Population clusters: zones and sites concentrate around a few cities.
  std::vector<Pt> cities(12);
  for (auto& c : cities) c = {rng.uniform(100, 1900), rng.uniform(100, 900)};
  auto near_city = [&](double spread) {
    const Pt c = cities[rng.next() % cities.size()];
    return Pt{std::clamp(c.x + rng.uniform(-spread, spread), 0.0, 2000.0),
              std::clamp(c.y + rng.uniform(-spread, spread), 0.0, 1000.0)};
  };
  for (auto& s : sites)
    s = rng.uniform(0, 1) < 0.7 ? near_city(250) : Pt{rng.uniform(0, 2000), rng.uniform(0, 1000)};
  for (auto& z : zones)
    z = rng.uniform(0, 1) < 0.8 ? near_city(300) : Pt{rng.uniform(0, 2000), rng.uniform(0, 1000)};

  Model m;
  m.needs_supply = true;
  double total = 0.0;
  for (int j = 0; j < shape.zones; ++j) {
    const double d = std::round(std::exp(rng.uniform(std::log(5.0), std::log(80.0))));
    m.demand.push_back(d);
    total += d;
  }
  // Sizes: capacity as a share of mean site load so that roughly a third of sites open.
  const double mean_load = 3.0 * total / shape.sites;
  for (int i = 0; i < shape.sites; ++i) {
    Facility f;
    f.name = "site" + std::to_string(i);
    const double scale = rng.uniform(0.8, 1.25);  // land and labour prices
    f.options = {{0.5 * mean_load, 1.2e5 * scale, 0.30 * kDays},
                 {1.0 * mean_load, 2.0e5 * scale, 0.25 * kDays},
                 {2.0 * mean_load, 3.4e5 * scale, 0.20 * kDays}};
    m.facilities.push_back(std::move(f));
  }
  // Resources: crossings (capacity ~ 1.3x demand in total) then hub supply caps.
  for (int c = 0; c < shape.crossings; ++c)
    m.resources.push_back(
        {"crossing" + std::to_string(c), 1.3 * total / shape.crossings * rng.uniform(0.6, 1.4)});
  for (int h = 0; h < shape.hubs; ++h)
    m.resources.push_back({"hub" + std::to_string(h), 0.6 * total * rng.uniform(0.8, 1.2)});
  std::vector<double> fee(shape.crossings);
  for (auto& f : fee) f = rng.uniform(0.2, 0.6);
  const double rate = 0.0015;      // per parcel-km (consolidated line haul)
  const double last_mile = 0.004;  // per parcel-km (van)
  for (int i = 0; i < shape.sites; ++i)
    for (int h = 0; h < shape.hubs; ++h)
      for (int c = 0; c < shape.crossings; ++c) {
        const double km = dist(hubs[h], crossings[c]) + dist(crossings[c], sites[i]);
        m.supply.push_back({i, (rate * km + fee[c]) * kDays, {c, shape.crossings + h}});
      }
  // Sparse arcs within the promise radius (grid buckets).
  const double r = shape.promise_radius_km;
  const int gx = static_cast<int>(std::ceil(2000 / r)) + 1,
            gy = static_cast<int>(std::ceil(1000 / r)) + 1;
  std::vector<std::vector<int>> grid(static_cast<std::size_t>(gx) * gy);
  auto cell = [&](Pt p) {
    return std::min(gx - 1, static_cast<int>(p.x / r)) * gy +
           std::min(gy - 1, static_cast<int>(p.y / r));
  };
  for (int i = 0; i < shape.sites; ++i) grid[cell(sites[i])].push_back(i);
  for (int j = 0; j < shape.zones; ++j) {
    const int cx = std::min(gx - 1, static_cast<int>(zones[j].x / r));
    const int cy = std::min(gy - 1, static_cast<int>(zones[j].y / r));
    for (int ax = std::max(0, cx - 1); ax <= std::min(gx - 1, cx + 1); ++ax)
      for (int ay = std::max(0, cy - 1); ay <= std::min(gy - 1, cy + 1); ++ay)
        for (int i : grid[ax * gy + ay]) {
          const double km = dist(sites[i], zones[j]);
          if (km <= r) m.arcs.push_back({i, j, (0.3 + last_mile * km) * kDays});
        }
    // Direct: parcel post from the nearest hub through the nearest crossing, for a
    // quarter of the zones (where the promise allows it).
    if (rng.uniform(0, 1) < 0.25) {
      int bc = 0;
      for (int c = 1; c < shape.crossings; ++c)
        if (dist(crossings[c], zones[j]) < dist(crossings[bc], zones[j])) bc = c;
      const double km = dist(hubs[0], crossings[bc]) + dist(crossings[bc], zones[j]);
      m.direct.push_back({j, (1.2 + fee[bc] + 0.002 * km) * kDays, {bc, shape.crossings}});
    }
  }
  m.unmet_penalty = 12.0 * kDays;
  return m;
}

}  // namespace corridor::bench
